package io.integrationmonitor.freshness;

import java.util.List;
import java.util.Map;

/** The shared state of freshness: the latest reading of every watched integration (JDBC: table {@code freshness_reading}). */
public interface FreshnessReadings {
    /** The readings of one (account, region), by integration ARN. */
    Map<String, FreshnessReading> of(String accountId, String region);

    /**
     * Replaces the readings of one (account, region) with these in one transaction: integrations no longer
     * watched there are dropped.
     */
    void replace(String accountId, String region, List<FreshnessReading> readings);

    /** Every reading (the gauges, on every replica). */
    List<FreshnessReading> all();
}
