package io.integrationmonitor.detect;

import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which specific event type (at most one) a first sighting or a status change is, beyond APPEARED / STATUS_CHANGED.
 * Glue kinds report a lifecycle status; associations report their last execution status, so the two
 * vocabularies get different specific events. Healthy and unhealthy are {@link ResourceHealth}'s.
 */
final class TransitionRules {
    private TransitionRules() {
    }

    /** Specific events for a resource seen for the first time (after APPEARED). */
    static List<EventType> onAppear(ObservedResource resource) {
        List<EventType> types = new ArrayList<>();
        ResourceStatus status = resource.status();
        if (resource.kind().isIntegration()) {
            if (status == ResourceStatus.FAILED) {
                types.add(EventType.ENTERED_FAILED);
            } else if (status == ResourceStatus.NEEDS_ATTENTION) {
                types.add(EventType.ENTERED_NEEDS_ATTENTION);
            }
        } else if (status == ResourceStatus.FAILED) {
            types.add(EventType.EXECUTION_FAILED);
        }
        return types;
    }

    /**
     * Specific events for a status change (after STATUS_CHANGED); {@code from} differs from {@code to}.
     * A recovery is a healthy status after an unhealthy one, whatever transient statuses came between:
     * {@code lastUnhealthy} is the unhealthy status remembered before this change (empty: none).
     */
    static List<EventType> onChange(ResourceKind kind, ResourceStatus from, ResourceStatus to,
                                    Optional<ResourceStatus> lastUnhealthy) {
        List<EventType> types = new ArrayList<>();
        boolean recovers = ResourceHealth.isHealthy(kind, to) && unhealthyBefore(kind, from, lastUnhealthy).isPresent();
        if (kind.isIntegration()) {
            if (to == ResourceStatus.FAILED) {
                types.add(EventType.ENTERED_FAILED);
            } else if (to == ResourceStatus.NEEDS_ATTENTION) {
                types.add(EventType.ENTERED_NEEDS_ATTENTION);
            } else if (recovers) {
                types.add(EventType.RECOVERED);
            }
        } else {
            if (to == ResourceStatus.FAILED) {
                types.add(EventType.EXECUTION_FAILED);
            } else if (recovers) {
                types.add(EventType.EXECUTION_RECOVERED);
            }
        }
        return types;
    }

    /**
     * The unhealthy status to remember after observing {@code status}: the status itself if unhealthy, none
     * once healthy, and otherwise (a transient or unknown status) what was remembered before.
     */
    static Optional<ResourceStatus> lastUnhealthy(ResourceKind kind, Optional<ResourceStatus> remembered,
                                                  ResourceStatus status) {
        if (ResourceHealth.isUnhealthy(kind, status)) {
            return Optional.of(status);
        }
        return ResourceHealth.isHealthy(kind, status) ? Optional.empty() : remembered;
    }

    /**
     * The unhealthy status a change from {@code from} leaves behind. {@code from} itself counts even when
     * nothing was remembered (state written before the memory existed).
     */
    static Optional<ResourceStatus> unhealthyBefore(ResourceKind kind, ResourceStatus from,
                                                    Optional<ResourceStatus> remembered) {
        return ResourceHealth.isUnhealthy(kind, from) ? Optional.of(from) : remembered;
    }
}
