package io.integrationmonitor.config;

/** The three polled APIs, each with its own schedule. */
public record SourcesConfig(
        GlueIntegrationsSource glueIntegrations,
        GlueInboundIntegrationsSource glueInboundIntegrations,
        AppIntegrationsSource appintegrations) {

    public SourcesConfig {
        glueIntegrations = glueIntegrations == null ? GlueIntegrationsSource.defaults() : glueIntegrations;
        glueInboundIntegrations =
                glueInboundIntegrations == null ? GlueInboundIntegrationsSource.defaults() : glueInboundIntegrations;
        appintegrations = appintegrations == null ? AppIntegrationsSource.defaults() : appintegrations;
        if (!glueIntegrations.enabled() && !glueInboundIntegrations.enabled() && !appintegrations.enabled()) {
            throw KeyProblem.at("",
                    "every source is disabled, so nothing would be polled: enable at least one of"
                            + " glue_integrations, glue_inbound_integrations, appintegrations").exception();
        }
    }

    public static SourcesConfig defaults() {
        return new SourcesConfig(null, null, null);
    }
}
