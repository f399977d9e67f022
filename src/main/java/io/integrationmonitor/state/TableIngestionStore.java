package io.integrationmonitor.state;

import io.integrationmonitor.events.TableIngestion;
import io.integrationmonitor.events.TableIngestions.Outcome;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The table-event state over a {@link Database} (H2 or PostgreSQL, same SQL): {@code event_receipt},
 * {@code table_ingestion}, {@code table_ingestion_integration} and the history in {@code resource_event}.
 * {@link #apply} runs inside the caller's transaction, so that the alert edge commits its alert states and
 * outbox rows with it (one transaction per event).
 */
public final class TableIngestionStore {
    private final Jdbc jdbc;
    private final EventTable events = new EventTable(new PayloadCodec());
    private final TableIngestionDecider decider;
    private final int cap;
    private final Duration dedupWindow;
    private final Clock clock;

    /**
     * @param cap         {@code events.max_failing_tables_per_integration}
     * @param dedupWindow {@code events.dedup_window}: how long an event id is remembered
     */
    public TableIngestionStore(Database database, TableIngestionDecider decider, int cap, Duration dedupWindow,
                               Clock clock) {
        this.jdbc = new Jdbc(Objects.requireNonNull(database, "database").dataSource());
        this.decider = decider;
        this.cap = cap;
        this.dedupWindow = dedupWindow;
        this.clock = clock;
    }

    /** Failing tables of one integration, for the gauge every replica reads alike. */
    public record FailingTables(String integrationArn, String accountId, String region, int count) {
    }

    /**
     * Applies one table event in the caller's transaction: its receipt (insert-if-absent on the primary key: a
     * replica racing on the same id waits for the first and then finds it, {@link Outcome#DUPLICATE}), the
     * integration's row locked (so the cap holds across replicas), the decision, the table's new state, the
     * over-cap count and the history events.
     */
    public TableDecision apply(Connection c, TableIngestion event) throws SQLException {
        if (!recordReceipt(c, event.eventId(), clock.instant())) {
            return TableDecision.of(Outcome.DUPLICATE, null);
        }
        lockIntegration(c, event);
        TableState previous = read(c, event.integrationArn(), event.table());
        TableDecision decision = decider.decide(previous, event, failingTables(c, event.integrationArn()), cap);
        if (decision.newState() != null) {
            write(c, decision.newState(), previous != null);
        }
        if (decision.outcome() == Outcome.OVER_CAP) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE table_ingestion_integration"
                    + " SET over_cap_count = over_cap_count + 1 WHERE integration_arn = ?")) {
                ps.setString(1, event.integrationArn());
                ps.executeUpdate();
            }
        }
        events.insert(c, decision.events());
        return decision;
    }

    /** {@link #apply} in a transaction of its own: the state without alerts (tests, or a monitor without alerting). */
    public TableDecision apply(TableIngestion event) {
        return jdbc.inTransaction("applying table event " + event.eventId(), c -> apply(c, event));
    }

    /** Remembers an event id until the dedup window after {@code at}; false when it was already there. */
    boolean recordReceipt(Connection c, String eventId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO event_receipt (event_id, received_at, expires_at)"
                + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, eventId);
            ps.setLong(2, Jdbc.millis(at));
            ps.setLong(3, Jdbc.millis(at.plus(dedupWindow)));
            return ps.executeUpdate() == 1;
        }
    }

    /** Whether an unexpired receipt of the id is there (an expired one awaits pruning). */
    boolean receiptExists(Connection c, String eventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM event_receipt WHERE event_id = ? AND expires_at > ?")) {
            ps.setString(1, eventId);
            ps.setLong(2, Jdbc.millis(clock.instant()));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The shared receipts as the {@code events.EventReceipts} seam (integration-level events). */
    public io.integrationmonitor.events.EventReceipts receipts() {
        return new JdbcEventReceipts(jdbc, this);
    }

    /**
     * Deletes receipts past their expiry and the rows of tables that are not failing whose last event is older
     * than the dedup window (a later, older event is then no longer refused: AWS does not deliver that late).
     *
     * @return how many rows went
     */
    public int prune(Instant now) {
        return jdbc.withConnection("pruning event receipts", c -> {
            int pruned;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM event_receipt WHERE expires_at <= ?")) {
                ps.setLong(1, Jdbc.millis(now));
                pruned = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM table_ingestion WHERE failed_since IS NULL AND last_event_time < ?")) {
                ps.setLong(1, Jdbc.millis(now.minus(dedupWindow)));
                pruned += ps.executeUpdate();
            }
            return pruned;
        });
    }

    /** Every failing table, ordered by integration and table. */
    public List<TableState> failing() {
        return jdbc.withConnection("reading failing tables", c -> {
            List<TableState> failing = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM table_ingestion"
                    + " WHERE failed_since IS NOT NULL ORDER BY integration_arn, table_name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    failing.add(state(rs));
                }
            }
            return failing;
        });
    }

    /** Forgets the tables of an integration that is gone (a complete poll no longer lists it), in the caller's transaction. */
    public int forgetFailures(Connection c, String integrationArn) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM table_ingestion WHERE integration_arn = ?")) {
            ps.setString(1, integrationArn);
            return ps.executeUpdate();
        }
    }

    /** Failing tables counted per integration, of every integration with one. */
    public List<FailingTables> failingCounts() {
        return jdbc.withConnection("counting failing tables", c -> {
            List<FailingTables> counts = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT integration_arn, account_id, region, COUNT(*) AS n"
                    + " FROM table_ingestion WHERE failed_since IS NOT NULL"
                    + " GROUP BY integration_arn, account_id, region ORDER BY integration_arn");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.add(new FailingTables(rs.getString("integration_arn"), rs.getString("account_id"),
                            rs.getString("region"), rs.getInt("n")));
                }
            }
            return counts;
        });
    }

    /** The failed-table events refused over the cap, of this integration, as persisted. */
    public long overCapCount(String integrationArn) {
        return jdbc.withConnection("reading the over-cap count", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT over_cap_count FROM table_ingestion_integration WHERE integration_arn = ?")) {
                ps.setString(1, integrationArn);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    /** The stored state of one table, or null. */
    public TableState table(String integrationArn, String table) {
        return jdbc.withConnection("reading a table's state", c -> read(c, integrationArn, table));
    }

    private void lockIntegration(Connection c, TableIngestion e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO table_ingestion_integration"
                + " (integration_arn, account_id, region, over_cap_count) VALUES (?, ?, ?, 0) ON CONFLICT DO NOTHING")) {
            ps.setString(1, e.integrationArn());
            ps.setString(2, e.accountId());
            ps.setString(3, e.region());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT integration_arn FROM table_ingestion_integration WHERE integration_arn = ? FOR UPDATE")) {
            ps.setString(1, e.integrationArn());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
    }

    private static int failingTables(Connection c, String integrationArn) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM table_ingestion"
                + " WHERE integration_arn = ? AND failed_since IS NOT NULL")) {
            ps.setString(1, integrationArn);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static TableState read(Connection c, String integrationArn, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT * FROM table_ingestion WHERE integration_arn = ? AND table_name = ?")) {
            ps.setString(1, integrationArn);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? state(rs) : null;
            }
        }
    }

    private static TableState state(ResultSet rs) throws SQLException {
        return new TableState(rs.getString("integration_arn"), rs.getString("table_name"), rs.getString("account_id"),
                rs.getString("region"), rs.getString("error_code"), rs.getString("error_message"),
                Jdbc.instantOrNull(rs, "failed_since"), Jdbc.instantOrNull(rs, "last_event_time"),
                rs.getString("last_event_id"));
    }

    private static void write(Connection c, TableState s, boolean exists) throws SQLException {
        String sql = exists
                ? "UPDATE table_ingestion SET account_id = ?, region = ?, error_code = ?, error_message = ?,"
                + " failed_since = ?, last_event_time = ?, last_event_id = ? WHERE integration_arn = ? AND table_name = ?"
                : "INSERT INTO table_ingestion (account_id, region, error_code, error_message, failed_since,"
                + " last_event_time, last_event_id, integration_arn, table_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, s.accountId());
            ps.setString(2, s.region());
            ps.setString(3, s.errorCode());
            ps.setString(4, s.errorMessage());
            Jdbc.setInstant(ps, 5, s.failedSince());
            Jdbc.setInstant(ps, 6, s.lastEventTime());
            ps.setString(7, s.lastEventId());
            ps.setString(8, s.integrationArn());
            ps.setString(9, s.table());
            ps.executeUpdate();
        }
    }
}
