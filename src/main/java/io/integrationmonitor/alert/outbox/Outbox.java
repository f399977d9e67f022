package io.integrationmonitor.alert.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.alert.evaluate.Json;
import io.integrationmonitor.alert.evaluate.Notification;
import io.integrationmonitor.state.Jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The durable notification queue ({@code alert_outbox}). Notifications are inserted in the same transaction
 * as the alert state that produced them, and leave the {@code pending} state only once a receiver accepted
 * them ({@code delivered}) or they aged out ({@code dead}).
 *
 * <p>Several replicas share it: a replica sends a receiver's head row only after claiming the receiver's
 * lease and the row ({@link ReceiverLeases}) in one short transaction, committed before the send. Finishing
 * an attempt is conditional on still holding that claim.
 */
public final class Outbox {
    /** The SQL literal of {@link Delivery#PENDING}. */
    static final String PENDING = "'" + Delivery.PENDING.label() + "'";

    private final Jdbc jdbc;
    private final ObjectMapper json;

    public Outbox(Jdbc jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void enqueue(Connection c, Notification n) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_outbox (idempotency_key, receiver, state, "
                + "payload, created_at, next_attempt_at, attempts, delivery) VALUES (?, ?, ?, ?, ?, ?, 0, ?)")) {
            ps.setString(1, n.idempotencyKey());
            ps.setString(2, n.receiver());
            ps.setString(3, n.state().label());
            ps.setString(4, Json.write(json, n));
            Jdbc.setInstant(ps, 5, n.createdAt());
            Jdbc.setInstant(ps, 6, n.createdAt());
            ps.setString(7, Delivery.PENDING.label());
            ps.executeUpdate();
        }
    }

    /** The receiver's oldest undelivered notification: delivery is strictly in order per receiver. */
    Optional<OutboxEntry> head(String receiver) {
        List<OutboxEntry> rows = query("SELECT * FROM alert_outbox WHERE receiver = ? AND delivery = " + PENDING
                + " ORDER BY id FETCH FIRST 1 ROWS ONLY", receiver);
        return rows.stream().findFirst();
    }

    /** Every row of the receiver's queue, oldest first, whatever its delivery state. */
    public List<OutboxEntry> entries(String receiver) {
        return query("SELECT * FROM alert_outbox WHERE receiver = ? ORDER BY id", receiver);
    }

    /** How many of the receiver's notifications are not delivered yet. */
    public long pendingCount(String receiver) {
        return jdbc.withConnection("counting pending notifications", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM alert_outbox WHERE receiver = ? AND delivery = " + PENDING)) {
                ps.setString(1, receiver);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** The receivers with undelivered notifications. */
    public Set<String> backlogged(Connection c) throws SQLException {
        Set<String> receivers = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT receiver FROM alert_outbox WHERE delivery = " + PENDING);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                receivers.add(rs.getString(1));
            }
        }
        return receivers;
    }

    /** @return false if the claim was lost (another replica took the row over after the lease expired) */
    boolean markDelivered(long id, String replica, Instant at) {
        return jdbc.inTransaction("marking a notification delivered",
                c -> finish(c, id, replica, Delivery.DELIVERED, at, null)) == 1;
    }

    /** Ends a failed attempt: due again at {@code nextAttemptAt}, on whichever replica holds the lease then. */
    boolean markRetry(long id, String replica, Instant nextAttemptAt, String error) {
        return jdbc.inTransaction("scheduling a notification retry", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE alert_outbox SET next_attempt_at = ?, last_error = ?, "
                    + "claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ? AND delivery = "
                    + PENDING)) {
                Jdbc.setInstant(ps, 1, nextAttemptAt);
                ps.setString(2, truncate(error));
                ps.setLong(3, id);
                ps.setString(4, replica);
                return ps.executeUpdate();
            }
        }) == 1;
    }

    /**
     * Deletes delivered rows finished before {@code deliveredBefore} and dead letters finished before
     * {@code deadBefore}. Pending rows are never pruned.
     */
    int prune(Instant deliveredBefore, Instant deadBefore) {
        return jdbc.inTransaction("pruning the alert outbox", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM alert_outbox WHERE (delivery = '"
                    + Delivery.DELIVERED.label() + "' AND finished_at < ?) OR (delivery = '" + Delivery.DEAD.label()
                    + "' AND finished_at < ?)")) {
                Jdbc.setInstant(ps, 1, deliveredBefore);
                Jdbc.setInstant(ps, 2, deadBefore);
                return ps.executeUpdate();
            }
        });
    }

    /** {@code replica} null: unconditional (the caller holds the receiver's lease in this transaction). */
    int finish(Connection c, long id, String replica, Delivery delivery, Instant at, String error)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE alert_outbox SET delivery = ?, finished_at = ?, "
                + "last_error = COALESCE(?, last_error), claimed_by = NULL, claimed_until = NULL WHERE id = ? AND delivery = "
                + PENDING + (replica == null ? "" : " AND claimed_by = ?"))) {
            ps.setString(1, delivery.label());
            Jdbc.setInstant(ps, 2, at);
            ps.setString(3, truncate(error));
            ps.setLong(4, id);
            if (replica != null) {
                ps.setString(5, replica);
            }
            return ps.executeUpdate();
        }
    }

    private List<OutboxEntry> query(String sql, String receiver) {
        return jdbc.withConnection("reading the alert outbox", c -> query(c, sql, receiver));
    }

    List<OutboxEntry> query(Connection c, String sql, String receiver) throws SQLException {
        List<OutboxEntry> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, receiver);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(read(rs));
                }
            }
        }
        return rows;
    }

    private OutboxEntry read(ResultSet rs) throws SQLException {
        Notification n;
        try {
            n = json.readValue(rs.getString("payload"), Notification.class);
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable outbox row " + rs.getLong("id"), e);
        }
        return new OutboxEntry(rs.getLong("id"), n, Jdbc.instantOrNull(rs, "created_at"),
                Jdbc.instantOrNull(rs, "next_attempt_at"), rs.getInt("attempts"), Delivery.fromLabel(rs.getString("delivery")),
                rs.getString("last_error"), rs.getString("claimed_by"));
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }
}
