package io.integrationmonitor.alert;

import java.time.Instant;

/** A row of the outbox. {@code delivery} is {@code pending}, {@code delivered} or {@code dead}. */
record OutboxEntry(long id, Notification notification, Instant createdAt, Instant nextAttemptAt, int attempts,
                   String delivery, String lastError) {
}
