package io.integrationmonitor.config;

import java.time.Duration;

/**
 * Glue {@code DescribeInboundIntegrations}.
 *
 * @param targetArn      optional scope: only integrations into this target
 * @param integrationArn optional scope: only this integration
 */
public record GlueInboundIntegrationsSource(
        Boolean enabled, Duration interval, Integer pageSize, String targetArn, String integrationArn) {
    public GlueInboundIntegrationsSource {
        enabled = enabled == null || enabled;
        interval = interval == null ? Duration.ofSeconds(60) : interval;
        pageSize = pageSize == null ? 100 : pageSize;
        Validation.atLeast(interval, Duration.ofSeconds(1), "interval");
        Validation.range(pageSize, 1, 1000, "page_size");
        Validation.arn(targetArn, "target_arn");
        Validation.arn(integrationArn, "integration_arn");
    }

    public static GlueInboundIntegrationsSource defaults() {
        return new GlueInboundIntegrationsSource(null, null, null, null, null);
    }
}
