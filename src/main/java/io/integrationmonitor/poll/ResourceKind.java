package io.integrationmonitor.poll;

import java.util.List;
import java.util.Set;

/**
 * The kinds of monitored resource, each with its closed set of statuses. The status sets drive the
 * one-hot state-set gauges, so they must stay bounded.
 */
public enum ResourceKind {
    GLUE_INTEGRATION("glue_integration", Statuses.GLUE),
    GLUE_INBOUND_INTEGRATION("glue_inbound_integration", Statuses.GLUE),
    APPINTEGRATIONS_ASSOCIATION("appintegrations_association", Statuses.EXECUTION);

    private final String label;
    private final List<String> statuses;

    ResourceKind(String label, List<String> statuses) {
        this.label = label;
        this.statuses = statuses;
    }

    /** Bounded value for the {@code kind} metric label, the JSON API and config matchers. */
    public String label() {
        return label;
    }

    /** Every status a resource of this kind can report, in a stable order. */
    public List<String> statuses() {
        return statuses;
    }

    public boolean isGlue() {
        return this != APPINTEGRATIONS_ASSOCIATION;
    }

    public static ResourceKind fromLabel(String label) {
        for (ResourceKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown kind '" + label + "'");
    }

    /** Status vocabularies, as the AWS APIs spell them. */
    public static final class Statuses {
        public static final String CREATING = "CREATING";
        public static final String ACTIVE = "ACTIVE";
        public static final String MODIFYING = "MODIFYING";
        public static final String FAILED = "FAILED";
        public static final String DELETING = "DELETING";
        public static final String SYNCING = "SYNCING";
        public static final String NEEDS_ATTENTION = "NEEDS_ATTENTION";

        public static final String COMPLETED = "COMPLETED";
        public static final String IN_PROGRESS = "IN_PROGRESS";
        /** An association whose LastExecutionStatus is absent: it has not run yet. */
        public static final String NEVER_EXECUTED = "NEVER_EXECUTED";

        /** A status value the SDK did not recognise; kept so a new AWS status is visible, not dropped. */
        public static final String UNKNOWN = "UNKNOWN";

        static final List<String> GLUE =
                List.of(CREATING, ACTIVE, MODIFYING, FAILED, DELETING, SYNCING, NEEDS_ATTENTION, UNKNOWN);
        static final List<String> EXECUTION = List.of(COMPLETED, IN_PROGRESS, FAILED, NEVER_EXECUTED, UNKNOWN);

        /** Statuses that are transient; staying in one past its threshold is "stuck". */
        public static final Set<String> TRANSIENT = Set.of(CREATING, MODIFYING, SYNCING, DELETING, IN_PROGRESS);

        private Statuses() {
        }
    }
}
