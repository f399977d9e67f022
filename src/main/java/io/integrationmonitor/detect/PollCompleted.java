package io.integrationmonitor.detect;

import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.Snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A poll completed and its result was committed to the state store.
 *
 * @param snapshot the complete observation
 * @param current  the committed state of every resource of the target (with status-since times)
 * @param events   the changes detected against the previously known state, already persisted
 * @param duration how long the poll took
 */
public record PollCompleted(
        Snapshot snapshot, List<KnownResource> current, List<ResourceEvent> events, Duration duration)
        implements MonitorEvent {

    public PollCompleted {
        current = List.copyOf(current);
        events = List.copyOf(events);
    }

    @Override
    public PollTarget target() {
        return snapshot.target();
    }

    @Override
    public Instant at() {
        return snapshot.observedAt();
    }
}
