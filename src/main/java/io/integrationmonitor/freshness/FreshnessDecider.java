package io.integrationmonitor.freshness;

import io.integrationmonitor.config.FreshnessConfig;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The freshness rules, as a pure function: what one poll measured of each watched integration, judged against
 * the configured thresholds (and per-integration overrides) and the previous reading, gives the new readings
 * and what holds now: stale, lagging (N of the last M samples, with hysteresis), tables failing.
 */
public final class FreshnessDecider {
    private final FreshnessConfig config;

    public FreshnessDecider(FreshnessConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * @param watched  every integration this poll judges
     * @param measured what the poll saw, by ARN (an integration without an entry saw nothing)
     * @param previous the previous readings of this (account, region), by ARN
     */
    public Decision decide(List<WatchedIntegration> watched, Map<String, Measurement> measured,
                           Map<String, FreshnessReading> previous, Instant now) {
        throw new UnsupportedOperationException("seam: implemented on branch f-alerts");
    }

    /** One reading per watched integration, and the findings that hold now. */
    public record Decision(List<FreshnessReading> readings, List<FreshnessFinding> findings) {
        public Decision {
            readings = List.copyOf(readings);
            findings = List.copyOf(findings);
        }
    }
}
