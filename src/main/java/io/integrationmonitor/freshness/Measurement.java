package io.integrationmonitor.freshness;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one {@code GetMetricData} poll saw of one integration; a metric with no datapoint in the window is absent
 * (null, or empty), never zero.
 *
 * @param arn               integration ARN
 * @param lastSync          Glue: the newest {@code LastSyncTimestamp} value, as an instant; null when none
 * @param lag               Redshift: the {@code IntegrationLag} datapoints, oldest first; empty when none
 * @param tablesFailed      Redshift: the newest {@code IntegrationNumTablesFailedReplication}; null when none
 * @param ingestionFailed   Glue: the sum of {@code IngestionFailed} within {@code freshness.tables_failing.window};
 *                          null when no datapoint
 * @param failingTables     Glue: the tables with {@code IngestionFailed > 0} within the window, sorted, at most
 *                          {@code freshness.tables_failing.max_tables} (AWS text)
 * @param moreFailingTables how many failing tables were left out of {@code failingTables}
 */
public record Measurement(String arn, Instant lastSync, List<LagSample> lag, Double tablesFailed,
                          Double ingestionFailed, List<String> failingTables, int moreFailingTables) {
    public Measurement {
        Objects.requireNonNull(arn, "arn");
        lag = lag == null ? List.of() : List.copyOf(lag);
        failingTables = failingTables == null ? List.of() : List.copyOf(failingTables);
    }

    /** Nothing came back for the integration. */
    public static Measurement empty(String arn) {
        return new Measurement(arn, null, List.of(), null, null, List.of(), 0);
    }
}
