/**
 * AWS events for zero-ETL integrations, as EventBridge delivers them to an SQS queue (issue #13). GROUNDWORK:
 * the envelope parser and the pure classification only; no SQS client, no wiring, nothing in the running
 * monitor uses this package yet. Depends on no other package of this project: whoever shows its AWS text makes
 * it inert with {@code text/InertText}.
 *
 * <p>The sources and detail types followed, with the documents they come from, are listed on
 * {@link io.integrationmonitor.events.EventParser}.
 */
package io.integrationmonitor.events;
