package io.integrationmonitor.detect;

import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.text.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One observed change of one resource (or, for DISCOVERED, of a target's first poll): one event per change,
 * typed by its most specific type, with the others it also is in {@code also}.
 *
 * @param id         unique, stable id (a UUID); survives persistence, used as an idempotency key downstream
 * @param type       what happened, the most specific type (ENTERED_FAILED rather than STATUS_CHANGED)
 * @param target     the poll target that observed it
 * @param resource   the resource as last observed (for VANISHED: as it was last seen); null for DISCOVERED
 * @param fromStatus the previous status; empty for APPEARED and DISCOVERED
 * @param toStatus   the new status; empty for VANISHED and DISCOVERED
 * @param at         when it was detected (the snapshot's observation time)
 * @param also       the less specific types this change also is (STATUS_CHANGED, APPEARED); counted too
 * @param attributes by type, keys from {@link Attributes}: STUCK {@code since}, DISCOVERED {@code count},
 *                   RECOVERED / EXECUTION_RECOVERED {@code recovered_from}
 */
public record ResourceEvent(
        String id,
        EventType type,
        PollTarget target,
        ObservedResource resource,
        String fromStatus,
        String toStatus,
        Instant at,
        List<EventType> also,
        Map<String, String> attributes) {

    public ResourceEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(target, "target");
        if (type != EventType.DISCOVERED) {
            Objects.requireNonNull(resource, "resource");
        }
        Objects.requireNonNull(at, "at");
        fromStatus = fromStatus == null ? "" : fromStatus;
        toStatus = toStatus == null ? "" : toStatus;
        also = also == null ? List.of() : List.copyOf(also);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public ResourceEvent(String id, EventType type, PollTarget target, ObservedResource resource, String fromStatus,
                         String toStatus, Instant at) {
        this(id, type, target, resource, fromStatus, toStatus, at, List.of(), Map.of());
    }

    /** Attribute keys. */
    public static final class Attributes {
        /** STUCK: when the resource entered its status (ISO-8601). */
        public static final String SINCE = "since";
        /** DISCOVERED: how many resources the first poll found. */
        public static final String COUNT = "count";
        /** A recovery: the unhealthy status it recovered from (transient statuses may have come between). */
        public static final String RECOVERED_FROM = "recovered_from";
        /** TABLE_INGESTION_*: the table the AWS event is about. */
        public static final String TABLE = "table";
        /** TABLE_INGESTION_FAILED: AWS's error code, when it gave one. */
        public static final String ERROR_CODE = "error_code";

        private Attributes() {
        }
    }

    /** Every type this event is: {@link #type} first, then {@link #also}. */
    public List<EventType> types() {
        List<EventType> types = new ArrayList<>(1 + also.size());
        types.add(type);
        types.addAll(also);
        return types;
    }

    /** The resource's kind; for DISCOVERED the target's. */
    public ResourceKind kind() {
        return resource == null ? target.source().kind() : resource.kind();
    }

    /** The resource's name; empty for DISCOVERED. */
    public String name() {
        return resource == null ? "" : resource.name();
    }

    public String attribute(String key) {
        return attributes.getOrDefault(key, "");
    }

    /** The same event at another instant (the store keeps milliseconds). */
    public ResourceEvent at(Instant newAt) {
        return new ResourceEvent(id, type, target, resource, fromStatus, toStatus, newAt, also, attributes);
    }

    /**
     * One line for people, e.g. {@code FAILED → NEEDS_ATTENTION}, {@code SYNCING for 6h12m since
     * 2025-03-03T02:48:00Z}, {@code discovered 12 resources}. Contains AWS text: escape it for the target format.
     */
    public String message() {
        return switch (type) {
            case DISCOVERED -> "discovered " + attribute(Attributes.COUNT) + " resources";
            case VANISHED -> "vanished (was " + fromStatus + ")";
            case STUCK -> stuckMessage();
            case TABLE_INGESTION_FAILED -> "table " + attribute(Attributes.TABLE) + " ingestion failed"
                    + (attribute(Attributes.ERROR_CODE).isEmpty() ? "" : ": " + attribute(Attributes.ERROR_CODE));
            case TABLE_INGESTION_RECOVERED -> "table " + attribute(Attributes.TABLE) + " ingestion completed again";
            default -> {
                String move = fromStatus.isEmpty() ? "appeared " + toStatus : fromStatus + " → " + toStatus;
                String recoveredFrom = attribute(Attributes.RECOVERED_FROM);
                yield recoveredFrom.isEmpty() || recoveredFrom.equals(fromStatus) ? move
                        : move + " (recovered from " + recoveredFrom + ")";
            }
        };
    }

    private String stuckMessage() {
        String since = attribute(Attributes.SINCE);
        if (since.isEmpty()) {
            return toStatus + " past its threshold";
        }
        Instant start = Instant.parse(since);
        return toStatus + " for " + DurationText.human(Duration.between(start, at)) + " since "
                + start.truncatedTo(ChronoUnit.SECONDS);
    }
}
