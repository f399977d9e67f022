package io.integrationmonitor.freshness;

import java.time.Duration;

/** Where the freshness polls' own health goes (the self-metrics, {@code metrics.FreshnessPollMetrics}). */
public interface FreshnessPollRecorder {
    /** One poll that asked CloudWatch, whatever its outcome, and how long it took. */
    void record(FreshnessPollResult result, Duration took);
}
