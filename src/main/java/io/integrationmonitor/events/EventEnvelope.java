package io.integrationmonitor.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The EventBridge envelope of one event, as {@link EventParser} validated it. Every string is AWS text, kept
 * as data: whoever shows one in a log line or a page makes it inert first ({@code text/InertText}).
 *
 * @param id         EventBridge's unique id of the event (a v4 UUID); duplicates delivered by EventBridge or SQS
 *                   carry the same id
 * @param source     {@code aws.glue-zero-etl}, {@code aws.redshift}
 * @param detailType the {@code detail-type} member
 * @param account    the 12-digit account the event is about
 * @param region     the region the event comes from
 * @param time       when the service says the event happened (may be earlier than its delivery)
 * @param resources  ARNs involved, as the service chose to list them (may be empty)
 * @param detail     the service-specific object, bounded by the parser's limits (depth, sizes); a copy
 */
record EventEnvelope(String id, String source, String detailType, String account, String region, Instant time,
                     List<String> resources, JsonNode detail) {

    EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(detailType, "detailType");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(time, "time");
        resources = List.copyOf(resources);
        if (detail == null || !detail.isObject()) {
            throw new IllegalArgumentException("detail must be a JSON object");
        }
        detail = detail.deepCopy();
    }

    /** A copy: the envelope stays immutable whatever a caller does to the tree it gets. */
    @Override
    public JsonNode detail() {
        return detail.deepCopy();
    }

    /** The event's age when it was received ({@code time} to {@code receivedAt}); negative under clock skew. */
    Duration ageAt(Instant receivedAt) {
        return Duration.between(time, receivedAt);
    }
}
