package io.integrationmonitor.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.alert.evaluate.Alert;
import io.integrationmonitor.alert.evaluate.AlertState;
import io.integrationmonitor.alert.evaluate.Condition;
import io.integrationmonitor.alert.evaluate.Json;
import io.integrationmonitor.alert.outbox.AlertMetrics;
import io.integrationmonitor.state.Jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Persists {@link AlertState} rows in {@code alert_state}. */
final class AlertStore {
    private static final TypeReference<Map<String, Instant>> SENT = new TypeReference<>() {
    };

    private final Jdbc jdbc;
    private final ObjectMapper json;

    AlertStore(Jdbc jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Locks the target's row for the rest of the transaction, so evaluations of one target never interleave,
     * on any replica. Returns false, leaving the row as it was, when this poll ({@code pollAt}) or a newer one
     * was already evaluated: the same poll result handed to two replicas counts once, and a late, older poll
     * must not roll the alerts back.
     */
    boolean lockTarget(Connection c, String targetKey, Instant pollAt) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO alert_target (target_key) VALUES (?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, targetKey);
            insert.executeUpdate();
        }
        Instant last;
        try (PreparedStatement select = c.prepareStatement(
                "SELECT last_poll_at FROM alert_target WHERE target_key = ? FOR UPDATE")) {
            select.setString(1, targetKey);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                last = Jdbc.instantOrNull(rs, "last_poll_at");
            }
        }
        // compared as stored, to the millisecond: the same poll handed over twice must compare equal
        if (last != null && !pollAt.truncatedTo(ChronoUnit.MILLIS).isAfter(last)) {
            return false;
        }
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE alert_target SET last_poll_at = ? WHERE target_key = ?")) {
            Jdbc.setInstant(update, 1, pollAt);
            update.setString(2, targetKey);
            update.executeUpdate();
        }
        return true;
    }

    Map<String, AlertState> loadTarget(Connection c, String targetKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM alert_state WHERE target_key = ?")) {
            ps.setString(1, targetKey);
            return read(ps);
        }
    }

    List<AlertState> all() {
        return jdbc.inTransaction("reading alerts", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM alert_state ORDER BY alert_key")) {
                return new ArrayList<>(read(ps).values());
            }
        });
    }

    /** Firing alerts counted by (condition, kind), of every target. */
    Map<AlertMetrics.FiringSeries, Integer> firingCounts() {
        return jdbc.withConnection("counting firing alerts", c -> {
            Map<AlertMetrics.FiringSeries, Integer> counts = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT condition, kind, COUNT(*) AS n FROM alert_state WHERE firing GROUP BY condition, kind");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(new AlertMetrics.FiringSeries(Condition.fromLabel(rs.getString("condition")), rs.getString("kind")),
                            rs.getInt("n"));
                }
            }
            return counts;
        });
    }

    void save(Connection c, AlertState s, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE alert_state SET firing = ?, silenced = ?, "
                + "seen_count = ?, healthy_count = ?, alert_json = ?, sent_json = ?, updated_at = ? WHERE alert_key = ?")) {
            update.setBoolean(1, s.firing());
            update.setBoolean(2, s.silenced());
            update.setInt(3, s.seenCount());
            update.setInt(4, s.healthyCount());
            update.setString(5, Json.write(json, s.alert()));
            update.setString(6, Json.write(json, s.lastSent()));
            Jdbc.setInstant(update, 7, now);
            update.setString(8, s.alert().key());
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO alert_state (alert_key, target_key, "
                + "condition, kind, firing, silenced, seen_count, healthy_count, alert_json, sent_json, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, s.alert().key());
            insert.setString(2, s.alert().targetKey());
            insert.setString(3, s.alert().condition().label());
            insert.setString(4, s.alert().kind());
            insert.setBoolean(5, s.firing());
            insert.setBoolean(6, s.silenced());
            insert.setInt(7, s.seenCount());
            insert.setInt(8, s.healthyCount());
            insert.setString(9, Json.write(json, s.alert()));
            insert.setString(10, Json.write(json, s.lastSent()));
            Jdbc.setInstant(insert, 11, now);
            insert.executeUpdate();
        }
    }

    void delete(Connection c, String alertKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM alert_state WHERE alert_key = ?")) {
            ps.setString(1, alertKey);
            ps.executeUpdate();
        }
    }

    private Map<String, AlertState> read(PreparedStatement ps) throws SQLException {
        Map<String, AlertState> states = new LinkedHashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                try {
                    Alert alert = json.readValue(rs.getString("alert_json"), Alert.class);
                    Map<String, Instant> sent = json.readValue(rs.getString("sent_json"), SENT);
                    states.put(alert.key(), new AlertState(alert, rs.getBoolean("firing"), rs.getBoolean("silenced"),
                            rs.getInt("seen_count"), rs.getInt("healthy_count"), sent));
                } catch (JsonProcessingException e) {
                    throw new SQLException("unreadable alert_state row " + rs.getString("alert_key"), e);
                }
            }
        }
        return states;
    }
}
