package io.integrationmonitor.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.alert.evaluate.Alert;
import io.integrationmonitor.alert.evaluate.AlertState;
import io.integrationmonitor.alert.evaluate.Condition;
import io.integrationmonitor.alert.evaluate.Json;
import io.integrationmonitor.alert.evaluate.Notification;
import io.integrationmonitor.alert.evaluate.NotificationState;
import io.integrationmonitor.alert.outbox.Delivery;
import io.integrationmonitor.alert.outbox.Outbox;
import io.integrationmonitor.alert.outbox.OutboxEntry;
import io.integrationmonitor.alert.silence.SilenceStore;
import io.integrationmonitor.state.Database;
import io.integrationmonitor.state.Jdbc;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migrations of the alerting tables, on every database. V6 turns their TIMESTAMP WITH TIME ZONE columns into
 * BIGINT epoch milliseconds: rows a V5 release wrote read back the same, to the millisecond. V8 gives every
 * alert about an integration one key, ARN and condition, whichever listing holds it: the {@code inbound:}
 * alerts a V7 release wrote are re-keyed, or dropped where the integration's own listing holds the same alert
 * (that one lives on), and each row learns the ARN it is about.
 */
abstract class AlertMigrationsContract {
    /** Written with an offset and microseconds: the conversion must neither shift nor round. */
    private static final OffsetDateTime WRITTEN = OffsetDateTime.parse("2025-03-03T10:00:00.123456+01:00");
    private static final Instant READ = Instant.parse("2025-03-03T09:00:00.123Z");
    private static final Instant LATER = READ.plusSeconds(3600);
    private static final Instant BEFORE_1970 = Instant.parse("1969-12-31T23:59:59.999Z");

    private static final String SOURCE = "glue_integrations/123456789012/us-east-1";
    private static final String INBOUND = "glue_inbound_integrations/123456789012/us-east-1";
    private static final String ONLY_INBOUND = "arn:aws:glue:us-east-1:999999999999:integration:cross";
    private static final String BOTH = "arn:aws:glue:us-east-1:123456789012:integration:both";

    private final ObjectMapper json = Json.newMapper();
    private Database database;

    abstract String url();

    abstract String user();

    abstract String password();

    /** Opens the database as the current release does: migrating it to the newest version. */
    abstract Database openCurrent();

    @AfterEach
    void closeDatabase() {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    @Test
    void alertRowsWrittenAtV5ReadBackTheSameAfterV6() throws Exception {
        // given a database at V5 holding a row in every alerting table
        Flyway.configure().dataSource(url(), user(), password()).locations("classpath:db/migration").target("5")
                .load().migrate();
        Alert alert = Alert.builder("arn:x|failed", Condition.FAILED).kind("glue_integration").name("orders")
                .targetKey("glue_integrations/1/us-east-1").startsAt(READ).build();
        Notification notification = new Notification("n-1", "oncall", NotificationState.FIRING, false,
                List.of(alert), READ);
        try (Connection c = DriverManager.getConnection(url(), user(), password())) {
            insert(c, "INSERT INTO alert_state (alert_key, target_key, condition, kind, firing, silenced, seen_count, "
                            + "healthy_count, alert_json, sent_json, updated_at) VALUES (?, ?, 'failed', "
                            + "'glue_integration', TRUE, FALSE, 2, 0, ?, ?, ?)",
                    alert.key(), alert.targetKey(), json.writeValueAsString(alert),
                    json.writeValueAsString(Map.of("oncall", READ)), WRITTEN);
            insert(c, "INSERT INTO alert_outbox (idempotency_key, receiver, state, payload, created_at, "
                            + "next_attempt_at, attempts, delivery, finished_at, claimed_by, claimed_until) "
                            + "VALUES ('n-1', 'oncall', 'firing', ?, ?, ?, 1, 'pending', NULL, 'replica-a', ?)",
                    json.writeValueAsString(notification), WRITTEN, WRITTEN.plusHours(1), WRITTEN);
            insert(c, "INSERT INTO alert_outbox (idempotency_key, receiver, state, payload, created_at, "
                            + "next_attempt_at, attempts, delivery, finished_at) "
                            + "VALUES ('n-0', 'oncall', 'firing', ?, ?, ?, 1, 'delivered', ?)",
                    json.writeValueAsString(notification), utc(BEFORE_1970), utc(BEFORE_1970), WRITTEN);
            insert(c, "INSERT INTO alert_silence (id, matchers_json, starts_at, ends_at, comment, created_by, "
                    + "created_at) VALUES ('s-1', '{}', ?, ?, 'window', 'ops', ?)", WRITTEN, WRITTEN.plusHours(1), WRITTEN);
            insert(c, "INSERT INTO alert_receiver_lease (receiver, claimed_by, claimed_until) VALUES "
                    + "('oncall', 'replica-a', ?)", WRITTEN);
            insert(c, "INSERT INTO alert_receiver_lease (receiver) VALUES ('idle')");
            insert(c, "INSERT INTO alert_target (target_key, last_poll_at) VALUES (?, ?)", alert.targetKey(), WRITTEN);
        }

        // when the current release opens it
        database = openCurrent();
        Jdbc jdbc = new Jdbc(database.dataSource());

        // then every instant reads back as it was, to the millisecond, nulls stay null
        List<OutboxEntry> outbox = new Outbox(jdbc, json).entries("oncall");
        assertThat(outbox).extracting(OutboxEntry::createdAt, OutboxEntry::nextAttemptAt, OutboxEntry::delivery)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(READ, LATER, Delivery.PENDING),
                        org.assertj.core.groups.Tuple.tuple(BEFORE_1970, BEFORE_1970, Delivery.DELIVERED));
        assertThat(instants(jdbc, "SELECT finished_at AS t FROM alert_outbox ORDER BY idempotency_key"))
                .containsExactly(READ, null);
        assertThat(instants(jdbc, "SELECT claimed_until AS t FROM alert_outbox ORDER BY idempotency_key"))
                .containsExactly(null, READ);
        assertThat(new SilenceStore(jdbc, json).all()).singleElement().satisfies(s -> {
            assertThat(s.startsAt()).isEqualTo(READ);
            assertThat(s.endsAt()).isEqualTo(LATER);
            assertThat(s.createdAt()).isEqualTo(READ);
        });
        assertThat(instants(jdbc, "SELECT claimed_until AS t FROM alert_receiver_lease ORDER BY receiver"))
                .containsExactly(null, READ);
        assertThat(instants(jdbc, "SELECT updated_at AS t FROM alert_state")).containsExactly(READ);
        AlertStore store = new AlertStore(jdbc, json);
        assertThat(store.all()).singleElement().satisfies(s -> {
            assertThat(s.alert()).isEqualTo(alert);
            assertThat(s.lastSent()).containsEntry("oncall", READ);
        });

        // and the target's last evaluated poll still holds: that poll again is refused, a newer one taken
        boolean samePoll = jdbc.inTransaction("locking", c -> store.lockTarget(c, alert.targetKey(), READ));
        boolean newerPoll = jdbc.inTransaction("locking", c -> store.lockTarget(c, alert.targetKey(), LATER));
        assertThat(samePoll).isFalse();
        assertThat(newerPoll).isTrue();

        // and the columns are NOT NULL where they were
        assertThat(notNullRejected("UPDATE alert_outbox SET created_at = NULL")).isTrue();
        assertThat(notNullRejected("UPDATE alert_silence SET ends_at = NULL")).isTrue();
    }

    @Test
    void inboundAlertsWrittenAtV7AreOneAlertPerArnAndConditionAfterV8() throws Exception {
        // given a V7 database: an inbound-only alert, one integration alerting in both listings, a poll alert
        Flyway.configure().dataSource(url(), user(), password()).locations("classpath:db/migration").target("7")
                .load().migrate();
        try (Connection c = DriverManager.getConnection(url(), user(), password())) {
            insertState(c, alert("inbound:" + ONLY_INBOUND + "|failed", ONLY_INBOUND, "glue_inbound_integration", INBOUND));
            insertState(c, alert(BOTH + "|needs_attention", BOTH, "glue_integration", SOURCE));
            insertState(c, alert("inbound:" + BOTH + "|needs_attention", BOTH, "glue_inbound_integration", INBOUND));
            insertState(c, Alert.builder("target:" + SOURCE + "|poll_failing", Condition.POLL_FAILING)
                    .kind("glue_integration").name(SOURCE).targetKey(SOURCE).build());
        }

        // when the current release opens it
        database = openCurrent();
        Jdbc jdbc = new Jdbc(database.dataSource());

        // then one alert per (ARN, condition): the inbound-only one re-keyed, the duplicate gone, the owner's kept
        Map<String, AlertState> states = new TreeMap<>();
        new AlertStore(jdbc, json).all().forEach(s -> states.put(s.alert().key(), s));
        assertThat(states).containsOnlyKeys(ONLY_INBOUND + "|failed", BOTH + "|needs_attention",
                "target:" + SOURCE + "|poll_failing");
        assertThat(states.get(ONLY_INBOUND + "|failed").alert().targetKey()).isEqualTo(INBOUND);
        assertThat(states.get(BOTH + "|needs_attention").alert().targetKey()).isEqualTo(SOURCE);

        // and each knows its ARN, a poll target's alert none
        assertThat(arns(jdbc)).containsOnly(
                Map.entry(ONLY_INBOUND + "|failed", ONLY_INBOUND),
                Map.entry(BOTH + "|needs_attention", BOTH),
                Map.entry("target:" + SOURCE + "|poll_failing", ""));
    }

    private static Alert alert(String key, String arn, String kind, String targetKey) {
        return Alert.builder(key, key.endsWith("|failed") ? Condition.FAILED : Condition.NEEDS_ATTENTION)
                .kind(kind).name(arn.substring(arn.lastIndexOf(':') + 1)).arn(arn).targetKey(targetKey).build();
    }

    /** A firing alert's row as a V7 release wrote it. */
    private void insertState(Connection c, Alert alert) throws Exception {
        insert(c, "INSERT INTO alert_state (alert_key, target_key, condition, kind, firing, silenced, seen_count, "
                        + "healthy_count, alert_json, sent_json, updated_at) VALUES (?, ?, ?, ?, TRUE, FALSE, 2, 0, ?, ?, 0)",
                alert.key(), alert.targetKey(), alert.condition().label(), alert.kind(), json.writeValueAsString(alert),
                json.writeValueAsString(Map.of("oncall", READ)));
    }

    private static Map<String, String> arns(Jdbc jdbc) {
        return jdbc.withConnection("reading", c -> {
            Map<String, String> read = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT alert_key, arn FROM alert_state");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    read.put(rs.getString("alert_key"), rs.getString("arn") == null ? "" : rs.getString("arn"));
                }
            }
            return read;
        });
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static void insert(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }

    private static List<Instant> instants(Jdbc jdbc, String sql) {
        return jdbc.withConnection("reading", c -> {
            List<Instant> read = new java.util.ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    read.add(Jdbc.instantOrNull(rs, "t"));
                }
            }
            return read;
        });
    }

    private boolean notNullRejected(String sql) {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeUpdate();
            return false;
        } catch (SQLException e) {
            return true;
        }
    }
}
