package io.integrationmonitor.detect;

import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.ResourceStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The last known state of a resource, as persisted between polls.
 *
 * @param resource      the resource as last observed
 * @param statusSince   when its current status was first observed
 * @param lastSeen      when it was last observed
 * @param stuckReported whether a STUCK event was already emitted for the current status
 * @param lastUnhealthy the unhealthy status (FAILED, NEEDS_ATTENTION) it was last in, if it has not been
 *                      healthy since; empty otherwise. Remembered across transient statuses, so that
 *                      NEEDS_ATTENTION, SYNCING, ACTIVE is a recovery.
 */
public record KnownResource(ObservedResource resource, Instant statusSince, Instant lastSeen, boolean stuckReported,
                            Optional<ResourceStatus> lastUnhealthy) {
    public KnownResource {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(statusSince, "statusSince");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(lastUnhealthy, "lastUnhealthy");
    }

    /** A resource with no unhealthy status behind it. */
    public KnownResource(ObservedResource resource, Instant statusSince, Instant lastSeen, boolean stuckReported) {
        this(resource, statusSince, lastSeen, stuckReported, Optional.empty());
    }

    public String arn() {
        return resource.arn();
    }

    public ResourceStatus status() {
        return resource.status();
    }

    /** Stuck now: a STUCK event was emitted for the transient status it is still in ({@link ResourceHealth}). */
    public boolean isStuck() {
        return ResourceHealth.of(this) == ResourceHealth.Verdict.STUCK;
    }

    public Duration statusAge(Instant now) {
        return Duration.between(statusSince, now);
    }
}
