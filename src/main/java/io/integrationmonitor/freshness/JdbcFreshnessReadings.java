package io.integrationmonitor.freshness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.state.Database;
import io.integrationmonitor.state.Jdbc;
import io.integrationmonitor.state.StateStoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The freshness readings in table {@code freshness_reading} (H2 or PostgreSQL, same SQL), shared by the replicas:
 * the one that polled an (account, region) replaces its rows, every one renders its gauges from them.
 *
 * <p>A row this version cannot read whole (a kind or source a newer replica wrote during a rolling upgrade) is
 * left out rather than failing every reader; a verdict it does not know is dropped the same way.
 */
public final class JdbcFreshnessReadings implements FreshnessReadings {
    /** At most this many failing table names per row: {@code freshness.tables_failing.max_tables} allows 1000. */
    static final int MAX_STORED_TABLES = 1000;
    /** The {@code name} column's width: AWS names are far shorter, a longer one is not worth a failed poll. */
    static final int MAX_NAME_LENGTH = 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final String COLUMNS = "account_id, region, arn, name, kind, source, observed_at, last_sync,"
            + " lag_seconds, tables_failed, ingestion_failed, failing_tables, verdicts";

    private final Jdbc jdbc;

    public JdbcFreshnessReadings(Database database) {
        this.jdbc = new Jdbc(Objects.requireNonNull(database, "database").dataSource());
    }

    @Override
    public Map<String, FreshnessReading> of(String accountId, String region) {
        return jdbc.withConnection("reading freshness of " + accountId + "/" + region, c -> {
            Map<String, FreshnessReading> byArn = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM freshness_reading"
                    + " WHERE account_id = ? AND region = ? ORDER BY arn")) {
                ps.setString(1, accountId);
                ps.setString(2, region);
                for (FreshnessReading r : read(ps)) {
                    byArn.put(r.arn(), r);
                }
            }
            return byArn;
        });
    }

    @Override
    public void replace(String accountId, String region, List<FreshnessReading> readings) {
        for (FreshnessReading r : readings) {
            if (!r.accountId().equals(accountId) || !r.region().equals(region)) {
                throw new IllegalArgumentException("reading of " + r.accountId() + "/" + r.region()
                        + " given to replace those of " + accountId + "/" + region);
            }
        }
        jdbc.inTransaction("replacing freshness of " + accountId + "/" + region, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM freshness_reading WHERE account_id = ? AND region = ?")) {
                ps.setString(1, accountId);
                ps.setString(2, region);
                ps.executeUpdate();
            }
            insert(c, readings);
            return null;
        });
    }

    @Override
    public List<FreshnessReading> all() {
        return jdbc.withConnection("reading every freshness reading", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM freshness_reading"
                    + " ORDER BY account_id, region, arn")) {
                return read(ps);
            }
        });
    }

    private static void insert(Connection c, List<FreshnessReading> readings) throws SQLException {
        if (readings.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO freshness_reading (" + COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (FreshnessReading r : readings) {
                ps.setString(1, r.accountId());
                ps.setString(2, r.region());
                ps.setString(3, r.arn());
                ps.setString(4, r.name().length() > MAX_NAME_LENGTH ? r.name().substring(0, MAX_NAME_LENGTH) : r.name());
                ps.setString(5, r.kind().label());
                ps.setString(6, r.source().name());
                ps.setLong(7, Jdbc.millis(r.observedAt()));
                Jdbc.setInstant(ps, 8, r.lastSync());
                setDouble(ps, 9, r.lagSeconds());
                setDouble(ps, 10, r.tablesFailed());
                setDouble(ps, 11, r.ingestionFailed());
                List<String> tables = r.failingTables();
                ps.setString(12, json(tables.size() > MAX_STORED_TABLES ? tables.subList(0, MAX_STORED_TABLES) : tables));
                ps.setString(13, json(r.verdicts().stream().map(Enum::name).sorted().toList()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static List<FreshnessReading> read(PreparedStatement ps) throws SQLException {
        List<FreshnessReading> readings = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ResourceKind kind = kind(rs.getString("kind"));
                MetricSource source = named(MetricSource.class, rs.getString("source"));
                if (kind == null || source == null) {
                    continue;
                }
                Set<FreshnessVerdict> verdicts = EnumSet.noneOf(FreshnessVerdict.class);
                for (String v : strings(rs.getString("verdicts"))) {
                    FreshnessVerdict verdict = named(FreshnessVerdict.class, v);
                    if (verdict != null) {
                        verdicts.add(verdict);
                    }
                }
                readings.add(new FreshnessReading(rs.getString("arn"), rs.getString("name"), kind,
                        rs.getString("account_id"), rs.getString("region"), source,
                        Jdbc.instantOrNull(rs, "observed_at"), Jdbc.instantOrNull(rs, "last_sync"),
                        doubleOrNull(rs, "lag_seconds"), doubleOrNull(rs, "tables_failed"),
                        doubleOrNull(rs, "ingestion_failed"), strings(rs.getString("failing_tables")), verdicts));
            }
        }
        return readings;
    }

    /** The kind labelled {@code label}; null when this version knows none. */
    private static ResourceKind kind(String label) {
        for (ResourceKind k : ResourceKind.values()) {
            if (k.label().equals(label)) {
                return k;
            }
        }
        return null;
    }

    /** The constant of {@code type} named {@code name}; null when this version knows none. */
    private static <E extends Enum<E>> E named(Class<E> type, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }

    private static Double doubleOrNull(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new StateStoreException("state store: cannot write a list of strings as JSON: " + e.getMessage(), e);
        }
    }

    private static List<String> strings(String json) {
        try {
            List<String> values = JSON.readValue(json, STRINGS);
            return values == null ? List.of() : values.stream().filter(Objects::nonNull).toList();
        } catch (JsonProcessingException e) {
            throw new StateStoreException("state store: a freshness_reading row holds malformed JSON", e);
        }
    }
}
