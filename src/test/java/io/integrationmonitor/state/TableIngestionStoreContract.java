package io.integrationmonitor.state;

import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.events.EventReceipts;
import io.integrationmonitor.events.TableIngestion;
import io.integrationmonitor.events.TableIngestions.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static io.integrationmonitor.state.TableIngestionDeciderTest.ARN;
import static io.integrationmonitor.state.TableIngestionDeciderTest.T0;
import static io.integrationmonitor.state.TableIngestionDeciderTest.completed;
import static io.integrationmonitor.state.TableIngestionDeciderTest.failed;
import static org.assertj.core.api.Assertions.assertThat;

/** What {@link TableIngestionStore} must do on every database; one subclass per database. */
abstract class TableIngestionStoreContract {
    static final Duration WINDOW = Duration.ofHours(24);
    static final Instant NOW = T0.plusSeconds(30);

    private Database database;
    TableIngestionStore tables;
    private JdbcStateStore state;

    abstract Database openDatabase();

    void cleanUp() throws Exception {
    }

    @BeforeEach
    void open() {
        database = openDatabase();
        tables = new TableIngestionStore(database, new TableIngestionDecider(), 2, WINDOW,
                Clock.fixed(NOW, ZoneOffset.UTC));
        state = new JdbcStateStore(database);
    }

    @AfterEach
    void close() throws Exception {
        database.close();
        cleanUp();
    }

    @Test
    void aFailedTableIsStoredWithItsHistoryEvent() {
        TableDecision d = tables.apply(failed("e1", T0, "orders", "SchemaMismatch", "column x"));

        assertThat(d.outcome()).isEqualTo(Outcome.APPLIED);
        TableState stored = tables.table(ARN, "orders");
        assertThat(stored.failing()).isTrue();
        assertThat(stored.errorCode()).isEqualTo("SchemaMismatch");
        assertThat(stored.errorMessage()).isEqualTo("column x");
        assertThat(stored.failedSince()).isEqualTo(T0);
        assertThat(tables.failingCounts()).containsExactly(
                new TableIngestionStore.FailingTables(ARN, "123456789012", "eu-west-1", 1));
        assertThat(state.events(EventQuery.ofArn(ARN, 10))).singleElement().satisfies(s -> {
            assertThat(s.event().type()).isEqualTo(EventType.TABLE_INGESTION_FAILED);
            assertThat(s.event().attribute("table")).isEqualTo("orders");
        });
    }

    @Test
    void aDuplicateIdChangesNothing() {
        tables.apply(failed("e1", T0, "orders", "SchemaMismatch", "column x"));

        TableDecision again = tables.apply(completed("e1", T0.plusSeconds(5), "orders"));

        assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(tables.table(ARN, "orders").failing()).isTrue();
        assertThat(state.events(EventQuery.ofArn(ARN, 10))).hasSize(1);
    }

    @Test
    void aCompletionResolvesAndALateOlderFailureIsStale() {
        tables.apply(failed("e1", T0, "orders", "SchemaMismatch", "column x"));
        assertThat(tables.apply(completed("e2", T0.plusSeconds(10), "orders")).outcome()).isEqualTo(Outcome.APPLIED);

        TableDecision late = tables.apply(failed("e0", T0.plusSeconds(5), "orders", "Late", "reordered"));

        assertThat(late.outcome()).isEqualTo(Outcome.NO_CHANGE);
        assertThat(tables.table(ARN, "orders").failing()).isFalse();
        assertThat(tables.failingCounts()).isEmpty();
        assertThat(state.events(EventQuery.ofArn(ARN, 10))).extracting(s -> s.event().type())
                .containsExactly(EventType.TABLE_INGESTION_FAILED, EventType.TABLE_INGESTION_RECOVERED);
    }

    @Test
    void aCompletionFirstMakesALaterDeliveredOlderFailureStale() {
        assertThat(tables.apply(completed("e2", T0.plusSeconds(10), "orders")).outcome())
                .isEqualTo(Outcome.NO_CHANGE);

        assertThat(tables.apply(failed("e1", T0, "orders", "X", "y")).outcome()).isEqualTo(Outcome.NO_CHANGE);
        assertThat(tables.failingCounts()).isEmpty();
    }

    @Test
    void tablesBeyondTheCapAreCountedNotStored() {
        tables.apply(failed("e1", T0, "t1", "X", "y"));
        tables.apply(failed("e2", T0, "t2", "X", "y"));

        assertThat(tables.apply(failed("e3", T0, "t3", "X", "y")).outcome()).isEqualTo(Outcome.OVER_CAP);
        assertThat(tables.apply(failed("e4", T0, "t4", "X", "y")).outcome()).isEqualTo(Outcome.OVER_CAP);

        assertThat(tables.table(ARN, "t3")).isNull();
        assertThat(tables.overCapCount(ARN)).isEqualTo(2);
        assertThat(tables.failing()).extracting(TableState::table).containsExactly("t1", "t2");
        // a tracked table still updates, and a resolved one frees a place
        assertThat(tables.apply(failed("e5", T0.plusSeconds(1), "t1", "Z", "z")).outcome()).isEqualTo(Outcome.APPLIED);
        tables.apply(completed("e6", T0.plusSeconds(2), "t2"));
        assertThat(tables.apply(failed("e7", T0.plusSeconds(3), "t3", "X", "y")).outcome()).isEqualTo(Outcome.APPLIED);
    }

    @Test
    void receiptsArePrunedAfterTheWindowAndAnOldCompletedTableWithThem() {
        EventReceipts receipts = tables.receipts();
        receipts.record("integration-event", NOW);
        tables.apply(completed("e1", T0, "orders"));
        tables.apply(failed("e2", T0, "customers", "X", "y"));
        assertThat(receipts.seen("integration-event")).isTrue();
        assertThat(receipts.seen("e1")).isTrue();
        assertThat(receipts.seen("never")).isFalse();

        assertThat(tables.prune(T0.plus(WINDOW).minusSeconds(1))).as("nothing expired yet").isZero();
        int pruned = tables.prune(NOW.plus(WINDOW).plusSeconds(1));

        assertThat(pruned).as("3 receipts and the completed table's row").isEqualTo(4);
        assertThat(receipts.seen("integration-event")).isFalse();
        assertThat(tables.table(ARN, "orders")).isNull();
        assertThat(tables.table(ARN, "customers").failing()).as("a failing table stays").isTrue();
        // the id may be applied again once forgotten
        assertThat(tables.apply(completed("e2", T0.plusSeconds(1), "customers")).outcome()).isEqualTo(Outcome.APPLIED);
    }

    @Test
    void recordingAReceiptTwiceIsNoError() {
        EventReceipts receipts = tables.receipts();

        receipts.record("x", NOW);
        receipts.record("x", NOW);

        assertThat(receipts.seen("x")).isTrue();
    }
}
