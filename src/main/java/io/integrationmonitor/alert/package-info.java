/**
 * Alerting: turns what the polls saw into notifications, delivered at least once, in order per receiver.
 *
 * <p>This package is the composition ({@link io.integrationmonitor.alert.Alerting}) and the database edge
 * of evaluation ({@link io.integrationmonitor.alert.AlertEngine}, {@code AlertStore}; for AWS table events
 * {@link io.integrationmonitor.alert.TableIngestionAlerts}; for the CloudWatch freshness polls
 * {@code FreshnessAlerts}). Its subpackages,
 * and the only direction their dependencies go (no cycles):
 * <pre>
 *   alert          → silence, outbox, receiver, evaluate
 *   alert.outbox   → receiver, evaluate
 *   alert.silence  → evaluate
 *   alert.receiver → evaluate
 *   alert.evaluate → (no alert package)
 * </pre>
 * <ul>
 *   <li>{@code alert.evaluate}: the model ({@code Alert}, {@code Condition}, {@code Notification}) and the
 *       lifecycle as a pure function ({@code AlertEvaluator}), with routing and conditions;</li>
 *   <li>{@code alert.silence}: config silences, maintenance windows and run-time silences;</li>
 *   <li>{@code alert.outbox}: the durable queue and its dispatcher (leases, retries, dead letters);</li>
 *   <li>{@code alert.receiver}: the destinations (Slack, SNS, Alertmanager, webhook, log) and what they send.</li>
 * </ul>
 * {@code http.SilencesHandler} serves {@code alert.silence} over the JSON API.
 */
package io.integrationmonitor.alert;
