package io.integrationmonitor.events;

/**
 * Seam to the table-failure state (implemented at the composition root): applies one table event, its
 * deduplication by event id, the table's new state, its history event and the notifications it causes, in one
 * transaction, so that a message is deleted only after all of that is durable.
 */
@FunctionalInterface
public interface TableIngestions {

    /** What applying a table event came to. */
    enum Outcome {
        /** The table's state changed (a failure raised, updated or resolved); committed. */
        APPLIED,
        /** Its event id was applied before (by this replica or another): nothing changed. */
        DUPLICATE,
        /** Older than the table's last applied event, or a completion of a table that was not failing. */
        NO_CHANGE,
        /** The integration already tracks its cap of failing tables: counted, not stored. */
        OVER_CAP
    }

    /** @throws RuntimeException when it could not be committed: the message stays on the queue */
    Outcome apply(TableIngestion event);
}
