package io.integrationmonitor.freshness;

/** What the decider can conclude of an integration; each is an alert condition of its own. */
public enum FreshnessVerdict {
    /** The last sync is older than {@code k x RefreshInterval + grace}: WARNING. */
    STALE,
    /** {@code IntegrationLag} above its threshold in N of the last M samples: WARNING. */
    LAGGING,
    /** Tables failed to replicate or ingest: CRITICAL. */
    TABLES_FAILING
}
