/**
 * Freshness and lag from CloudWatch (issue #14): an ACTIVE integration that stopped moving data is not healthy.
 *
 * <p>Per (account, region) a {@code FreshnessRunner} reads the ACTIVE zero-ETL integrations the status polls know
 * ({@link io.integrationmonitor.freshness.WatchedIntegration}), asks CloudWatch {@code GetMetricData} for their
 * metrics in batches of at most 500 queries ({@code MetricQueries}, {@code FreshnessPoller}), turns what came back
 * into a {@link io.integrationmonitor.freshness.Measurement} per integration, and lets the pure
 * {@code FreshnessDecider} judge it against the previous {@link io.integrationmonitor.freshness.FreshnessReading}:
 * stale, lagging, tables failing. The readings go to the shared state ({@link FreshnessReadings}, gauges on every
 * replica), the findings to the alert edge ({@link FreshnessAlertSink}). A failed, malformed or refused
 * {@code GetMetricData} changes nothing: no reading, no finding, no resolution.
 *
 * <p>Glue-owned integrations (ARN service {@code glue}) are judged from {@code AWS/Glue/ZeroETL}
 * ({@code LastSyncTimestamp}, {@code IngestionFailed} by {@code integrationArn} and {@code tableName}); RDS- and
 * Redshift-owned ones from {@code AWS/Redshift} ({@code IntegrationLag}, {@code IntegrationNumTablesFailedReplication}
 * by {@code IntegrationId}).
 */
package io.integrationmonitor.freshness;
