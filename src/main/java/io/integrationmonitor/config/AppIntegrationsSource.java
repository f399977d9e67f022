package io.integrationmonitor.config;

import java.time.Duration;

/** AppIntegrations {@code ListDataIntegrations} then {@code ListDataIntegrationAssociations} for each. */
public record AppIntegrationsSource(Boolean enabled, Duration interval, Integer pageSize) {
    public AppIntegrationsSource {
        enabled = enabled == null || enabled;
        interval = interval == null ? Duration.ofSeconds(60) : interval;
        pageSize = pageSize == null ? 50 : pageSize;
        Validation.atLeast(interval, Duration.ofSeconds(1), "interval");
        Validation.range(pageSize, 1, 50, "page_size");
    }

    public static AppIntegrationsSource defaults() {
        return new AppIntegrationsSource(null, null, null);
    }
}
