package io.integrationmonitor.state;

import io.integrationmonitor.detect.ResourceEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** SQL of {@code resource_event}: the append-only event history. */
final class EventTable {
    private final PayloadCodec codec;

    EventTable(PayloadCodec codec) {
        this.codec = codec;
    }

    void insert(Connection c, List<ResourceEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO resource_event (event_id, type, target_key, arn, kind, from_status, to_status, at_ms,"
                        + " payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ResourceEvent event : events) {
                ps.setString(1, event.id());
                ps.setString(2, event.type().name());
                ps.setString(3, event.target().key());
                ps.setString(4, event.resource() == null ? "" : event.resource().arn());
                ps.setString(5, event.kind().label());
                ps.setString(6, event.fromStatus());
                ps.setString(7, event.toStatus());
                ps.setLong(8, Jdbc.millis(event.at()));
                ps.setString(9, codec.write(event));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    List<ResourceEvent> since(Connection c, Instant since, int limit) throws SQLException {
        List<ResourceEvent> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT payload FROM resource_event WHERE at_ms >= ? ORDER BY at_ms, seq LIMIT ?")) {
            ps.setLong(1, Jdbc.millis(since));
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(codec.read(rs.getString("payload"), ResourceEvent.class));
                }
            }
        }
        return events;
    }

    /**
     * One page of {@code query}: rows are read in {@code seq} order in batches, filtered by the query's predicate,
     * until the page is full or the history ends.
     */
    List<EventQuery.Stored> page(Connection c, EventQuery query) throws SQLException {
        List<EventQuery.Stored> page = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT seq, payload FROM resource_event WHERE at_ms >= ? AND seq > ?");
        appendIn(sql, "kind", query.kinds().size());
        appendIn(sql, "arn", query.arns().size());
        sql.append(" ORDER BY seq LIMIT ?");
        int batch = Math.max(query.limit(), 100);
        long after = query.afterSeq();
        while (page.size() < query.limit()) {
            int read = 0;
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                ps.setLong(i++, Jdbc.millis(query.since()));
                ps.setLong(i++, after);
                for (String kind : query.kinds()) {
                    ps.setString(i++, kind);
                }
                for (String arn : query.arns()) {
                    ps.setString(i++, arn);
                }
                ps.setInt(i, batch);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        read++;
                        after = rs.getLong("seq");
                        ResourceEvent event = codec.read(rs.getString("payload"), ResourceEvent.class);
                        if (page.size() < query.limit() && query.filter().test(event)) {
                            page.add(new EventQuery.Stored(after, event));
                        }
                    }
                }
            }
            if (read < batch) {
                break;
            }
        }
        return page;
    }

    private static void appendIn(StringBuilder sql, String column, int values) {
        if (values > 0) {
            sql.append(" AND ").append(column).append(" IN (").append("?,".repeat(values - 1)).append("?)");
        }
    }

    int deleteBefore(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM resource_event WHERE at_ms < ?")) {
            ps.setLong(1, Jdbc.millis(cutoff));
            return ps.executeUpdate();
        }
    }
}
