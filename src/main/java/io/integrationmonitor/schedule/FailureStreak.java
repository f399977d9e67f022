package io.integrationmonitor.schedule;

import io.integrationmonitor.poll.PollErrorReason;

/** Tracks one target's run of failures so that a streak is logged once, not once per poll. */
final class FailureStreak {
    private PollErrorReason current;

    /** Records a failure; true when it starts a streak or changes its reason (worth a log line). */
    synchronized boolean failed(PollErrorReason reason) {
        boolean news = current != reason;
        current = reason;
        return news;
    }

    /** Records a success; true when it ends a streak. */
    synchronized boolean recovered() {
        boolean wasFailing = current != null;
        current = null;
        return wasFailing;
    }
}
