package io.integrationmonitor.detect;

import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceKind.Statuses;

import java.util.ArrayList;
import java.util.List;

/**
 * Which specific event type (at most one) a first sighting or a status change is, beyond APPEARED / STATUS_CHANGED.
 * Glue kinds report a lifecycle status; associations report their last execution status, so the two
 * vocabularies get different specific events.
 */
final class TransitionRules {
    private TransitionRules() {
    }

    /** Specific events for a resource seen for the first time (after APPEARED). */
    static List<EventType> onAppear(ObservedResource resource) {
        List<EventType> types = new ArrayList<>();
        String status = resource.status();
        if (resource.kind().isGlue()) {
            if (Statuses.FAILED.equals(status)) {
                types.add(EventType.ENTERED_FAILED);
            } else if (Statuses.NEEDS_ATTENTION.equals(status)) {
                types.add(EventType.ENTERED_NEEDS_ATTENTION);
            }
        } else if (Statuses.FAILED.equals(status)) {
            types.add(EventType.EXECUTION_FAILED);
        }
        return types;
    }

    /**
     * Specific events for a status change (after STATUS_CHANGED); {@code from} differs from {@code to}.
     * A recovery is a healthy status after an unhealthy one, whatever transient statuses came between:
     * {@code lastUnhealthy} is the unhealthy status remembered before this change (empty: none).
     */
    static List<EventType> onChange(ResourceKind kind, String from, String to, String lastUnhealthy) {
        List<EventType> types = new ArrayList<>();
        boolean recovers = isHealthy(kind, to) && !unhealthyBefore(kind, from, lastUnhealthy).isEmpty();
        if (kind.isGlue()) {
            if (Statuses.FAILED.equals(to)) {
                types.add(EventType.ENTERED_FAILED);
            } else if (Statuses.NEEDS_ATTENTION.equals(to)) {
                types.add(EventType.ENTERED_NEEDS_ATTENTION);
            } else if (recovers) {
                types.add(EventType.RECOVERED);
            }
        } else {
            if (Statuses.FAILED.equals(to)) {
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
    static String lastUnhealthy(ResourceKind kind, String remembered, String status) {
        if (isUnhealthy(kind, status)) {
            return status;
        }
        return isHealthy(kind, status) ? "" : remembered;
    }

    /**
     * The unhealthy status a change from {@code from} leaves behind. {@code from} itself counts even when
     * nothing was remembered (state written before the memory existed).
     */
    static String unhealthyBefore(ResourceKind kind, String from, String remembered) {
        return isUnhealthy(kind, from) ? from : remembered;
    }

    /** FAILED, and for the Glue kinds NEEDS_ATTENTION. */
    static boolean isUnhealthy(ResourceKind kind, String status) {
        return Statuses.FAILED.equals(status) || (kind.isGlue() && Statuses.NEEDS_ATTENTION.equals(status));
    }

    /** ACTIVE for the Glue kinds; COMPLETED for an association's last execution. */
    static boolean isHealthy(ResourceKind kind, String status) {
        return (kind.isGlue() ? Statuses.ACTIVE : Statuses.COMPLETED).equals(status);
    }
}
