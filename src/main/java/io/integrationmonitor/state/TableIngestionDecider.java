package io.integrationmonitor.state;

import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.events.TableIngestion;
import io.integrationmonitor.events.TableIngestions.Outcome;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.ResourceError;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;
import io.integrationmonitor.poll.Source;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The decision on one table event, as a pure function in the Detector's shape: the table's state (and how many
 * tables of its integration fail) in, the outcome, new state and history events out.
 *
 * <ul>
 *   <li>older than the table's last applied event: {@link Outcome#NO_CHANGE} (reordered delivery cannot put a
 *       table backwards);</li>
 *   <li>failed, table not failing: raised, unless the integration already has {@code cap} failing tables
 *       ({@link Outcome#OVER_CAP}: counted, not stored);</li>
 *   <li>failed, already failing: code and message updated, no second event;</li>
 *   <li>completed, failing: resolved; completed, not failing: {@link Outcome#NO_CHANGE}, its time remembered.</li>
 * </ul>
 */
public final class TableIngestionDecider {
    private final Supplier<String> ids;

    public TableIngestionDecider() {
        this(() -> UUID.randomUUID().toString());
    }

    /** @param ids of the history events (unique), as the Detector's */
    public TableIngestionDecider(Supplier<String> ids) {
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /**
     * @param previous      the table's state, null when none is stored
     * @param failingTables how many tables of the event's integration are failing now
     * @param cap           {@code events.max_failing_tables_per_integration}
     */
    public TableDecision decide(TableState previous, TableIngestion event, int failingTables, int cap) {
        Instant time = event.time().truncatedTo(ChronoUnit.MILLIS);
        if (previous != null && time.isBefore(previous.lastEventTime())) {
            return TableDecision.of(Outcome.NO_CHANGE, previous);
        }
        boolean failing = previous != null && previous.failing();
        if (event.failed()) {
            if (failing) {
                TableState updated = state(event, time, previous.failedSince());
                return new TableDecision(Outcome.APPLIED, TableDecision.Change.UPDATED, previous, updated, List.of());
            }
            if (failingTables >= cap) {
                return TableDecision.of(Outcome.OVER_CAP, previous);
            }
            TableState raised = state(event, time, time);
            return new TableDecision(Outcome.APPLIED, TableDecision.Change.RAISED, previous, raised,
                    List.of(historyEvent(EventType.TABLE_INGESTION_FAILED, event, time)));
        }
        TableState completed = state(event, time, null);
        if (!failing) {
            return new TableDecision(Outcome.NO_CHANGE, TableDecision.Change.NONE, previous, completed, List.of());
        }
        return new TableDecision(Outcome.APPLIED, TableDecision.Change.RESOLVED, previous, completed,
                List.of(historyEvent(EventType.TABLE_INGESTION_RECOVERED, event, time)));
    }

    /**
     * The kind of the integration an ARN names, by its service: {@code rds_integration},
     * {@code redshift_integration}, else {@code glue_integration}. What routes and silences match as {@code kind}.
     */
    public static ResourceKind kindOf(String integrationArn) {
        String[] parts = integrationArn.split(":", 4);
        String service = parts.length > 2 ? parts[2] : "";
        return switch (service) {
            case "rds" -> ResourceKind.RDS_INTEGRATION;
            case "redshift" -> ResourceKind.REDSHIFT_INTEGRATION;
            default -> ResourceKind.GLUE_INTEGRATION;
        };
    }

    /** The integration's name as far as its ARN tells: the last segment. */
    public static String nameOf(String integrationArn) {
        int cut = Math.max(integrationArn.lastIndexOf(':'), integrationArn.lastIndexOf('/'));
        return integrationArn.substring(cut + 1);
    }

    private static TableState state(TableIngestion e, Instant time, Instant failedSince) {
        return new TableState(e.integrationArn(), e.table(), e.accountId(), e.region(),
                failedSince == null ? null : e.errorCode(), failedSince == null ? null : e.errorMessage(),
                failedSince, time, e.eventId());
    }

    private ResourceEvent historyEvent(EventType type, TableIngestion e, Instant time) {
        ResourceKind kind = kindOf(e.integrationArn());
        List<ResourceError> errors = e.failed() && (e.errorCode() != null || e.errorMessage() != null)
                ? List.of(ResourceError.of(e.errorCode(), e.errorMessage())) : List.of();
        ObservedResource resource = new ObservedResource(kind, e.integrationArn(), nameOf(e.integrationArn()),
                e.accountId(), e.region(), ResourceStatus.UNKNOWN, errors, Map.of(), Map.of(), null);
        Map<String, String> attributes = new HashMap<>();
        attributes.put(ResourceEvent.Attributes.TABLE, e.table());
        if (e.failed() && e.errorCode() != null) {
            attributes.put(ResourceEvent.Attributes.ERROR_CODE, e.errorCode());
        }
        return new ResourceEvent(ids.get(), type, new PollTarget(Source.of(kind), e.accountId(), e.region()), resource,
                "", "", time, List.of(), attributes);
    }
}
