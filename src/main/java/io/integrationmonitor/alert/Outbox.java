package io.integrationmonitor.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The durable notification queue ({@code alert_outbox}). Notifications are inserted in the same transaction
 * as the alert state that produced them, and leave the {@code pending} state only once a receiver accepted
 * them ({@code delivered}) or they aged out ({@code dead}).
 */
final class Outbox {
    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String DEAD = "dead";

    private final DataSource dataSource;
    private final ObjectMapper json;

    Outbox(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    void enqueue(Connection c, Notification n) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_outbox (idempotency_key, receiver, state, "
                + "payload, created_at, next_attempt_at, attempts, delivery) VALUES (?, ?, ?, ?, ?, ?, 0, ?)")) {
            ps.setString(1, n.idempotencyKey());
            ps.setString(2, n.receiver());
            ps.setString(3, n.state());
            ps.setString(4, Json.write(json, n));
            Sql.setInstant(ps, 5, n.createdAt());
            Sql.setInstant(ps, 6, n.createdAt());
            ps.setString(7, PENDING);
            ps.executeUpdate();
        }
    }

    /** The receiver's oldest undelivered notification: delivery is strictly in order per receiver. */
    Optional<OutboxEntry> head(String receiver) {
        List<OutboxEntry> rows = query("SELECT * FROM alert_outbox WHERE receiver = ? AND delivery = '" + PENDING
                + "' ORDER BY id FETCH FIRST 1 ROWS ONLY", receiver);
        return rows.stream().findFirst();
    }

    List<OutboxEntry> entries(String receiver) {
        return query("SELECT * FROM alert_outbox WHERE receiver = ? ORDER BY id", receiver);
    }

    long pendingCount(String receiver) {
        return Sql.inTransaction(dataSource, c -> pendingCount(c, receiver));
    }

    long pendingCount(Connection c, String receiver) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM alert_outbox WHERE receiver = ? AND delivery = '" + PENDING + "'")) {
            ps.setString(1, receiver);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    void markDelivered(long id, Instant at) {
        finish(id, DELIVERED, at, null);
    }

    void markDead(long id, Instant at, String error) {
        finish(id, DEAD, at, error);
    }

    void markRetry(long id, int attempts, Instant nextAttemptAt, String error) {
        Sql.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE alert_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?")) {
                ps.setInt(1, attempts);
                Sql.setInstant(ps, 2, nextAttemptAt);
                ps.setString(3, truncate(error));
                ps.setLong(4, id);
                return ps.executeUpdate();
            }
        });
    }

    private void finish(long id, String delivery, Instant at, String error) {
        Sql.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE alert_outbox SET delivery = ?, finished_at = ?, "
                    + "last_error = COALESCE(?, last_error) WHERE id = ? AND delivery = '" + PENDING + "'")) {
                ps.setString(1, delivery);
                Sql.setInstant(ps, 2, at);
                ps.setString(3, truncate(error));
                ps.setLong(4, id);
                return ps.executeUpdate();
            }
        });
    }

    private List<OutboxEntry> query(String sql, String receiver) {
        return Sql.inTransaction(dataSource, c -> {
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
        });
    }

    private OutboxEntry read(ResultSet rs) throws SQLException {
        Notification n;
        try {
            n = json.readValue(rs.getString("payload"), Notification.class);
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable outbox row " + rs.getLong("id"), e);
        }
        return new OutboxEntry(rs.getLong("id"), n, Sql.getInstant(rs, "created_at"),
                Sql.getInstant(rs, "next_attempt_at"), rs.getInt("attempts"), rs.getString("delivery"),
                rs.getString("last_error"));
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }
}
