package io.integrationmonitor.poll;

/** Polls one target through every page of its API. */
public interface Poller {
    PollTarget target();

    /**
     * Reads every page. Returns a complete snapshot, or throws: a page that still fails after the SDK's
     * retries fails the whole poll, never a partial snapshot.
     */
    Snapshot poll() throws PollFailedException;
}
