package io.integrationmonitor.poll;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one complete, successful poll of a target saw. A poll that failed on any page produces
 * no snapshot at all, so the absence of a resource here really means it is gone.
 */
public record Snapshot(PollTarget target, Instant observedAt, List<ObservedResource> resources, int pages) {
    public Snapshot {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(observedAt, "observedAt");
        resources = List.copyOf(resources);
    }
}
