package io.integrationmonitor.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A Glue zero-ETL integration as DescribeIntegrations reports it.
 *
 * @param refreshInterval its {@code IntegrationConfig.RefreshInterval} (whole minutes on the wire), null when it
 *                        reports none; it also sets how often the simulator's integration syncs
 *                        ({@link SimFreshness}: every refresh interval, else every minute)
 */
public record SimIntegration(String arn, String name, String sourceArn, String targetArn, String status,
                             Instant createTime, String description, List<SimError> errors,
                             Map<String, String> tags, Duration refreshInterval) {
    /** Glue's smallest {@code RefreshInterval}: what every integration reports unless told otherwise. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMinutes(15);

    public SimIntegration {
        errors = List.copyOf(errors);
        tags = Map.copyOf(tags);
        if (refreshInterval != null && (refreshInterval.toSeconds() < 60 || refreshInterval.toSeconds() % 60 != 0)) {
            throw new IllegalArgumentException("a RefreshInterval is whole minutes, got " + refreshInterval);
        }
    }

    /** With the {@linkplain #DEFAULT_REFRESH_INTERVAL default refresh interval}. */
    public SimIntegration(String arn, String name, String sourceArn, String targetArn, String status,
                          Instant createTime, String description, List<SimError> errors, Map<String, String> tags) {
        this(arn, name, sourceArn, targetArn, status, createTime, description, errors, tags, DEFAULT_REFRESH_INTERVAL);
    }

    public SimIntegration withStatus(String newStatus, List<SimError> newErrors) {
        return new SimIntegration(arn, name, sourceArn, targetArn, newStatus, createTime, description, newErrors, tags,
                refreshInterval);
    }

    /** The same integration reporting this {@code RefreshInterval}, or none when null. */
    public SimIntegration withRefreshInterval(Duration interval) {
        return new SimIntegration(arn, name, sourceArn, targetArn, status, createTime, description, errors, tags,
                interval);
    }
}
