package io.integrationmonitor.metrics;

import java.time.Duration;
import java.util.Collection;

/**
 * The shortest poll interval the estate sustains: one round of polls, every target once, takes at least the sum
 * of the targets' poll durations spread over the poll threads, and never less than the longest single poll
 * (one poll runs on one thread).
 */
final class SustainableInterval {
    private SustainableInterval() {
    }

    /** @param lastPollDurations each target's last poll duration (targets not polled yet left out) */
    static Duration estimate(Collection<Duration> lastPollDurations, int pollThreads) {
        if (pollThreads < 1) {
            throw new IllegalArgumentException("poll threads must be at least 1");
        }
        Duration sum = Duration.ZERO;
        Duration longest = Duration.ZERO;
        for (Duration d : lastPollDurations) {
            sum = sum.plus(d);
            longest = d.compareTo(longest) > 0 ? d : longest;
        }
        Duration spread = sum.dividedBy(pollThreads);
        return spread.compareTo(longest) > 0 ? spread : longest;
    }
}
