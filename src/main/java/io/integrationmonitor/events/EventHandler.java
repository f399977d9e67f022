package io.integrationmonitor.events;

import io.integrationmonitor.text.InertText;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one message body of one queue and says what becomes of the message. Events make polls, not state: an
 * integration event asks for a targeted poll (once per event id), a table event is applied, anything else is
 * counted. Returns {@link Disposition#DELETE} only once the seam it called has returned, i.e. committed; a seam that
 * throws leaves the message for a later receive. Not thread-safe: one per queue consumer thread.
 */
final class EventHandler {
    private static final Logger log = LoggerFactory.getLogger(EventHandler.class);

    private final String queue;
    private final EventParser parser = new EventParser();
    private final IntegrationPolls polls;
    private final TableIngestions tables;
    private final EventReceipts receipts;
    private final QueueMetrics metrics;
    private final Clock clock;
    private final Set<ParseResult.Kind> warned = EnumSet.noneOf(ParseResult.Kind.class);

    EventHandler(String queue, IntegrationPolls polls, TableIngestions tables, EventReceipts receipts,
                 QueueMetrics metrics, Clock clock) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.polls = Objects.requireNonNull(polls, "polls");
        this.tables = Objects.requireNonNull(tables, "tables");
        this.receipts = Objects.requireNonNull(receipts, "receipts");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    Disposition handle(String body) {
        ParseResult parsed = parser.parse(body);
        if (parsed instanceof ParseResult.Failure failure) {
            parseFailed(failure);
            return Disposition.PARK;
        }
        EventEnvelope event = ((ParseResult.Parsed) parsed).envelope();
        metrics.age(event.ageAt(clock.instant()));
        try {
            return act(event, IntegrationEvents.classify(event));
        } catch (RuntimeException e) {
            // the message comes back after its visibility timeout; the cause is ours or the state store's
            log.warn("an event from queue {} could not be handled, it will be retried: {}", queue,
                    InertText.escape(String.valueOf(e.getMessage())));
            log.debug("event handling failed", e);
            return Disposition.RETRY;
        }
    }

    private Disposition act(EventEnvelope event, IntegrationEvent meaning) {
        if (meaning instanceof IntegrationEvent.IntegrationChanged changed) {
            if (receipts.seen(event.id())) {
                metrics.duplicate();
                return Disposition.DELETE;
            }
            IntegrationPolls.Outcome outcome = polls.pollNow(event.account(), event.region(), changed.integrationArn());
            log.debug("event for {} from queue {}: {}", InertText.escape(changed.integrationArn()), queue, outcome);
            receipts.record(event.id(), clock.instant());
        } else if (meaning instanceof IntegrationEvent.TableIngestionFailed failed) {
            table(event, new TableIngestion(event.id(), event.time(), event.account(), event.region(),
                    failed.integrationArn(), failed.table(), true, failed.errorCode(), failed.errorMessage()));
        } else if (meaning instanceof IntegrationEvent.TableIngestionCompleted completed) {
            table(event, new TableIngestion(event.id(), event.time(), event.account(), event.region(),
                    completed.integrationArn(), completed.table(), false, null, null));
        } else if (meaning instanceof IntegrationEvent.Ignored ignored) {
            metrics.ignored(ignored.reason());
        }
        return Disposition.DELETE;
    }

    private void table(EventEnvelope event, TableIngestion ingestion) {
        TableIngestions.Outcome outcome = tables.apply(ingestion);
        if (outcome == TableIngestions.Outcome.DUPLICATE) {
            metrics.duplicate();
        }
        log.debug("table event {} from queue {}: {}", InertText.escape(event.id()), queue, outcome);
    }

    /** WARN once per kind and queue, naming no part of the body; DEBUG after that. */
    private void parseFailed(ParseResult.Failure failure) {
        metrics.parseFailure(failure.kind());
        if (warned.add(failure.kind())) {
            log.warn("a message in queue {} is no usable EventBridge event ({}); it is left to the queue's redrive "
                    + "policy (further ones of this kind are logged at DEBUG)", queue, failure.reason());
        } else {
            log.debug("a message in queue {} is no usable EventBridge event ({})", queue, failure.reason());
        }
    }
}
