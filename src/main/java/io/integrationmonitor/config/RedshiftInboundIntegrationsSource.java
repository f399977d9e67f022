package io.integrationmonitor.config;

import java.time.Duration;

/**
 * Redshift {@code DescribeInboundIntegrations}: every integration that lands in a Redshift namespace.
 *
 * @param pageSize        {@code MaxRecords} per page; the model allows 20–100
 * @param targetArn       optional scope ({@code TargetArn}): only integrations into this namespace
 * @param integrationArn  optional scope ({@code IntegrationArn}): only this integration
 * @param maxPages        pages one poll may read before it fails; default 2,000
 * @param maxPollDuration time one poll may take before it fails; default five intervals
 */
public record RedshiftInboundIntegrationsSource(
        Boolean enabled, Duration interval, Integer pageSize, String targetArn, String integrationArn,
        Integer maxPages, Duration maxPollDuration) {
    public RedshiftInboundIntegrationsSource {
        enabled = enabled == null || enabled;
        interval = interval == null ? Duration.ofSeconds(60) : interval;
        pageSize = pageSize == null ? 100 : pageSize;
        Validation.atLeast(interval, Duration.ofSeconds(1), "interval");
        Validation.range(pageSize, 20, 100, "page_size");
        Validation.arn(targetArn, "target_arn");
        Validation.arn(integrationArn, "integration_arn");
        maxPages = PollLimits.maxPages(maxPages);
        maxPollDuration = PollLimits.maxPollDuration(maxPollDuration, interval);
    }

    public static RedshiftInboundIntegrationsSource defaults() {
        return new RedshiftInboundIntegrationsSource(null, null, null, null, null, null, null);
    }

    public static RedshiftInboundIntegrationsSource disabled() {
        return new RedshiftInboundIntegrationsSource(false, null, null, null, null, null, null);
    }
}
