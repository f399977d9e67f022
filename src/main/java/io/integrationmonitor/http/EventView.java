package io.integrationmonitor.http;

import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.poll.ObservedResource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One detected event as {@code /api/v1/events} shows it: {@code type} is the most specific type, {@code types}
 * every type it is (the type first), {@code attributes} e.g. {@code since} of a {@code stuck} event.
 */
record EventView(
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

    static EventView of(ResourceEvent event) {
        ObservedResource r = event.resource();
        List<String> types = event.types().stream().map(EventType::label).toList();
        if (r == null) {
            return new EventView(event.id(), event.type().label(), types, event.kind().label(), "", "",
                    event.target().accountId(), event.target().region(), event.fromStatus(), event.toStatus(),
                    event.at(), event.message(), event.attributes(), List.of());
        }
        return new EventView(event.id(), event.type().label(), types, r.kind().label(), r.arn(), r.name(),
                r.accountId(), r.region(), event.fromStatus(), event.toStatus(), event.at(), event.message(),
                event.attributes(), ResourceView.ErrorView.of(r.errors()));
    }
}
