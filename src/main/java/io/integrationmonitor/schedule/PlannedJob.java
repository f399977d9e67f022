package io.integrationmonitor.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One job's place in the schedule: it is due every {@code interval} at the instants whose distance from the
 * epoch is {@code offset} modulo the interval (its phase), so restarts and replicas agree on when it is due.
 *
 * @param priority Quartz's trigger priority: among triggers due at the same instant the higher starts first
 */
public record PlannedJob(String key, Duration interval, Duration offset, int priority) {
    public PlannedJob {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(offset, "offset");
        if (interval.toMillis() < 1) {
            throw new IllegalArgumentException("the interval of " + key + " must be at least 1 ms");
        }
        if (offset.isNegative() || offset.compareTo(interval) >= 0) {
            throw new IllegalArgumentException("the offset of " + key + " must lie within its interval");
        }
    }

    /** The first instant at or after {@code t} (to the millisecond) on this job's phase. */
    public Instant firstSlotAtOrAfter(Instant t) {
        long ms = t.toEpochMilli() + (t.getNano() % 1_000_000 == 0 ? 0 : 1);
        long behind = Math.floorMod(ms - offset.toMillis(), interval.toMillis());
        return Instant.ofEpochMilli(behind == 0 ? ms : ms + interval.toMillis() - behind);
    }

    /**
     * Where the repeating schedule begins when a one-shot poll runs at {@code firstRunAt}: the first slot at least
     * half an interval later, so the one-shot and the first scheduled poll are never (almost) back to back.
     */
    public Instant repeatingStart(Instant firstRunAt) {
        return firstSlotAtOrAfter(firstRunAt.plus(interval.dividedBy(2)));
    }

    /** Whether a schedule that began at {@code start} is on this job's phase. */
    boolean onPhase(Instant start) {
        return Math.floorMod(start.toEpochMilli() - offset.toMillis(), interval.toMillis()) == 0;
    }
}
