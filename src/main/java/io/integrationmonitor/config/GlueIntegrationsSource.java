package io.integrationmonitor.config;

import java.time.Duration;
import java.util.List;

/**
 * Glue {@code DescribeIntegrations}.
 *
 * @param pageSize        {@code MaxRecords} per page
 * @param filters         passed through as the request's {@code Filters}
 * @param maxPages        pages one poll may read before it fails; default 2,000
 * @param maxPollDuration time one poll may take before it fails; default five intervals
 */
public record GlueIntegrationsSource(Boolean enabled, Duration interval, Integer pageSize, List<GlueFilter> filters,
                                     Integer maxPages, Duration maxPollDuration) {
    public GlueIntegrationsSource {
        enabled = enabled == null || enabled;
        interval = interval == null ? Duration.ofSeconds(60) : interval;
        pageSize = pageSize == null ? 100 : pageSize;
        filters = filters == null ? List.of() : List.copyOf(filters);
        Validation.atLeast(interval, Duration.ofSeconds(1), "interval");
        Validation.range(pageSize, 1, 1000, "page_size");
        maxPages = PollLimits.maxPages(maxPages);
        maxPollDuration = PollLimits.maxPollDuration(maxPollDuration, interval);
    }

    public GlueIntegrationsSource(Boolean enabled, Duration interval, Integer pageSize, List<GlueFilter> filters) {
        this(enabled, interval, pageSize, filters, null, null);
    }

    public static GlueIntegrationsSource defaults() {
        return new GlueIntegrationsSource(null, null, null, null, null, null);
    }
}
