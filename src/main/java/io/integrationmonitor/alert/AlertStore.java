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
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Persists {@link AlertState} rows in {@code alert_state}. */
final class AlertStore {
    /** ARNs per query of {@link #listedElsewhere}: a bounded statement whatever the estate. */
    private static final int BATCH = 500;
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

    /**
     * The target's alert states, locked: another target's evaluation that adopts one of them (see
     * {@link #heldElsewhere}) waits for this one, and the other way round.
     */
    Map<String, AlertState> loadTarget(Connection c, String targetKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM alert_state WHERE target_key = ? FOR UPDATE")) {
            ps.setString(1, targetKey);
            return read(ps);
        }
    }

    /** The ARNs of the target's resources that other targets list too, each with those targets' keys. */
    Map<String, Set<String>> otherListings(Connection c, String targetKey) throws SQLException {
        Map<String, Set<String>> others = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT o.arn, o.target_key FROM known_resource k"
                + " JOIN known_resource o ON o.arn = k.arn WHERE k.target_key = ? AND o.target_key <> ?")) {
            ps.setString(1, targetKey);
            ps.setString(2, targetKey);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    others.computeIfAbsent(rs.getString("arn"), a -> new HashSet<>()).add(rs.getString("target_key"));
                }
            }
        }
        return others;
    }

    /** Of {@code arns}, those other targets than {@code targetKey} list, with their keys; asked in bounded batches. */
    Map<String, Set<String>> listedElsewhere(Connection c, String targetKey, List<String> arns) throws SQLException {
        Map<String, Set<String>> listed = new HashMap<>();
        for (int from = 0; from < arns.size(); from += BATCH) {
            List<String> batch = arns.subList(from, Math.min(arns.size(), from + BATCH));
            try (PreparedStatement ps = c.prepareStatement("SELECT arn, target_key FROM known_resource WHERE target_key <> ?"
                    + " AND arn IN (" + String.join(", ", Collections.nCopies(batch.size(), "?")) + ")")) {
                ps.setString(1, targetKey);
                for (int i = 0; i < batch.size(); i++) {
                    ps.setString(i + 2, batch.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        listed.computeIfAbsent(rs.getString("arn"), a -> new HashSet<>()).add(rs.getString("target_key"));
                    }
                }
            }
        }
        return listed;
    }

    /** Alert states other targets hold about the ARNs this target lists, by key; not locked. */
    Map<String, AlertState> heldElsewhere(Connection c, String targetKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM alert_state WHERE target_key <> ?"
                + " AND arn IN (SELECT arn FROM known_resource WHERE target_key = ?)")) {
            ps.setString(1, targetKey);
            ps.setString(2, targetKey);
            return read(ps);
        }
    }

    /**
     * The given states read again and locked, those still held where they were read (by
     * {@code alert().targetKey()}): what this transaction takes over. A target locks its own first, then
     * those of the listings it outranks, so locks are mostly taken in rank order; in the rare opposite (taking
     * over from a better listing that stopped listing the integration while it adopts another) the database
     * breaks the deadlock, one evaluation rolls back and its next poll evaluates again.
     */
    Map<String, AlertState> lockHeld(Connection c, Collection<AlertState> states) throws SQLException {
        Map<String, AlertState> locked = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT * FROM alert_state WHERE alert_key = ? AND target_key = ? FOR UPDATE")) {
            for (AlertState s : states) {
                ps.setString(1, s.alert().key());
                ps.setString(2, s.alert().targetKey());
                locked.putAll(read(ps));
            }
        }
        return locked;
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

    /**
     * Inserts or updates the state, held by {@code s.alert().targetKey()} from now on.
     *
     * @param heldBy the target that held it until now (another one's when adopted)
     * @throws SQLException when another target holds the alert meanwhile (it adopted it concurrently): the
     *                      transaction rolls back, and the next poll evaluates again
     */
    void save(Connection c, AlertState s, String heldBy, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE alert_state SET firing = ?, silenced = ?, "
                + "seen_count = ?, healthy_count = ?, alert_json = ?, sent_json = ?, updated_at = ?, target_key = ?, "
                + "kind = ? WHERE alert_key = ? AND target_key = ?")) {
            update.setBoolean(1, s.firing());
            update.setBoolean(2, s.silenced());
            update.setInt(3, s.seenCount());
            update.setInt(4, s.healthyCount());
            update.setString(5, Json.write(json, s.alert()));
            update.setString(6, Json.write(json, s.lastSent()));
            Jdbc.setInstant(update, 7, now);
            update.setString(8, s.alert().targetKey());
            update.setString(9, s.alert().kind());
            update.setString(10, s.alert().key());
            update.setString(11, heldBy);
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO alert_state (alert_key, target_key, "
                + "condition, kind, firing, silenced, seen_count, healthy_count, alert_json, sent_json, updated_at, "
                + "arn) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
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
            String arn = s.alert().resourceArn();
            if (arn.isEmpty()) {
                insert.setNull(12, java.sql.Types.VARCHAR);
            } else {
                insert.setString(12, arn);
            }
            if (insert.executeUpdate() == 0) {
                throw new SQLException("alert " + s.alert().key() + " is held by another listing meanwhile");
            }
        }
    }

    /** The state of one alert key, locked; null when there is none. */
    AlertState lockKey(Connection c, String alertKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM alert_state WHERE alert_key = ? FOR UPDATE")) {
            ps.setString(1, alertKey);
            return read(ps).get(alertKey);
        }
    }

    /** The states whose key begins with {@code prefix} (literal, no wildcard), locked. */
    List<AlertState> lockKeysStartingWith(Connection c, String prefix) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT * FROM alert_state WHERE LEFT(alert_key, ?) = ? FOR UPDATE")) {
            ps.setInt(1, prefix.length());
            ps.setString(2, prefix);
            return new ArrayList<>(read(ps).values());
        }
    }

    /** Deletes the state of a key, whoever holds it (table alerts: one holder per key, see {@code TableAlertEvaluator}). */
    void deleteKey(Connection c, String alertKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM alert_state WHERE alert_key = ?")) {
            ps.setString(1, alertKey);
            ps.executeUpdate();
        }
    }

    /** Deletes the state as {@code heldBy} holds it. */
    void delete(Connection c, String alertKey, String heldBy) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM alert_state WHERE alert_key = ? AND target_key = ?")) {
            ps.setString(1, alertKey);
            ps.setString(2, heldBy);
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
