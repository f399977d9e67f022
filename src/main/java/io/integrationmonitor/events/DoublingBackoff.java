package io.integrationmonitor.events;

import java.time.Duration;

/**
 * A wait that starts at {@code first} and doubles with each attempt, at most {@code cap}. A pure function.
 *
 * @param first the wait after the first attempt
 * @param cap   the longest wait
 */
record DoublingBackoff(Duration first, Duration cap) {
    /**
     * How long a message that cannot be parsed stays hidden after its n-th receive (SQS's ApproximateReceiveCount):
     * a poison message is looked at a handful of times an hour until the queue's redrive policy moves it to the
     * dead-letter queue, never in a tight loop.
     */
    static final DoublingBackoff PARKED_MESSAGE = new DoublingBackoff(Duration.ofMinutes(1), Duration.ofHours(1));

    /**
     * Between failed receives of one queue (gone, access denied, throttled). The SDK has already retried what it
     * retries; this is the wait between its attempts' final failures.
     */
    static final DoublingBackoff FAILED_RECEIVE = new DoublingBackoff(Duration.ofSeconds(1), Duration.ofMinutes(1));

    /** @param attempt 1 for the first; anything below counts as 1 */
    Duration after(int attempt) {
        int doublings = Math.min(Math.max(attempt, 1) - 1, 20);
        Duration d = first.multipliedBy(1L << doublings);
        return d.compareTo(cap) > 0 ? cap : d;
    }
}
