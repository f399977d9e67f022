package io.integrationmonitor.metrics;

import java.time.Duration;
import java.time.Instant;

/**
 * Episodes of late poll starts, so that the log says once that polls fall behind and once that they are back:
 * a start is late when it comes more than max(1 s, 10% of its interval) after its due time; an episode begins
 * with a late start and ends at the first start after a whole interval (the longest of the episode's late jobs)
 * without a late one. Not thread-safe: the caller serializes.
 */
final class LateStarts {
    private static final Duration AT_LEAST = Duration.ofSeconds(1);

    enum Notice { NONE, FALLING_BEHIND, BACK_ON_SCHEDULE }

    private boolean behind;
    private Instant lastLate;
    private Duration quietFor;

    static boolean isLate(Duration lag, Duration interval) {
        Duration tolerated = interval.dividedBy(10);
        return lag.compareTo(tolerated.compareTo(AT_LEAST) > 0 ? tolerated : AT_LEAST) > 0;
    }

    /** A poll started {@code lag} after it was due at {@code now}: what to tell, if anything. */
    Notice started(Instant now, Duration lag, Duration interval) {
        if (isLate(lag, interval)) {
            lastLate = now;
            if (!behind) {
                behind = true;
                quietFor = interval;
                return Notice.FALLING_BEHIND;
            }
            quietFor = interval.compareTo(quietFor) > 0 ? interval : quietFor;
            return Notice.NONE;
        }
        if (behind && !now.isBefore(lastLate.plus(quietFor))) {
            behind = false;
            return Notice.BACK_ON_SCHEDULE;
        }
        return Notice.NONE;
    }

    /** How long the episode has had no late start to end; meaningful after {@link Notice#BACK_ON_SCHEDULE}. */
    Duration quietFor() {
        return quietFor;
    }
}
