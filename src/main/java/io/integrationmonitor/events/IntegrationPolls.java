package io.integrationmonitor.events;

/**
 * Seam to the pollers (implemented at the composition root over {@code pipeline.TargetedPolls}): an
 * integration-level event makes a poll, never state, so the API stays the single source of truth and an
 * out-of-order or duplicate event cannot put a status backwards.
 */
@FunctionalInterface
public interface IntegrationPolls {

    /** What a requested poll came to. */
    enum Outcome {
        /** A targeted poll ran and its result (state, events, alerts' outbox) is committed. */
        POLLED,
        /** No watched target of the event's account and region lists this integration: nothing to do. */
        NOT_WATCHED,
        /** The targeted describe could not tell (not found, filtered): a full poll of its target was asked for instead. */
        FULL_POLL_REQUESTED
    }

    /**
     * Polls the integration now and returns once what it found is committed.
     *
     * @param accountId      the account the event is about
     * @param region         the region it comes from
     * @param integrationArn the integration to describe, by its ARN
     * @throws RuntimeException when the poll failed or could not be committed: the message stays on the queue
     */
    Outcome pollNow(String accountId, String region, String integrationArn);
}
