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
    }

    public static SourcesConfig defaults() {
        return new SourcesConfig(null, null, null);
    }
}
