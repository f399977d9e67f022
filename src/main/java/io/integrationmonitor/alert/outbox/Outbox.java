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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The durable notification queue ({@code alert_outbox}). Notifications are inserted in the same transaction
 * as the alert state that produced them, and leave the {@code pending} state only once a receiver accepted
 * them ({@code delivered}) or they aged out ({@code dead}).
 *
 * <p>Several replicas share it: a replica sends a receiver's head row only after {@link #claimHead claiming}
 * the receiver's lease and the row in one short transaction, committed before the send. Finishing an
 * attempt is conditional on still holding that claim.
 */
public final class Outbox {
    /** The SQL literal of {@link Delivery#PENDING}. */
    private static final String PENDING = "'" + Delivery.PENDING.label() + "'";

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

    /** Creates the receivers' lease rows if missing. */
    void ensureLeases(Collection<String> receivers) {
        for (String receiver : receivers) {
            jdbc.inTransaction("creating receiver leases", c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO alert_receiver_lease (receiver) VALUES (?) ON CONFLICT DO NOTHING")) {
                    ps.setString(1, receiver);
                    return ps.executeUpdate();
                }
            });
        }
    }

    /**
     * Tries to take the receiver's lease and its oldest pending row, in one transaction committed before
     * the caller sends anything. The lease row is locked with {@code SKIP LOCKED}: a replica in the middle
     * of claiming makes the others return {@link Claim.Status#BUSY} at once instead of queueing behind it.
     * The outbox rows themselves are never read with {@code SKIP LOCKED}: that would skip the head of the
     * line and break the order.
     *
     * @param maxAge a head row this old is made a dead letter (returned as {@link Claim.Status#DEAD})
     */
    Claim claimHead(String receiver, String replica, Instant now, Duration lease, Duration maxAge) {
        return jdbc.inTransaction("claiming a notification", c -> {
            Lease current;
            try (PreparedStatement ps = c.prepareStatement("SELECT claimed_by, claimed_until FROM alert_receiver_lease "
                    + "WHERE receiver = ? FOR UPDATE SKIP LOCKED")) {
                ps.setString(1, receiver);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Claim.busy(null);
                    }
                    current = new Lease(rs.getString("claimed_by"), Jdbc.instantOrNull(rs, "claimed_until"));
                }
            }
            if (current.heldByOther(replica, now) || !acquireLease(c, receiver, replica, now, now.plus(lease))) {
                return Claim.busy(current.until());
            }
            List<OutboxEntry> head = query(c, "SELECT * FROM alert_outbox WHERE receiver = ? AND delivery = "
                    + PENDING + " ORDER BY id FETCH FIRST 1 ROWS ONLY", receiver);
            if (head.isEmpty()) {
                setLease(c, receiver, null, null);
                return Claim.empty();
            }
            OutboxEntry entry = head.get(0);
            if (!now.isBefore(entry.createdAt().plus(maxAge))) {
                finish(c, entry.id(), null, Delivery.DEAD, now, "undeliverable for " + maxAge);
                setLease(c, receiver, replica, now.plus(lease));
                return new Claim(Claim.Status.DEAD, entry, null, null);
            }
            if (now.isBefore(entry.nextAttemptAt())) {
                setLease(c, receiver, null, null);
                return new Claim(Claim.Status.NOT_DUE, entry, null, entry.nextAttemptAt());
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE alert_outbox SET claimed_by = ?, claimed_until = ?, "
                    + "attempts = attempts + 1 WHERE id = ?")) {
                ps.setString(1, replica);
                Jdbc.setInstant(ps, 2, now.plus(lease));
                ps.setLong(3, entry.id());
                ps.executeUpdate();
            }
            setLease(c, receiver, replica, now.plus(lease));
            OutboxEntry claimed = new OutboxEntry(entry.id(), entry.notification(), entry.createdAt(),
                    entry.nextAttemptAt(), entry.attempts() + 1, entry.delivery(), entry.lastError(), replica);
            return new Claim(Claim.Status.CLAIMED, claimed, entry.claimedBy(), null);
        });
    }

    /**
     * Extends the receiver's lease, and the claim on the row being sent, to {@code until} if this replica
     * still holds them. An expired lease nobody took over yet is extended too: no other replica has sent
     * anything meanwhile, and a takeover and a renewal update the same lease row, so only one of them wins.
     *
     * @return false if another replica holds the lease now
     */
    boolean renewLease(String receiver, long id, String replica, Instant until) {
        return jdbc.inTransaction("renewing a delivery lease", c -> {
            int renewed;
            try (PreparedStatement ps = c.prepareStatement("UPDATE alert_receiver_lease SET claimed_until = ? "
                    + "WHERE receiver = ? AND claimed_by = ?")) {
                Jdbc.setInstant(ps, 1, until);
                ps.setString(2, receiver);
                ps.setString(3, replica);
                renewed = ps.executeUpdate();
            }
            if (renewed == 1) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE alert_outbox SET claimed_until = ? "
                        + "WHERE id = ? AND claimed_by = ?")) {
                    Jdbc.setInstant(ps, 1, until);
                    ps.setLong(2, id);
                    ps.setString(3, replica);
                    ps.executeUpdate();
                }
            }
            return renewed;
        }) == 1;
    }

    /** Gives the receiver's lease up if this replica holds it, so another may take over at once. */
    void releaseLease(String receiver, String replica) {
        jdbc.inTransaction("releasing a delivery lease", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE alert_receiver_lease SET claimed_by = NULL, "
                    + "claimed_until = NULL WHERE receiver = ? AND claimed_by = ?")) {
                ps.setString(1, receiver);
                ps.setString(2, replica);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Forgets every lease. Only for a database one process owns (the embedded file): leases found there
     * at start belong to a process that died.
     */
    public int releaseAllLeases() {
        return jdbc.inTransaction("releasing every delivery lease", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE alert_receiver_lease SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by IS NOT NULL")) {
                return ps.executeUpdate();
            }
        });
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
    private int finish(Connection c, long id, String replica, Delivery delivery, Instant at, String error)
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

    /**
     * Takes the receiver's lease by compare-and-set. The SELECT above may have read the row as it was before
     * another replica's claim committed (H2 returns that version to FOR UPDATE); the UPDATE's condition is
     * checked against the current row on every database, so two replicas can never both hold the lease.
     */
    private static boolean acquireLease(Connection c, String receiver, String replica, Instant now, Instant until)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE alert_receiver_lease SET claimed_by = ?, claimed_until = ? "
                + "WHERE receiver = ? AND (claimed_by IS NULL OR claimed_by = ? OR claimed_until <= ?)")) {
            ps.setString(1, replica);
            Jdbc.setInstant(ps, 2, until);
            ps.setString(3, receiver);
            ps.setString(4, replica);
            Jdbc.setInstant(ps, 5, now);
            return ps.executeUpdate() == 1;
        }
    }

    private static void setLease(Connection c, String receiver, String replica, Instant until) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE alert_receiver_lease SET claimed_by = ?, claimed_until = ? WHERE receiver = ?")) {
            ps.setString(1, replica);
            Jdbc.setInstant(ps, 2, until);
            ps.setString(3, receiver);
            ps.executeUpdate();
        }
    }

    private record Lease(String holder, Instant until) {
        boolean heldByOther(String replica, Instant now) {
            return holder != null && !holder.equals(replica) && until != null && now.isBefore(until);
        }
    }

    /**
     * The outcome of {@link #claimHead}.
     *
     * @param entry         the head row ({@code CLAIMED}, {@code DEAD}, {@code NOT_DUE})
     * @param interruptedBy {@code CLAIMED}: the replica whose send of this row never finished, or null
     * @param retryAt       {@code BUSY}: when the other replica's lease expires (null: it is claiming now);
     *                      {@code NOT_DUE}: when the head is due
     */
    record Claim(Status status, OutboxEntry entry, String interruptedBy, Instant retryAt) {
        enum Status { CLAIMED, DEAD, NOT_DUE, EMPTY, BUSY }

        static Claim busy(Instant until) {
            return new Claim(Status.BUSY, null, null, until);
        }

        static Claim empty() {
            return new Claim(Status.EMPTY, null, null, null);
        }
    }

    private List<OutboxEntry> query(String sql, String receiver) {
        return jdbc.withConnection("reading the alert outbox", c -> query(c, sql, receiver));
    }

    private List<OutboxEntry> query(Connection c, String sql, String receiver) throws SQLException {
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
