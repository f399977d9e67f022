package io.integrationmonitor.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        AlertingConfig alerting,
        ClusterConfig cluster,
        EventsConfig events,
        FreshnessConfig freshness,
        MetricsConfig metrics) {

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
        cluster = cluster == null ? ClusterConfig.defaults() : cluster;
        events = events == null ? EventsConfig.defaults() : events;
        freshness = freshness == null ? FreshnessConfig.defaults() : freshness;
        metrics = metrics == null ? MetricsConfig.defaults() : metrics;
        rejectOverlappingTargets(targets);
        rejectUnknownQueueTargets(events, targets);
    }

    /** Two targets polling the same identity in the same region would double every metric and alert. */
    private static void rejectOverlappingTargets(List<TargetConfig> targets) {
        Map<String, Integer> firstByIdentityAndRegion = new HashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            TargetConfig target = targets.get(i);
            String identity = target.roleArn() != null ? "role_arn " + target.roleArn() : "the default credentials";
            List<String> regions = target.regions().isEmpty() ? List.of("(default region)") : target.regions();
            for (String region : regions) {
                Integer first = firstByIdentityAndRegion.putIfAbsent(identity + " in " + region, i);
                if (first != null) {
                    throw KeyProblem.at("targets[" + i + "]", "overlaps targets[" + first + "]: both poll "
                            + identity + " in " + region).involving("targets[" + first + "]").exception();
                }
            }
        }
    }

    /** A queue is read with the credentials of the target it names by index. */
    private static void rejectUnknownQueueTargets(EventsConfig events, List<TargetConfig> targets) {
        for (int i = 0; i < events.queues().size(); i++) {
            int target = events.queues().get(i).target();
            if (target >= targets.size()) {
                throw KeyProblem.at("events.queues[" + i + "].target", "names no target: there "
                        + (targets.size() == 1 ? "is 1 target (index 0)" : "are " + targets.size()
                        + " targets (indexes 0 to " + (targets.size() - 1) + ")")).got(target)
                        .involving("targets").exception();
            }
        }
    }

    public static MonitorConfig defaults() {
        return new MonitorConfig(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
