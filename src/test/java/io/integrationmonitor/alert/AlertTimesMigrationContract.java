package io.integrationmonitor.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.alert.evaluate.Alert;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V6 turns the alerting tables' TIMESTAMP WITH TIME ZONE columns into BIGINT epoch milliseconds: rows a V5
 * release wrote read back the same, to the millisecond, on every database.
 */
abstract class AlertTimesMigrationContract {
    /** Written with an offset and microseconds: the conversion must neither shift nor round. */
    private static final OffsetDateTime WRITTEN = OffsetDateTime.parse("2025-03-03T10:00:00.123456+01:00");
    private static final Instant READ = Instant.parse("2025-03-03T09:00:00.123Z");
    private static final Instant LATER = READ.plusSeconds(3600);
    private static final Instant BEFORE_1970 = Instant.parse("1969-12-31T23:59:59.999Z");

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
