package io.integrationmonitor.alert.evaluate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.text.Labels;

import java.util.Set;

/** What an alert is about. Together with the resource (or poll target) it forms the alert's identity. */
public enum Condition implements Labels.Labelled {
    FAILED("failed", Severity.CRITICAL, "FAILED"),
    NEEDS_ATTENTION("needs_attention", Severity.WARNING, "NEEDS ATTENTION"),
    EXECUTION_FAILED("execution_failed", Severity.CRITICAL, "EXECUTION FAILED"),
    STUCK("stuck", Severity.WARNING, "STUCK"),
    POLL_FAILING("poll_failing", Severity.WARNING, "CANNOT POLL"),
    /** An AWS event said a table of the integration failed to ingest; keyed by integration and table. */
    TABLE_INGESTION_FAILED("table_ingestion_failed", Severity.CRITICAL, "TABLE INGESTION FAILED"),
    /** CloudWatch: an ACTIVE integration's last sync is older than k refresh intervals plus grace (issue #14). */
    STALE("stale", Severity.WARNING, "STALE"),
    /** CloudWatch: a Redshift integration's {@code IntegrationLag} is above its threshold in N of M samples. */
    LAGGING("lagging", Severity.WARNING, "LAGGING"),
    /** CloudWatch: tables failed to replicate ({@code IntegrationNumTablesFailedReplication}) or ingest. */
    TABLES_FAILING("tables_failing", Severity.CRITICAL, "TABLES FAILING");

    private final String label;
    private final Severity severity;
    private final String headline;

    Condition(String label, Severity severity, String headline) {
        this.label = label;
        this.severity = severity;
        this.headline = headline;
    }

    /** Bounded value for metric labels, matchers, payloads and stored rows. */
    @JsonValue
    @Override
    public String label() {
        return label;
    }

    public Severity severity() {
        return severity;
    }

    /** Upper-case words for titles, e.g. {@code FAILED}. */
    public String headline() {
        return headline;
    }

    /** Every condition an alert about a resource of {@code kind} can be in (its firing-gauge series, say). */
    public static Set<Condition> possibleFor(ResourceKind kind) {
        return AlertConditions.possible(kind);
    }

    @JsonCreator
    public static Condition fromLabel(String label) {
        return Labels.of(Condition.class, label, "condition");
    }
}
