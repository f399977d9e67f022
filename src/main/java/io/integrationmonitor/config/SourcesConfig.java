package io.integrationmonitor.config;

/** The six polled APIs, each with its own schedule; every one is on unless disabled. */
public record SourcesConfig(
        GlueIntegrationsSource glueIntegrations,
        GlueInboundIntegrationsSource glueInboundIntegrations,
        AppIntegrationsSource appintegrations,
        RdsIntegrationsSource rdsIntegrations,
        RedshiftIntegrationsSource redshiftIntegrations,
        RedshiftInboundIntegrationsSource redshiftInboundIntegrations) {

    public SourcesConfig {
        glueIntegrations = glueIntegrations == null ? GlueIntegrationsSource.defaults() : glueIntegrations;
        glueInboundIntegrations =
                glueInboundIntegrations == null ? GlueInboundIntegrationsSource.defaults() : glueInboundIntegrations;
        appintegrations = appintegrations == null ? AppIntegrationsSource.defaults() : appintegrations;
        rdsIntegrations = rdsIntegrations == null ? RdsIntegrationsSource.defaults() : rdsIntegrations;
        redshiftIntegrations =
                redshiftIntegrations == null ? RedshiftIntegrationsSource.defaults() : redshiftIntegrations;
        redshiftInboundIntegrations = redshiftInboundIntegrations == null
                ? RedshiftInboundIntegrationsSource.defaults() : redshiftInboundIntegrations;
        if (!glueIntegrations.enabled() && !glueInboundIntegrations.enabled() && !appintegrations.enabled()
                && !rdsIntegrations.enabled() && !redshiftIntegrations.enabled()
                && !redshiftInboundIntegrations.enabled()) {
            throw KeyProblem.at("",
                    "every source is disabled, so nothing would be polled: enable at least one of"
                            + " glue_integrations, glue_inbound_integrations, appintegrations, rds_integrations,"
                            + " redshift_integrations, redshift_inbound_integrations").exception();
        }
    }

    /** The Glue and AppIntegrations sources as given; the RDS and Redshift ones at their defaults. */
    public SourcesConfig(GlueIntegrationsSource glueIntegrations,
                         GlueInboundIntegrationsSource glueInboundIntegrations,
                         AppIntegrationsSource appintegrations) {
        this(glueIntegrations, glueInboundIntegrations, appintegrations, null, null, null);
    }

    public static SourcesConfig defaults() {
        return new SourcesConfig(null, null, null, null, null, null);
    }
}
