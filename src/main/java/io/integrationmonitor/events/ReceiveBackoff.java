package io.integrationmonitor.events;

import java.time.Duration;

/**
 * Bounded exponential back-off between failed receives of one queue (gone, access denied, throttled): one second,
 * doubling, at most a minute. The SDK has already retried what it retries; this is the wait between its attempts'
 * final failures. A pure function.
 */
final class ReceiveBackoff {
    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration CAP = Duration.ofMinutes(1);

    private ReceiveBackoff() {
    }

    /** @param failuresInARow 1 after the first failure */
    static Duration after(int failuresInARow) {
        int doublings = Math.min(Math.max(failuresInARow, 1) - 1, 20);
        Duration d = FIRST.multipliedBy(1L << doublings);
        return d.compareTo(CAP) > 0 ? CAP : d;
    }
}
