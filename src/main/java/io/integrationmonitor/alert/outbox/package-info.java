/**
 * The durable notification queue ({@code alert_outbox}) and its dispatcher: one worker per receiver,
 * strictly in order, leases shared by replicas, retries with backoff, dead letters after {@code max_age}.
 * Depends on {@code alert.receiver} (what it delivers to) and {@code alert.evaluate}.
 */
package io.integrationmonitor.alert.outbox;
