package io.integrationmonitor.state;

import io.integrationmonitor.detect.ResourceEvent;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A page of the event history, in {@code seq} order (the order the events were stored): the cursor is the last
 * {@code seq} a reader has seen, so events that share a millisecond are neither repeated nor skipped at a page
 * boundary.
 *
 * @param since    only events detected at or after this instant
 * @param afterSeq only events stored after the one with this {@code seq}; 0 for the first page
 * @param kinds    {@code kind} labels to keep; empty keeps every kind
 * @param arns     ARNs to keep; empty keeps every resource (and poll targets' events)
 * @param filter   further conditions on the event itself (type, account, region)
 * @param limit    at most this many events
 */
public record EventQuery(Instant since, long afterSeq, Set<String> kinds, Set<String> arns,
                         Predicate<ResourceEvent> filter, int limit) {

    public EventQuery {
        Objects.requireNonNull(since, "since");
        kinds = Set.copyOf(kinds);
        arns = Set.copyOf(arns);
        Objects.requireNonNull(filter, "filter");
    }

    /** The newest {@code limit}-bounded history of one resource, from the start of the kept history. */
    public static EventQuery ofArn(String arn, int limit) {
        return new EventQuery(Instant.EPOCH, 0, Set.of(), Set.of(arn), e -> true, limit);
    }

    /** An event as stored: {@code seq} is its place in the history, the cursor of {@link EventQuery#afterSeq}. */
    public record Stored(long seq, ResourceEvent event) {
    }
}
