package io.integrationmonitor.alert.receiver;

import io.integrationmonitor.alert.evaluate.Alert;
import io.integrationmonitor.alert.evaluate.Condition;
import io.integrationmonitor.poll.PollErrorReason;

import java.util.EnumMap;
import java.util.Map;

/**
 * What to do about an alert: one hint per condition, and for {@code poll_failing} one per error reason.
 * The one definition every receiver renders.
 */
final class Runbook {
    private static final Map<Condition, String> BY_CONDITION = new EnumMap<>(Map.of(
            Condition.FAILED, "A FAILED zero-ETL integration cannot recover: delete it and create it again.",
            Condition.NEEDS_ATTENTION, "Check the source for tables without a primary key and fix them;"
                    + " a resync of the integration is required.",
            Condition.EXECUTION_FAILED, "Check the connector's API quota and the permissions of the"
                    + " data integration's source.",
            Condition.STUCK, "Check the integration's errors and the source's and target's status (capacity,"
                    + " permissions, pending changes); AWS may be slow or waiting on one of them.",
            Condition.POLL_FAILING, "See why the monitor cannot poll (the status is the reason).",
            Condition.TABLE_INGESTION_FAILED, "Fix what the error names in the source table (a schema change,"
                    + " an unsupported type, a missing primary key); the alert resolves when AWS reports the"
                    + " table's ingestion completed.",
            Condition.STALE, "The integration is ACTIVE but has not synced: check the source for changes, the"
                    + " integration's CloudWatch logs and the target's capacity and permissions.",
            Condition.LAGGING, "Replication runs behind: check the target's load and capacity and long-running"
                    + " transactions at the source.",
            Condition.TABLES_FAILING, "Check the integration's CloudWatch logs (or SVV_INTEGRATION_TABLE_STATE in"
                    + " Redshift) for the failing tables and fix what they name, then resync them."));

    private static final Map<PollErrorReason, String> BY_REASON = new EnumMap<>(Map.of(
            PollErrorReason.THROTTLED, "AWS throttles the monitor: lengthen the poll interval or ask for a higher"
                    + " API quota.",
            PollErrorReason.ACCESS_DENIED, "The monitor's role lacks a permission (or its credentials expired):"
                    + " grant the Describe/List actions of the source.",
            PollErrorReason.TIMEOUT, "AWS did not answer in time: check the network path to the endpoint and the"
                    + " timeouts.",
            PollErrorReason.SERVER_ERROR, "AWS answers with server errors: check the AWS Health Dashboard; the"
                    + " monitor keeps retrying.",
            PollErrorReason.INVALID_RESPONSE, "AWS (or a proxy or an endpoint override) sent an unexpected"
                    + " response: check the endpoint configuration.",
            PollErrorReason.POLL_BUDGET_EXCEEDED, "The source has more pages or takes longer than its budget:"
                    + " raise max_pages / max_poll_duration or narrow its filter.",
            PollErrorReason.OTHER, "See the error message and the monitor's log."));

    private Runbook() {
    }

    /** The hint for an alert; for {@code poll_failing}, its status is the reason label. */
    static String hint(Alert a) {
        Condition c = a.condition();
        if (c == Condition.POLL_FAILING) {
            for (PollErrorReason reason : PollErrorReason.values()) {
                if (reason.label().equals(a.status())) {
                    return BY_REASON.get(reason);
                }
            }
        }
        return BY_CONDITION.get(c);
    }
}
