package io.integrationmonitor.state;

import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.Source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** SQL of {@code poll_target}: the per-target lock row and the target's poll health. */
final class PollTargetTable {
    private static final int MAX_MESSAGE = 1000;
    private static final String UNIQUE_VIOLATION = "23505";

    /** Creates the target's row unless it exists. Run with auto-commit so the row is visible to every replica. */
    void ensure(Connection c, PollTarget target) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO poll_target (target_key, source, account_id, region) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING")) {
            ps.setString(1, target.key());
            ps.setString(2, target.source().label());
            ps.setString(3, target.accountId());
            ps.setString(4, target.region());
            ps.executeUpdate();
        } catch (SQLException e) {
            // H2 may report a concurrent insert of the same key as a duplicate instead of doing nothing
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    /**
     * Blocks until this transaction holds the target's row lock.
     *
     * @return the target's shared last-seen time of its resources (epoch millis), null if none yet
     */
    Long lock(Connection c, PollTarget target) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT resources_seen_at FROM poll_target WHERE target_key = ? FOR UPDATE")) {
            ps.setString(1, target.key());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no poll_target row for " + target.key());
                }
                long seenAt = rs.getLong(1);
                return rs.wasNull() ? null : seenAt;
            }
        }
    }

    /** Sets the last-seen time shared by the target's resources whose own {@code last_seen} is NULL. */
    void setResourcesSeenAt(Connection c, PollTarget target, long seenAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE poll_target SET resources_seen_at = ? WHERE target_key = ?")) {
            ps.setLong(1, seenAt);
            ps.setString(2, target.key());
            ps.executeUpdate();
        }
    }

    void recordSuccess(Connection c, PollTarget target, Instant at, Duration took) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE poll_target SET last_success_at = ?, last_success_took_ms = ?, consecutive_failures = 0,"
                        + " failing_since_at = NULL, not_permitted_since_at = NULL"
                        + " WHERE target_key = ?")) {
            ps.setLong(1, Jdbc.millis(at));
            ps.setLong(2, took.toMillis());
            ps.setString(3, target.key());
            ps.executeUpdate();
        }
    }

    /** Increments the failure count; run in a transaction so the count read back is this update's. */
    int recordFailure(Connection c, PollTarget target, Instant at, PollErrorReason reason, String message)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE poll_target SET consecutive_failures = consecutive_failures + 1, last_failure_at = ?,"
                        + " last_error_reason = ?, last_error_message = ?,"
                        // a streak begins with this failure (NULL also for a streak older than the column)
                        + " failing_since_at = CASE WHEN consecutive_failures = 0 OR failing_since_at IS NULL"
                        + " THEN ? ELSE failing_since_at END, not_permitted_since_at = NULL WHERE target_key = ?")) {
            ps.setLong(1, Jdbc.millis(at));
            ps.setString(2, reason.name());
            ps.setString(3, truncate(message));
            ps.setLong(4, Jdbc.millis(at));
            ps.setString(5, target.key());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT consecutive_failures FROM poll_target WHERE target_key = ?")) {
            ps.setString(1, target.key());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no poll_target row for " + target.key());
                }
                return rs.getInt(1);
            }
        }
    }

    /** Not permitted since the first such poll of the spell; the failure streak is over (it is not one). */
    void recordNotPermitted(Connection c, PollTarget target, Instant at, String message) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE poll_target SET not_permitted_since_at = COALESCE(not_permitted_since_at, ?),"
                        + " last_failure_at = ?, last_error_reason = ?, last_error_message = ?,"
                        + " consecutive_failures = 0, failing_since_at = NULL WHERE target_key = ?")) {
            ps.setLong(1, Jdbc.millis(at));
            ps.setLong(2, Jdbc.millis(at));
            ps.setString(3, PollErrorReason.ACCESS_DENIED.name());
            ps.setString(4, truncate(message));
            ps.setString(5, target.key());
            ps.executeUpdate();
        }
    }

    List<TargetHealth> health(Connection c) throws SQLException {
        List<TargetHealth> health = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT source, account_id, region, last_success_at, last_success_took_ms, last_failure_at,"
                        + " last_error_reason, last_error_message, consecutive_failures, failing_since_at,"
                        + " not_permitted_since_at"
                        + " FROM poll_target");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                PollTarget target = new PollTarget(
                        Source.fromLabel(rs.getString("source")), rs.getString("account_id"), rs.getString("region"));
                long tookMillis = rs.getLong("last_success_took_ms");
                Duration took = rs.wasNull() ? null : Duration.ofMillis(tookMillis);
                String reason = rs.getString("last_error_reason");
                health.add(new TargetHealth(
                        target,
                        Jdbc.instantOrNull(rs, "last_success_at"),
                        Jdbc.instantOrNull(rs, "last_failure_at"),
                        reason == null ? null : PollErrorReason.valueOf(reason),
                        rs.getString("last_error_message"),
                        rs.getInt("consecutive_failures"),
                        took,
                        Jdbc.instantOrNull(rs, "failing_since_at"),
                        Jdbc.instantOrNull(rs, "not_permitted_since_at")));
            }
        }
        // sorted in Java: PostgreSQL's collation orders keys differently from H2
        health.sort(Comparator.comparing(h -> h.target().key()));
        return health;
    }

    private static String truncate(String message) {
        if (message == null) {
            return "";
        }
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 3) + "...";
    }
}
