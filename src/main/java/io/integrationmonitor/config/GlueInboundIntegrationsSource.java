package io.integrationmonitor.config;

import java.time.Duration;

/**
 * Glue {@code DescribeInboundIntegrations}.
 *
 * @param targetArn      optional scope: only integrations into this target
 * @param integrationArn optional scope: only this integration
 * @param maxPages        pages one poll may read before it fails; default 2,000
 * @param maxPollDuration time one poll may take before it fails; default five intervals
 */
public record GlueInboundIntegrationsSource(
        Boolean enabled, Duration interval, Integer pageSize, String targetArn, String integrationArn,
        Integer maxPages, Duration maxPollDuration) {
    public GlueInboundIntegrationsSource {
        enabled = enabled == null || enabled;
        interval = interval == null ? Duration.ofSeconds(60) : interval;
        pageSize = pageSize == null ? 100 : pageSize;
        Validation.atLeast(interval, Duration.ofSeconds(1), "interval");
        Validation.range(pageSize, 1, 1000, "page_size");
        Validation.arn(targetArn, "target_arn");
        Validation.arn(integrationArn, "integration_arn");
        maxPages = PollLimits.maxPages(maxPages);
        maxPollDuration = PollLimits.maxPollDuration(maxPollDuration, interval);
    }

    public GlueInboundIntegrationsSource(
            Boolean enabled, Duration interval, Integer pageSize, String targetArn, String integrationArn) {
        this(enabled, interval, pageSize, targetArn, integrationArn, null, null);
    }

    public static GlueInboundIntegrationsSource defaults() {
        return new GlueInboundIntegrationsSource(null, null, null, null, null, null, null);
    }
}
