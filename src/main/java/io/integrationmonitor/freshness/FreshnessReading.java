package io.integrationmonitor.freshness;

import io.integrationmonitor.poll.ResourceKind;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The latest judged freshness of one integration, as kept in the shared state: what the metrics said and what
 * the decider concluded. Gauges are rendered from it on every replica; the next poll's decision starts from it
 * (the lag damping, the last known sync when a metric falls silent).
 *
 * @param arn             integration ARN
 * @param name            integration name
 * @param kind            its kind (label of the gauges)
 * @param accountId       account
 * @param region          region
 * @param source          which metrics judged it
 * @param observedAt      when the poll that produced it ran
 * @param lastSync        the newest sync known (Glue: {@code LastSyncTimestamp}; Redshift: the newest lag
 *                        datapoint's time minus its lag); kept from an earlier reading when the metric is silent;
 *                        null when never known
 * @param lagSeconds      the newest {@code IntegrationLag}, null when none in this poll
 * @param tablesFailed    the newest {@code IntegrationNumTablesFailedReplication}, null when none in this poll
 * @param ingestionFailed the {@code IngestionFailed} sum within the window, null when none in this poll
 * @param failingTables   the failing tables' names (bounded; see {@link Measurement#failingTables()})
 * @param verdicts        what holds now
 */
public record FreshnessReading(String arn, String name, ResourceKind kind, String accountId, String region,
                               MetricSource source, Instant observedAt, Instant lastSync, Double lagSeconds,
                               Double tablesFailed, Double ingestionFailed, List<String> failingTables,
                               Set<FreshnessVerdict> verdicts) {
    public FreshnessReading {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(observedAt, "observedAt");
        name = Objects.requireNonNullElse(name, "");
        accountId = Objects.requireNonNullElse(accountId, "");
        region = Objects.requireNonNullElse(region, "");
        failingTables = failingTables == null ? List.of() : List.copyOf(failingTables);
        verdicts = verdicts == null ? Set.of() : Set.copyOf(verdicts);
    }

    public boolean holds(FreshnessVerdict verdict) {
        return verdicts.contains(verdict);
    }
}
