package io.integrationmonitor.detect;

/** A subscriber of the {@link EventBus}. Called on the polling thread; must not block for long. */
public interface EventListener {
    default void onPollCompleted(PollCompleted event) {
    }

    default void onPollFailed(PollFailed event) {
    }

    /** The source's API refused the monitor before its first success: not a failure (see {@link PollNotPermitted}). */
    default void onPollNotPermitted(PollNotPermitted event) {
    }
}
