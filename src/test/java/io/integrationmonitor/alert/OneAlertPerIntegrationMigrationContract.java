package io.integrationmonitor.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.alert.evaluate.Alert;
import io.integrationmonitor.alert.evaluate.AlertState;
import io.integrationmonitor.alert.evaluate.Condition;
import io.integrationmonitor.alert.evaluate.Json;
import io.integrationmonitor.state.Database;
import io.integrationmonitor.state.Jdbc;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V8 gives every alert about an integration one key, ARN and condition, whichever listing holds it: the
 * {@code inbound:} alerts a V7 release wrote are re-keyed, or dropped where the integration's own listing
 * holds the same alert (that one lives on), and each row learns the ARN it is about.
 */
abstract class OneAlertPerIntegrationMigrationContract {
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
    void inboundAlertsWrittenAtV7AreOneAlertPerArnAndConditionAfterV8() throws Exception {
        // given a V7 database: an inbound-only alert, one integration alerting in both listings, a poll alert
        Flyway.configure().dataSource(url(), user(), password()).locations("classpath:db/migration").target("7")
                .load().migrate();
        try (Connection c = DriverManager.getConnection(url(), user(), password())) {
            insert(c, alert("inbound:" + ONLY_INBOUND + "|failed", ONLY_INBOUND, "glue_inbound_integration", INBOUND));
            insert(c, alert(BOTH + "|needs_attention", BOTH, "glue_integration", SOURCE));
            insert(c, alert("inbound:" + BOTH + "|needs_attention", BOTH, "glue_inbound_integration", INBOUND));
            insert(c, Alert.builder("target:" + SOURCE + "|poll_failing", Condition.POLL_FAILING)
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

    private void insert(Connection c, Alert alert) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_state (alert_key, target_key, condition, "
                + "kind, firing, silenced, seen_count, healthy_count, alert_json, sent_json, updated_at) "
                + "VALUES (?, ?, ?, ?, TRUE, FALSE, 2, 0, ?, ?, 0)")) {
            ps.setString(1, alert.key());
            ps.setString(2, alert.targetKey());
            ps.setString(3, alert.condition().label());
            ps.setString(4, alert.kind());
            ps.setString(5, json.writeValueAsString(alert));
            ps.setString(6, json.writeValueAsString(Map.of("oncall", java.time.Instant.EPOCH)));
            ps.executeUpdate();
        }
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
}
