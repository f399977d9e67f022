package io.integrationmonitor.config;

/**
 * The {@code /metrics} exposition. {@code state_sets}: {@code all} (kube-state-metrics style: one series per
 * possible status of each resource, 1 for the current one, 0 for the others) or {@code current_only} (only the
 * current status's series, value 1: several times fewer series, but no {@code == 0} series to alert on).
 */
public record MetricsConfig(StateSets stateSets) {
    public enum StateSets { ALL, CURRENT_ONLY }

    public MetricsConfig {
        stateSets = stateSets == null ? StateSets.ALL : stateSets;
    }

    public static MetricsConfig defaults() {
        return new MetricsConfig(null);
    }
}
