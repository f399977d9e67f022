package io.integrationmonitor.pipeline;

import io.integrationmonitor.poll.PollErrorReason;

/** Tracks one target's run of failures so that a streak is logged once, not once per poll. */
final class FailureStreak {
    private PollErrorReason current;
    private int count;

    /** Records a failure; true when it starts a streak or changes its reason (worth a log line). */
    synchronized boolean failed(PollErrorReason reason) {
        boolean news = current != reason;
        current = reason;
        count++;
        return news;
    }

    /** Records a success; true when it ends a streak. */
    synchronized boolean recovered() {
        boolean wasFailing = current != null;
        current = null;
        count = 0;
        return wasFailing;
    }

    /** Failures in the current streak. */
    synchronized int count() {
        return count;
    }
}
