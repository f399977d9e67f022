package io.integrationmonitor.detect;

import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.PollTarget;

import java.time.Instant;
import java.util.Objects;

/**
 * One detected change of one resource.
 *
 * @param id         unique, stable id (a UUID); survives persistence, used as an idempotency key downstream
 * @param type       what happened
 * @param target     the poll target that observed it
 * @param resource   the resource as last observed (for VANISHED: as it was last seen)
 * @param fromStatus the previous status; empty for APPEARED
 * @param toStatus   the new status; empty for VANISHED
 * @param at         when it was detected (the snapshot's observation time)
 */
public record ResourceEvent(
        String id,
        EventType type,
        PollTarget target,
        ObservedResource resource,
        String fromStatus,
        String toStatus,
        Instant at) {

    public ResourceEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(at, "at");
        fromStatus = fromStatus == null ? "" : fromStatus;
        toStatus = toStatus == null ? "" : toStatus;
    }
}
