package io.integrationmonitor.events;

import java.time.Instant;

/**
 * Event ids already acted on, shared by every replica (the state store), so that a duplicate delivered by
 * EventBridge or SQS, to this replica or another, causes nothing twice. Table events are deduplicated inside
 * {@link TableIngestions#apply}'s own transaction; this is for integration-level events, whose targeted poll is
 * idempotent anyway, so a duplicate that slips between {@link #seen} and {@link #record} costs one poll, no alert.
 */
public interface EventReceipts {
    boolean seen(String eventId);

    /** Remembers the id until {@code events.dedup_window} after {@code at}; recording it twice is no error. */
    void record(String eventId, Instant at);
}
