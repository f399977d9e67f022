package io.integrationmonitor.freshness;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one freshness poll of one (account, region) came to: {@code FreshnessRunner.runOnce()}'s answer, shown by
 * {@code once} and counted by the self-metrics.
 *
 * @param accountId account
 * @param region    region
 * @param outcome   completed, failed or not permitted
 * @param at        when it ended
 * @param message   for a failed or refused poll: why (secret-free); empty otherwise
 * @param readings  a completed poll's readings (one per watched integration); empty otherwise
 * @param findings  a completed poll's findings; empty otherwise
 * @param queries   the metric queries asked
 * @param requests  the {@code GetMetricData} requests sent (pages included)
 */
public record FreshnessPollResult(String accountId, String region, Outcome outcome, Instant at, String message,
                                  List<FreshnessReading> readings, List<FreshnessFinding> findings, int queries,
                                  int requests) {
    public FreshnessPollResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
        message = Objects.requireNonNullElse(message, "");
        readings = readings == null ? List.of() : List.copyOf(readings);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /** How a freshness poll ended. */
    public enum Outcome {
        COMPLETED,
        /** CloudWatch failed or answered something malformed: nothing changed. */
        FAILED,
        /** The role lacks {@code cloudwatch:GetMetricData}: reported once, nothing changed, status polls go on. */
        NOT_PERMITTED
    }
}
