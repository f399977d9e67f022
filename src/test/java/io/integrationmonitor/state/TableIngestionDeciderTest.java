package io.integrationmonitor.state;

import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.events.TableIngestion;
import io.integrationmonitor.events.TableIngestions.Outcome;
import io.integrationmonitor.poll.ResourceKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TableIngestionDeciderTest {
    static final String ARN = "arn:aws:glue:eu-west-1:123456789012:integration:0a1b2c3d";
    static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private final TableIngestionDecider decider = new TableIngestionDecider(() -> "event-1");

    static TableIngestion failed(String id, Instant at, String table, String code, String message) {
        return new TableIngestion(id, at, "123456789012", "eu-west-1", ARN, table, true, code, message);
    }

    static TableIngestion completed(String id, Instant at, String table) {
        return new TableIngestion(id, at, "123456789012", "eu-west-1", ARN, table, false, null, null);
    }

    private TableState failing(String table, Instant since, Instant last) {
        return new TableState(ARN, table, "123456789012", "eu-west-1", "SchemaMismatch", "column x", since, last, "e0");
    }

    @Test
    void aFailedNewTableIsRaisedWithAHistoryEvent() {
        TableDecision d = decider.decide(null, failed("e1", T0, "orders", "SchemaMismatch", "column x"), 0, 10);

        assertThat(d.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(d.change()).isEqualTo(TableDecision.Change.RAISED);
        assertThat(d.newState().failedSince()).isEqualTo(T0);
        assertThat(d.newState().errorCode()).isEqualTo("SchemaMismatch");
        assertThat(d.newState().lastEventId()).isEqualTo("e1");
        assertThat(d.events()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("event-1");
            assertThat(e.type()).isEqualTo(EventType.TABLE_INGESTION_FAILED);
            assertThat(e.attribute(ResourceEvent.Attributes.TABLE)).isEqualTo("orders");
            assertThat(e.attribute(ResourceEvent.Attributes.ERROR_CODE)).isEqualTo("SchemaMismatch");
            assertThat(e.resource().arn()).isEqualTo(ARN);
            assertThat(e.kind()).isEqualTo(ResourceKind.GLUE_INTEGRATION);
            assertThat(e.message()).isEqualTo("table orders ingestion failed: SchemaMismatch");
        });
    }

    @Test
    void aFailingTableThatFailsAgainIsUpdatedWithoutASecondEvent() {
        TableState before = failing("orders", T0, T0);

        TableDecision d = decider.decide(before, failed("e2", T0.plusSeconds(60), "orders", "Timeout", "again"), 1, 10);

        assertThat(d.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(d.change()).isEqualTo(TableDecision.Change.UPDATED);
        assertThat(d.newState().errorCode()).isEqualTo("Timeout");
        assertThat(d.newState().errorMessage()).isEqualTo("again");
        assertThat(d.newState().failedSince()).as("still failing since the first").isEqualTo(T0);
        assertThat(d.newState().lastEventTime()).isEqualTo(T0.plusSeconds(60));
        assertThat(d.events()).isEmpty();
    }

    @Test
    void aCompletedFailingTableIsResolved() {
        TableDecision d = decider.decide(failing("orders", T0, T0), completed("e2", T0.plusSeconds(5), "orders"), 1, 10);

        assertThat(d.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(d.change()).isEqualTo(TableDecision.Change.RESOLVED);
        assertThat(d.newState().failing()).isFalse();
        assertThat(d.newState().errorCode()).isNull();
        assertThat(d.events()).singleElement().extracting(ResourceEvent::type)
                .isEqualTo(EventType.TABLE_INGESTION_RECOVERED);
    }

    @Test
    void aCompletedTableThatWasNotFailingChangesNothingButItsTimeIsRemembered() {
        TableDecision d = decider.decide(null, completed("e1", T0, "orders"), 0, 10);

        assertThat(d.outcome()).isEqualTo(Outcome.NO_CHANGE);
        assertThat(d.change()).isEqualTo(TableDecision.Change.NONE);
        assertThat(d.events()).isEmpty();
        assertThat(d.newState().failing()).isFalse();
        assertThat(d.newState().lastEventTime()).isEqualTo(T0);
    }

    @Test
    void anEventOlderThanTheTablesLastIsStale() {
        TableState resolved = new TableState(ARN, "orders", "123456789012", "eu-west-1", null, null, null,
                T0.plusSeconds(60), "e2");

        TableDecision d = decider.decide(resolved, failed("e1", T0, "orders", "Late", "reordered"), 0, 10);

        assertThat(d.outcome()).isEqualTo(Outcome.NO_CHANGE);
        assertThat(d.newState()).as("nothing written").isNull();
        assertThat(d.events()).isEmpty();
    }

    @Test
    void aStaleCompletionCannotResolveALaterFailure() {
        TableDecision d = decider.decide(failing("orders", T0, T0), completed("e0", T0.minusSeconds(1), "orders"), 1, 10);

        assertThat(d.outcome()).isEqualTo(Outcome.NO_CHANGE);
        assertThat(d.newState()).isNull();
    }

    @Test
    void aNewFailingTableBeyondTheCapIsCountedNotStored() {
        TableDecision d = decider.decide(null, failed("e9", T0, "t11", "X", "y"), 10, 10);

        assertThat(d.outcome()).isEqualTo(Outcome.OVER_CAP);
        assertThat(d.newState()).isNull();
        assertThat(d.events()).isEmpty();
    }

    @Test
    void anAlreadyFailingTableIsUpdatedEvenAtTheCap() {
        TableDecision d = decider.decide(failing("orders", T0, T0), failed("e2", T0.plusSeconds(1), "orders", "X", "y"),
                10, 10);

        assertThat(d.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(d.change()).isEqualTo(TableDecision.Change.UPDATED);
    }

    @Test
    void theKindComesFromTheArnsService() {
        assertThat(TableIngestionDecider.kindOf("arn:aws:rds:eu-west-1:1:integration:x"))
                .isEqualTo(ResourceKind.RDS_INTEGRATION);
        assertThat(TableIngestionDecider.kindOf("arn:aws:redshift:eu-west-1:1:integration:x"))
                .isEqualTo(ResourceKind.REDSHIFT_INTEGRATION);
        assertThat(TableIngestionDecider.kindOf(ARN)).isEqualTo(ResourceKind.GLUE_INTEGRATION);
        assertThat(TableIngestionDecider.nameOf(ARN)).isEqualTo("0a1b2c3d");
    }
}
