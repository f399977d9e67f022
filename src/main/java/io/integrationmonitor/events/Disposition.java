package io.integrationmonitor.events;

/** What becomes of one received message once it has been handled. */
enum Disposition {
    /** Handled and committed, a duplicate, or nothing to do: delete it. */
    DELETE,
    /** The handler failed: leave it; it comes back after the queue's visibility timeout. */
    RETRY,
    /** It cannot be parsed: leave it to the redrive policy, hidden for longer each time it comes back. */
    PARK
}
