/**
 * The destinations of notifications ({@link io.integrationmonitor.alert.receiver.Receiver}: Slack, SNS,
 * Alertmanager, webhook, log) and the messages they render. Knows nothing of the queue or the lifecycle:
 * depends on {@code alert.evaluate} only.
 */
package io.integrationmonitor.alert.receiver;
