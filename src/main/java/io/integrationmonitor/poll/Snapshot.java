package io.integrationmonitor.poll;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one complete, successful poll of a target saw. A poll that failed on any page of its main
 * listing produces no snapshot at all, so the absence of a resource here really means it is gone, except
 * under a data integration in {@link #unlisted()}: its associations were not listed this time, so nothing is
 * known about them.
 */
public record Snapshot(PollTarget target, Instant observedAt, List<ObservedResource> resources, int pages,
                       List<UnlistedDataIntegration> unlisted) {
    public Snapshot {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(observedAt, "observedAt");
        resources = List.copyOf(resources);
        unlisted = unlisted == null ? List.of() : List.copyOf(unlisted);
    }

    /** A snapshot in which everything was listed. */
    public Snapshot(PollTarget target, Instant observedAt, List<ObservedResource> resources, int pages) {
        this(target, observedAt, resources, pages, List.of());
    }

    /** Whether a resource's absence says nothing: it belongs to a data integration that was not listed. */
    public boolean unlisted(ObservedResource resource) {
        String dataIntegration = resource.attribute(ObservedResource.Attributes.DATA_INTEGRATION_ARN);
        return !dataIntegration.isEmpty() && unlisted.stream().anyMatch(u -> u.arn().equals(dataIntegration));
    }
}
