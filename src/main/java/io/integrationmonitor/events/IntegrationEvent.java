package io.integrationmonitor.events;

import java.util.Locale;
import java.util.Objects;

/**
 * What one AWS event means to the monitor ({@link IntegrationEvents#classify}). Events make polls, not state:
 * an integration-level event only names the integration to poll now; table-level events, which no API shows,
 * are the only ones that carry state. AWS text (table names, error codes and messages) is kept as data, bounded
 * in length, and made inert where it is shown.
 */
sealed interface IntegrationEvent {

    /** The integration changed: poll it now (the API stays the single source of truth for its status). */
    record IntegrationChanged(String integrationArn, IntegrationService service) implements IntegrationEvent {
        public IntegrationChanged {
            Objects.requireNonNull(integrationArn, "integrationArn");
            Objects.requireNonNull(service, "service");
        }
    }

    /**
     * One table's ingestion failed.
     *
     * @param errorCode    AWS's code ({@code client_error} in the documented log format), or null when absent
     * @param errorMessage AWS's message, or null when absent
     */
    record TableIngestionFailed(String integrationArn, String table, String errorCode, String errorMessage)
            implements IntegrationEvent {
        public TableIngestionFailed {
            Objects.requireNonNull(integrationArn, "integrationArn");
            Objects.requireNonNull(table, "table");
        }
    }

    /** One table's ingestion completed: a failure of that table, if any, is over. */
    record TableIngestionCompleted(String integrationArn, String table) implements IntegrationEvent {
        public TableIngestionCompleted {
            Objects.requireNonNull(integrationArn, "integrationArn");
            Objects.requireNonNull(table, "table");
        }
    }

    /** Nothing to do; the reason is a bounded vocabulary (a metric label). */
    record Ignored(Reason reason) implements IntegrationEvent {
        public Ignored {
            Objects.requireNonNull(reason, "reason");
        }
    }

    enum Reason {
        /** {@code Ingestion In Progress}: partial progress, neither a failure nor its end. */
        INGESTION_IN_PROGRESS,
        /** A detail type of a known source that is not about integrations (e.g. CloudTrail API calls). */
        NOT_AN_INTEGRATION_EVENT,
        /** A detail type under the Glue zero-ETL source that the documentation does not list. */
        UNKNOWN_DETAIL_TYPE,
        /** No integration ARN in {@code resources} nor in the detail. */
        NO_INTEGRATION_ARN,
        /** A table-level event without a usable table name. */
        NO_TABLE_NAME;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
