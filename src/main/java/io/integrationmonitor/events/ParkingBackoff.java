package io.integrationmonitor.events;

import java.time.Duration;

/**
 * How long a message that cannot be parsed stays hidden after its n-th receive: doubling from a minute, capped at an
 * hour, so a poison message is looked at a handful of times an hour until the queue's redrive policy moves it to
 * the dead-letter queue, never in a tight loop. A pure function.
 */
final class ParkingBackoff {
    static final Duration FIRST = Duration.ofMinutes(1);
    static final Duration CAP = Duration.ofHours(1);

    private ParkingBackoff() {
    }

    /** @param receiveCount SQS's ApproximateReceiveCount (1 on the first receive; anything below counts as 1) */
    static Duration visibilityAfter(int receiveCount) {
        int doublings = Math.min(Math.max(receiveCount, 1) - 1, 20);
        Duration d = FIRST.multipliedBy(1L << doublings);
        return d.compareTo(CAP) > 0 ? CAP : d;
    }
}
