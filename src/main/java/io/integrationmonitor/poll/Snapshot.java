package io.integrationmonitor.poll;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one complete, successful poll of a target saw. A poll that failed on any page of its main
 * listing produces no snapshot at all, so the absence of a resource here really means it is gone, except
 * under a data integration in {@link #unlisted()}: its associations were not listed this time, so nothing is
 * known about them.
 *
 * <p>A targeted snapshot ({@link #targeted(PollTarget, Instant, ObservedResource)}) read one resource by ARN, its
 * {@link #scope()}: it says nothing about any other resource of the target.
 *
 * @param scope the one ARN a targeted read described; empty for a full poll
 */
public record Snapshot(PollTarget target, Instant observedAt, List<ObservedResource> resources, int pages,
                       List<UnlistedDataIntegration> unlisted, String scope) {
    public Snapshot {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(observedAt, "observedAt");
        resources = List.copyOf(resources);
        unlisted = unlisted == null ? List.of() : List.copyOf(unlisted);
        scope = scope == null ? "" : scope;
        if (!scope.isEmpty() && (!unlisted.isEmpty() || resources.size() != 1
                || !resources.get(0).arn().equals(scope))) {
            throw new IllegalArgumentException("a targeted snapshot holds exactly its scope, one resource");
        }
    }

    /** A full poll in which some data integrations' associations were not listed. */
    public Snapshot(PollTarget target, Instant observedAt, List<ObservedResource> resources, int pages,
                    List<UnlistedDataIntegration> unlisted) {
        this(target, observedAt, resources, pages, unlisted, "");
    }

    /** A full poll in which everything was listed. */
    public Snapshot(PollTarget target, Instant observedAt, List<ObservedResource> resources, int pages) {
        this(target, observedAt, resources, pages, List.of(), "");
    }

    /** One resource read by its ARN, in one call. */
    public static Snapshot targeted(PollTarget target, Instant observedAt, ObservedResource resource) {
        return new Snapshot(target, observedAt, List.of(resource), 1, List.of(), resource.arn());
    }

    /** Whether this is a targeted read of {@link #scope()} rather than a full poll. */
    public boolean targeted() {
        return !scope.isEmpty();
    }

    /** Whether this snapshot tells anything about {@code arn}: always for a full poll, else only of its scope. */
    public boolean covers(String arn) {
        return scope.isEmpty() || scope.equals(arn);
    }

    /** Whether a resource's absence says nothing: it belongs to a data integration that was not listed. */
    public boolean unlisted(ObservedResource resource) {
        String dataIntegration = resource.attribute(ObservedResource.Attributes.DATA_INTEGRATION_ARN);
        return !dataIntegration.isEmpty() && unlisted.stream().anyMatch(u -> u.arn().equals(dataIntegration));
    }
}
