package io.integrationmonitor.http;

import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.poll.ObservedResource;

import java.time.Instant;
import java.util.List;

/** One detected event as {@code /api/v1/events} shows it. */
record EventView(
        String id,
        String type,
        String kind,
        String arn,
        String name,
        String accountId,
        String region,
        String from,
        String to,
        Instant at,
        List<ResourceView.ErrorView> errors) {

    static EventView of(ResourceEvent event) {
        ObservedResource r = event.resource();
        return new EventView(event.id(), event.type().label(), r.kind().label(), r.arn(), r.name(), r.accountId(),
                r.region(), event.fromStatus(), event.toStatus(), event.at(), ResourceView.ErrorView.of(r.errors()));
    }
}
