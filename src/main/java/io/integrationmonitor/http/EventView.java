package io.integrationmonitor.http;

import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.poll.ObservedResource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One detected event as {@code /api/v1/events} shows it: {@code seq} its place in the history (the paging cursor),
 * {@code type} the most specific type, {@code types} every type it is (the type first), {@code attributes} e.g.
 * {@code since} of a {@code stuck} event.
 */
record EventView(
        long seq,
        String id,
        String type,
        List<String> types,
        String kind,
        String arn,
        String name,
        String accountId,
        String region,
        String from,
        String to,
        Instant at,
        String message,
        Map<String, String> attributes,
        List<ResourceView.ErrorView> errors) {

    static EventView of(long seq, ResourceEvent event) {
        ObservedResource r = event.resource();
        List<String> types = event.types().stream().map(EventType::label).toList();
        if (r == null) {
            return new EventView(seq, event.id(), event.type().label(), types, event.kind().label(), "", "",
                    accountId(event), region(event), event.fromStatus(), event.toStatus(),
                    event.at(), event.message(), event.attributes(), List.of());
        }
        return new EventView(seq, event.id(), event.type().label(), types, r.kind().label(), r.arn(), r.name(),
                r.accountId(), r.region(), event.fromStatus(), event.toStatus(), event.at(), event.message(),
                event.attributes(), ResourceView.ErrorView.of(r.errors()));
    }

    /** The account the event shows: its resource's, or for a target's event ({@code discovered}) the target's. */
    static String accountId(ResourceEvent event) {
        return event.resource() == null ? event.target().accountId() : event.resource().accountId();
    }

    /** The region the event shows, as {@link #accountId}. */
    static String region(ResourceEvent event) {
        return event.resource() == null ? event.target().region() : event.resource().region();
    }
}
