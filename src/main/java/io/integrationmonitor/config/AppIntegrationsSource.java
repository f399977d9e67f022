package io.integrationmonitor.config;

import java.time.Duration;

/**
 * AppIntegrations {@code ListDataIntegrations} then {@code ListDataIntegrationAssociations} for each.
 *
 * @param maxPages        pages one poll may read, every listing together, before it fails; default 2,000
 * @param maxPollDuration time one poll may take before it fails; default five intervals
 */
public record AppIntegrationsSource(Boolean enabled, Duration interval, Integer pageSize, Integer maxPages,
                                    Duration maxPollDuration) {
    public AppIntegrationsSource {
        enabled = enabled == null || enabled;
        interval = interval == null ? Duration.ofSeconds(60) : interval;
        pageSize = pageSize == null ? 50 : pageSize;
        Validation.atLeast(interval, Duration.ofSeconds(1), "interval");
        Validation.range(pageSize, 1, 50, "page_size");
        maxPages = PollLimits.maxPages(maxPages);
        maxPollDuration = PollLimits.maxPollDuration(maxPollDuration, interval);
    }

    public AppIntegrationsSource(Boolean enabled, Duration interval, Integer pageSize) {
        this(enabled, interval, pageSize, null, null);
    }

    public static AppIntegrationsSource defaults() {
        return new AppIntegrationsSource(null, null, null, null, null);
    }
}
