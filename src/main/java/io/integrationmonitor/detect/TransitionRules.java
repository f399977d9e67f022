package io.integrationmonitor.detect;

import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceKind.Statuses;

import java.util.ArrayList;
import java.util.List;

/**
 * Which event types a first sighting or a status change produces, beyond APPEARED / STATUS_CHANGED.
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

    /** Specific events for a status change (after STATUS_CHANGED); {@code from} differs from {@code to}. */
    static List<EventType> onChange(ResourceKind kind, String from, String to) {
        List<EventType> types = new ArrayList<>();
        if (kind.isGlue()) {
            if (Statuses.FAILED.equals(to)) {
                types.add(EventType.ENTERED_FAILED);
            } else if (Statuses.NEEDS_ATTENTION.equals(to)) {
                types.add(EventType.ENTERED_NEEDS_ATTENTION);
            } else if (Statuses.ACTIVE.equals(to)
                    && (Statuses.FAILED.equals(from) || Statuses.NEEDS_ATTENTION.equals(from))) {
                types.add(EventType.RECOVERED);
            }
        } else {
            if (Statuses.FAILED.equals(to)) {
                types.add(EventType.EXECUTION_FAILED);
            } else if (Statuses.COMPLETED.equals(to) && Statuses.FAILED.equals(from)) {
                types.add(EventType.EXECUTION_RECOVERED);
            }
        }
        return types;
    }
}
