package io.integrationmonitor.poll;

import java.util.Optional;

/** Polls one target through every page of its API, or reads one of its resources by ARN. */
public interface Poller {
    PollTarget target();

    /**
     * Reads every page. Returns a complete snapshot, or throws: a page that still fails after the SDK's
     * retries fails the whole poll, never a partial snapshot.
     */
    Snapshot poll() throws PollFailedException;

    /** Whether the API can describe one resource by ARN ({@link #describe}); AppIntegrations' cannot. */
    default boolean targetable() {
        return false;
    }

    /**
     * Describes one resource by its ARN, in one call, validated like a page of {@link #poll()}: a
     * {@linkplain Snapshot#targeted targeted snapshot}. Empty when this target does not observe it: the API does
     * not know it (not found), or the source's scope or filters exclude it. Empty is never a vanish: only a full
     * poll can tell that.
     *
     * @throws PollFailedException           the call failed (after the SDK's retries) or its answer is malformed
     * @throws UnsupportedOperationException when not {@link #targetable()}
     */
    default Optional<Snapshot> describe(String arn) throws PollFailedException {
        throw new UnsupportedOperationException(target().source().label() + " cannot describe one resource");
    }
}
