package io.integrationmonitor.alert.outbox;

import io.integrationmonitor.state.Jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Who works a receiver's queue ({@code alert_receiver_lease}), and which row is being sent
 * ({@code alert_outbox.claimed_by}). The replica holding a receiver's unexpired lease is the only one
 * sending to it, which keeps delivery strictly in order across replicas.
 */
public final class ReceiverLeases {
    private final Jdbc jdbc;
    private final Outbox outbox;

    public ReceiverLeases(Jdbc jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
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
            List<OutboxEntry> head = outbox.query(c, "SELECT * FROM alert_outbox WHERE receiver = ? AND delivery = "
                    + Outbox.PENDING + " ORDER BY id FETCH FIRST 1 ROWS ONLY", receiver);
            if (head.isEmpty()) {
                setLease(c, receiver, null, null);
                return Claim.empty();
            }
            OutboxEntry entry = head.get(0);
            if (!now.isBefore(entry.createdAt().plus(maxAge))) {
                outbox.finish(c, entry.id(), null, Delivery.DEAD, now, "undeliverable for " + maxAge);
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
}
