package io.integrationmonitor.config;

import java.util.List;

/**
 * The whole configuration. YAML keys are the snake_case forms of these component names; every section
 * is optional and defaults to what a single-account, single-region installation needs.
 */
public record MonitorConfig(
        AwsConfig aws,
        List<TargetConfig> targets,
        SourcesConfig sources,
        FilterConfig filter,
        StuckConfig stuck,
        HttpConfig http,
        StateConfig state,
        LoggingConfig logging,
        AlertingConfig alerting) {

    public MonitorConfig {
        aws = aws == null ? AwsConfig.defaults() : aws;
        targets = targets == null || targets.isEmpty() ? List.of(TargetConfig.defaults()) : List.copyOf(targets);
        sources = sources == null ? SourcesConfig.defaults() : sources;
        filter = filter == null ? FilterConfig.defaults() : filter;
        stuck = stuck == null ? StuckConfig.defaults() : stuck;
        http = http == null ? HttpConfig.defaults() : http;
        state = state == null ? StateConfig.defaults() : state;
        logging = logging == null ? LoggingConfig.defaults() : logging;
        alerting = alerting == null ? AlertingConfig.defaults() : alerting;
    }

    public static MonitorConfig defaults() {
        return new MonitorConfig(null, null, null, null, null, null, null, null, null);
    }
}
