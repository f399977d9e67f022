package io.integrationmonitor.freshness;

import java.time.Instant;
import java.util.Objects;

/** One {@code IntegrationLag} datapoint: the period's start and its value in seconds. */
public record LagSample(Instant at, double seconds) {
    public LagSample {
        Objects.requireNonNull(at, "at");
    }
}
