package io.integrationmonitor.alert.outbox;

import io.integrationmonitor.alert.evaluate.Notification;

import java.time.Instant;

/**
 * A row of the outbox;
 * {@code claimedBy} names the replica sending it right now (null when no send is in flight).
 */
public record OutboxEntry(long id, Notification notification, Instant createdAt, Instant nextAttemptAt, int attempts,
                   Delivery delivery, String lastError, String claimedBy) {
}
