package io.integrationmonitor.state;

import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.PollTarget;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** SQL of {@code known_resource}: the last known state of each target's resources. */
final class KnownResourceTable {
    private static final String COLUMNS = "status_since, last_seen, stuck_reported, payload";

    private final PayloadCodec codec;

    KnownResourceTable(PayloadCodec codec) {
        this.codec = codec;
    }

    // Sorted in Java, not SQL: PostgreSQL's collation would order differently from H2 and from the detector.
    private static final Comparator<KnownResource> BY_ARN = Comparator.comparing(KnownResource::arn);

    /** The target's resources keyed by ARN, in ARN order. */
    Map<String, KnownResource> load(Connection c, PollTarget target) throws SQLException {
        Map<String, KnownResource> known = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM known_resource WHERE target_key = ?")) {
            ps.setString(1, target.key());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    KnownResource resource = read(rs);
                    known.put(resource.arn(), resource);
                }
            }
        }
        return Collections.unmodifiableMap(known);
    }

    /** Every resource, ordered by target key then ARN. */
    List<KnownResource> all(Connection c) throws SQLException {
        Map<String, List<KnownResource>> byTarget = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT target_key, " + COLUMNS + " FROM known_resource");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                byTarget.computeIfAbsent(rs.getString("target_key"), k -> new ArrayList<>()).add(read(rs));
            }
        }
        List<KnownResource> all = new ArrayList<>();
        for (List<KnownResource> resources : byTarget.values()) {
            resources.sort(BY_ARN);
            all.addAll(resources);
        }
        return all;
    }

    /** Replaces every row of the target with {@code state}. */
    void replace(Connection c, PollTarget target, List<KnownResource> state) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM known_resource WHERE target_key = ?")) {
            ps.setString(1, target.key());
            ps.executeUpdate();
        }
        if (state.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO known_resource (target_key, arn, kind, status, " + COLUMNS + ")"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (KnownResource resource : state) {
                ObservedResource observed = resource.resource();
                ps.setString(1, target.key());
                ps.setString(2, observed.arn());
                ps.setString(3, observed.kind().label());
                ps.setString(4, observed.status());
                ps.setLong(5, Jdbc.millis(resource.statusSince()));
                ps.setLong(6, Jdbc.millis(resource.lastSeen()));
                ps.setBoolean(7, resource.stuckReported());
                ps.setString(8, codec.write(observed));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private KnownResource read(ResultSet rs) throws SQLException {
        return new KnownResource(
                codec.read(rs.getString("payload"), ObservedResource.class),
                Instant.ofEpochMilli(rs.getLong("status_since")),
                Instant.ofEpochMilli(rs.getLong("last_seen")),
                rs.getBoolean("stuck_reported"));
    }
}
