package io.integrationmonitor.config;

import java.time.Duration;
import java.util.List;

/**
 * RDS {@code DescribeIntegrations}: Aurora and RDS zero-ETL integrations into Redshift.
 *
 * @param pageSize        {@code MaxRecords} per page; the model allows 20–100
 * @param filters         passed through as the request's {@code Filters}
 * @param maxPages        pages one poll may read before it fails; default 2,000
 * @param maxPollDuration time one poll may take before it fails; default five intervals
 */
public record RdsIntegrationsSource(Boolean enabled, Duration interval, Integer pageSize, List<RdsFilter> filters,
                                    Integer maxPages, Duration maxPollDuration) {
    public RdsIntegrationsSource {
        enabled = enabled == null || enabled;
        interval = interval == null ? Duration.ofSeconds(60) : interval;
        pageSize = pageSize == null ? 100 : pageSize;
        filters = filters == null ? List.of() : List.copyOf(filters);
        Validation.atLeast(interval, Duration.ofSeconds(1), "interval");
        Validation.range(pageSize, 20, 100, "page_size");
        maxPages = PollLimits.maxPages(maxPages);
        maxPollDuration = PollLimits.maxPollDuration(maxPollDuration, interval);
    }

    public static RdsIntegrationsSource defaults() {
        return new RdsIntegrationsSource(null, null, null, null, null, null);
    }

    public static RdsIntegrationsSource disabled() {
        return new RdsIntegrationsSource(false, null, null, null, null, null);
    }
}
