/**
 * AWS events for zero-ETL integrations, as EventBridge delivers them to an SQS queue (issue #13). Events make
 * polls, not state: {@link io.integrationmonitor.events.SqsEventSource} long-polls each configured queue (one
 * daemon thread per queue, {@code QueueConsumer}), parses each message ({@code EventParser}), classifies it
 * ({@code IntegrationEvents}) and acts through the seams the composition root implements:
 * {@link io.integrationmonitor.events.IntegrationPolls} (a targeted poll, over {@code pipeline.TargetedPolls}),
 * {@link io.integrationmonitor.events.TableIngestions} (table state and alerts, one transaction) and
 * {@link io.integrationmonitor.events.EventReceipts} (event ids already acted on, shared by replicas). A message
 * is deleted only after the seam returned, i.e. committed; one that cannot be parsed is counted, logged once per
 * kind and hidden for longer each time it comes back, until the queue's redrive policy takes it.
 *
 * <p>Depends on no other package of this project but {@code text} (AWS text is made inert with
 * {@code text/InertText} before it reaches a log line); the SQS clients come from the composition root. The
 * sources and detail types followed, with the documents they come from, are listed on
 * {@link io.integrationmonitor.events.EventParser}.
 */
package io.integrationmonitor.events;
