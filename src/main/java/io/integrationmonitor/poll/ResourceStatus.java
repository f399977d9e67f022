package io.integrationmonitor.poll;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every status a monitored resource can be in, spelled as the Glue and AppIntegrations APIs spell them. Each
 * kind reports a closed subset ({@link ResourceKind#statuses()}); what healthy, unhealthy and stuck mean is
 * {@code detect.ResourceHealth}'s. The label is what the database, the metrics, the API and the config keep.
 */
public enum ResourceStatus {
    CREATING(true),
    ACTIVE(false),
    MODIFYING(true),
    FAILED(false),
    DELETING(true),
    SYNCING(true),
    NEEDS_ATTENTION(false),
    /** An association's last execution. */
    COMPLETED(false),
    IN_PROGRESS(true),
    /** An association whose LastExecutionStatus is absent: it has not run yet. */
    NEVER_EXECUTED(false),
    /** A value this version does not know (a status AWS added later): kept so it is visible, not dropped. */
    UNKNOWN(false);

    private static final Map<String, ResourceStatus> BY_LABEL =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ResourceStatus::label, Function.identity()));

    private final boolean isTransient;

    ResourceStatus(boolean isTransient) {
        this.isTransient = isTransient;
    }

    /** The AWS spelling, e.g. {@code NEEDS_ATTENTION}: the {@code status} label and the stored text. */
    public String label() {
        return name();
    }

    /**
     * On the way to another status (CREATING, MODIFYING, SYNCING, DELETING, IN_PROGRESS): staying in one past its
     * threshold is "stuck".
     */
    public boolean isTransient() {
        return isTransient;
    }

    /** The status of a stored or configured label; UNKNOWN for a label this version does not know. */
    public static ResourceStatus ofLabel(String label) {
        return label == null ? UNKNOWN : BY_LABEL.getOrDefault(label, UNKNOWN);
    }

    /** Whether {@code label} is the exact label of a status (UNKNOWN's included). */
    public static boolean isLabel(String label) {
        return label != null && BY_LABEL.containsKey(label);
    }
}
