package io.integrationmonitor.detect;

/** What the detector saw change between two complete polls of a target, or an AWS table event changed. */
public enum EventType {
    /** A status change; an event of a more specific type below lists it in {@code also}. */
    STATUS_CHANGED("status_changed"),
    ENTERED_FAILED("entered_failed"),
    ENTERED_NEEDS_ATTENTION("entered_needs_attention"),
    /** Back to ACTIVE after FAILED or NEEDS_ATTENTION, directly or through transient statuses (SYNCING ...). */
    RECOVERED("recovered"),
    /** An association's LastExecutionStatus became FAILED (from anything else, or on first sight). */
    EXECUTION_FAILED("execution_failed"),
    /** An association's LastExecutionStatus became COMPLETED after FAILED, directly or through IN_PROGRESS. */
    EXECUTION_RECOVERED("execution_recovered"),
    /** First seen after the target's first poll (already unhealthy: the specific type, with this in {@code also}). */
    APPEARED("appeared"),
    /** The first poll of a target that found resources: one event with their {@code count}, not one APPEARED each. */
    DISCOVERED("discovered"),
    /** Absent from a complete, successful poll after having been seen. */
    VANISHED("vanished"),
    /** In a transient status (CREATING, MODIFYING, SYNCING, DELETING, IN_PROGRESS) past its threshold. */
    STUCK("stuck"),
    /**
     * An AWS event (not a poll) said a table of the integration failed to ingest; attributes {@code table},
     * {@code error_code}. Raised once per failing table, not again while it keeps failing.
     */
    TABLE_INGESTION_FAILED("table_ingestion_failed"),
    /** An AWS event said a failing table's ingestion completed again; attribute {@code table}. */
    TABLE_INGESTION_RECOVERED("table_ingestion_recovered");

    private final String label;

    EventType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
