package io.integrationmonitor.freshness;

/** The CloudWatch metrics a freshness poll asks for, each with the short name its query ids end in. */
enum QueriedMetric {
    /** Glue: the newest sync, as a Unix time (seconds, or milliseconds). */
    LAST_SYNC(MetricSource.GLUE, "LastSyncTimestamp", "sync", "Maximum"),
    /** Glue, per table: a SEARCH over {@code tableName}, one series per table, labelled with its name. */
    INGESTION_FAILED(MetricSource.GLUE, "IngestionFailed", "ingfail", "Sum"),
    /** Redshift: seconds behind the source. */
    LAG(MetricSource.REDSHIFT, "IntegrationLag", "lag", "Maximum"),
    /** Redshift: tables that failed to replicate. */
    TABLES_FAILED(MetricSource.REDSHIFT, "IntegrationNumTablesFailedReplication", "tblfail", "Maximum");

    private final MetricSource source;
    private final String metricName;
    private final String shortName;
    private final String stat;

    QueriedMetric(MetricSource source, String metricName, String shortName, String stat) {
        this.source = source;
        this.metricName = metricName;
        this.shortName = shortName;
        this.stat = stat;
    }

    MetricSource source() {
        return source;
    }

    String metricName() {
        return metricName;
    }

    String shortName() {
        return shortName;
    }

    String stat() {
        return stat;
    }

    /** A SEARCH expression: several series come back under its one id. */
    boolean search() {
        return this == INGESTION_FAILED;
    }
}
