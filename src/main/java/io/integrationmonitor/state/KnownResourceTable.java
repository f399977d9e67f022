package io.integrationmonitor.state;

import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.ResourceStatus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * SQL of {@code known_resource}: the last known state of each target's resources.
 *
 * <p>A row's {@code last_seen} is NULL when it equals the target's shared {@code poll_target.resources_seen_at}
 * (see migration V4), so a poll that changes nothing but the time writes no resource row.
 */
final class KnownResourceTable {
    private static final String SELECT = "SELECT k.target_key, k.status_since, k.last_seen, k.stuck_reported,"
            + " k.last_unhealthy, k.payload, p.resources_seen_at FROM known_resource k"
            + " JOIN poll_target p ON p.target_key = k.target_key";

    // Sorted in Java, not SQL: PostgreSQL's collation would order differently from H2 and from the detector.
    private static final Comparator<KnownResource> BY_ARN = Comparator.comparing(KnownResource::arn);

    private final PayloadCodec codec;

    KnownResourceTable(PayloadCodec codec) {
        this.codec = codec;
    }

    /** A row as stored: the resource as callers see it, and the row's own last_seen (null: the target's). */
    record Row(KnownResource resource, Long ownLastSeen) {
    }

    /** The target's rows keyed by ARN, in ARN order. */
    Map<String, Row> rows(Connection c, PollTarget target) throws SQLException {
        Map<String, Row> rows = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE k.target_key = ?")) {
            ps.setString(1, target.key());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Row row = read(rs);
                    rows.put(row.resource().arn(), row);
                }
            }
        }
        return rows;
    }

    /** The target's resources keyed by ARN, in ARN order. */
    Map<String, KnownResource> load(Connection c, PollTarget target) throws SQLException {
        return resources(rows(c, target));
    }

    static Map<String, KnownResource> resources(Map<String, Row> rows) {
        Map<String, KnownResource> known = new LinkedHashMap<>();
        rows.forEach((arn, row) -> known.put(arn, row.resource()));
        return Collections.unmodifiableMap(known);
    }

    /** Every resource, ordered by target key then ARN. */
    List<KnownResource> all(Connection c) throws SQLException {
        Map<String, List<KnownResource>> byTarget = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                byTarget.computeIfAbsent(rs.getString("target_key"), k -> new ArrayList<>()).add(read(rs).resource());
            }
        }
        List<KnownResource> all = new ArrayList<>();
        for (List<KnownResource> resources : byTarget.values()) {
            resources.sort(BY_ARN);
            all.addAll(resources);
        }
        return all;
    }

    /**
     * Makes the target's rows, currently {@code before}, hold {@code state}: inserts, updates and deletes
     * only the rows that differ. Run under the target's lock.
     *
     * @param sharedLastSeen the target's shared last-seen time from now on (rows with this value store NULL)
     */
    void sync(Connection c, PollTarget target, Map<String, Row> before, List<KnownResource> state,
              Long sharedLastSeen) throws SQLException {
        List<KnownResource> inserts = new ArrayList<>();
        List<KnownResource> updates = new ArrayList<>();
        Map<String, Row> vanished = new TreeMap<>(before);
        for (KnownResource resource : state) {
            Row old = vanished.remove(resource.arn());
            if (old == null) {
                inserts.add(resource);
            } else if (!sameStoredContent(old, resource, sharedLastSeen)) {
                updates.add(resource);
            }
        }
        delete(c, target, vanished.keySet());
        insert(c, target, inserts, sharedLastSeen);
        update(c, target, updates, sharedLastSeen);
    }

    private boolean sameStoredContent(Row old, KnownResource now, Long sharedLastSeen) {
        KnownResource was = old.resource();
        return was.stuckReported() == now.stuckReported()
                && was.lastUnhealthy().equals(now.lastUnhealthy())
                && Jdbc.millis(was.statusSince()) == Jdbc.millis(now.statusSince())
                && Objects.equals(old.ownLastSeen(), ownLastSeen(now, sharedLastSeen))
                && was.resource().equals(now.resource());
    }

    private static Long ownLastSeen(KnownResource resource, Long sharedLastSeen) {
        long lastSeen = Jdbc.millis(resource.lastSeen());
        return sharedLastSeen != null && sharedLastSeen == lastSeen ? null : lastSeen;
    }

    private static void delete(Connection c, PollTarget target, Iterable<String> arns) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM known_resource WHERE target_key = ? AND arn = ?")) {
            int batched = 0;
            for (String arn : arns) {
                ps.setString(1, target.key());
                ps.setString(2, arn);
                ps.addBatch();
                batched++;
            }
            if (batched > 0) {
                ps.executeBatch();
            }
        }
    }

    private void insert(Connection c, PollTarget target, List<KnownResource> resources, Long sharedLastSeen)
            throws SQLException {
        if (resources.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO known_resource (kind, status, status_since, last_seen, stuck_reported, last_unhealthy,"
                        + " payload, target_key, arn) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (KnownResource resource : resources) {
                bind(ps, target, resource, sharedLastSeen);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void update(Connection c, PollTarget target, List<KnownResource> resources, Long sharedLastSeen)
            throws SQLException {
        if (resources.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE known_resource SET kind = ?, status = ?, status_since = ?, last_seen = ?, stuck_reported = ?,"
                        + " last_unhealthy = ?, payload = ? WHERE target_key = ? AND arn = ?")) {
            for (KnownResource resource : resources) {
                bind(ps, target, resource, sharedLastSeen);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Binds the parameters shared by the INSERT and the UPDATE, which list the columns in the same order. */
    private void bind(PreparedStatement ps, PollTarget target, KnownResource resource, Long sharedLastSeen)
            throws SQLException {
        ObservedResource observed = resource.resource();
        ps.setString(1, observed.kind().label());
        ps.setString(2, observed.status().label());
        ps.setLong(3, Jdbc.millis(resource.statusSince()));
        Long own = ownLastSeen(resource, sharedLastSeen);
        if (own == null) {
            ps.setNull(4, java.sql.Types.BIGINT);
        } else {
            ps.setLong(4, own);
        }
        ps.setBoolean(5, resource.stuckReported());
        if (resource.lastUnhealthy().isEmpty()) {
            ps.setNull(6, java.sql.Types.VARCHAR);
        } else {
            ps.setString(6, resource.lastUnhealthy().get().label());
        }
        ps.setString(7, codec.write(observed));
        ps.setString(8, target.key());
        ps.setString(9, observed.arn());
    }

    private Row read(ResultSet rs) throws SQLException {
        Instant own = Jdbc.instantOrNull(rs, "last_seen");
        Instant lastSeen = own != null ? own : Jdbc.instantOrNull(rs, "resources_seen_at");
        if (lastSeen == null) {
            throw new SQLException("known_resource row without last_seen, and its target has none");
        }
        return new Row(new KnownResource(
                codec.read(rs.getString("payload"), ObservedResource.class),
                Instant.ofEpochMilli(rs.getLong("status_since")),
                lastSeen,
                rs.getBoolean("stuck_reported"),
                Optional.ofNullable(rs.getString("last_unhealthy")).map(ResourceStatus::ofLabel)),
                own == null ? null : own.toEpochMilli());
    }
}
