package io.integrationmonitor.alert;

import io.integrationmonitor.testing.MutableClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.alert.evaluate.Alert;
import io.integrationmonitor.alert.evaluate.Condition;
import io.integrationmonitor.alert.evaluate.Json;
import io.integrationmonitor.detect.Detection;
import io.integrationmonitor.detect.PollCompleted;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.Snapshot;
import io.integrationmonitor.poll.Source;
import io.integrationmonitor.state.Database;
import io.integrationmonitor.state.JdbcStateStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.integrationmonitor.alert.Polls.glue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * In one account, DescribeIntegrations (source side) and DescribeInboundIntegrations (target side) list the
 * same integration ARN: two targets, one ARN, one alert, evaluated by the primary listing that owns it.
 * The polls are committed to the state store first, as the poll runner does: ownership is read from it.
 */
class SharedArnAlertsTest {
    private static final PollTarget INBOUND = new PollTarget(Source.GLUE_INBOUND_INTEGRATIONS, Polls.ACCOUNT, Polls.REGION);
    private static final String YAML = """
            alerting:
              receivers: [{name: rec, log: {}}]
            """;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(AlertingHarness.T0);
    private final RecordingReceiver rec = new RecordingReceiver("rec");

    private static ObservedResource inbound(String name, String status) {
        ObservedResource r = glue(name, status);
        return new ObservedResource(ResourceKind.GLUE_INBOUND_INTEGRATION, r.arn(), r.name(), r.accountId(), r.region(),
                r.status(), r.errors(), r.attributes(), r.tags(), null);
    }

    private PollCompleted inboundPoll(ObservedResource... resources) {
        clock.advance(Duration.ofSeconds(1));
        return Polls.completed(INBOUND, clock.instant(), List.of(resources));
    }

    private PollCompleted sourcePoll(ObservedResource... resources) {
        clock.advance(Duration.ofSeconds(1));
        return Polls.completed(clock.instant(), List.of(resources));
    }

    /** Commits the poll's state, then evaluates it: the order of the poll runner. */
    private static void apply(AlertingHarness h, PollCompleted poll) {
        new JdbcStateStore(h.database).applyPoll(poll.target(),
                known -> new Detection.Result(poll.current(), poll.events()));
        h.engine().onPollCompleted(poll);
    }

    @Test
    void theSourceAndTheInboundListingOfOneIntegrationAreOneAlertThatFiresAndResolvesOnce() {
        try (AlertingHarness h = new AlertingHarness(dir, clock, YAML, Map.of("rec", rec))) {
            // given both targets report the same integration FAILED, poll after poll
            for (int i = 0; i < 3; i++) {
                apply(h, sourcePoll(glue("orders-zetl", "FAILED")));
                apply(h, inboundPoll(inbound("orders-zetl", "FAILED")));
            }
            h.dispatcher().drain();

            // then one alert fired, once, with the owning (primary) listing's kind
            assertThat(rec.titles()).containsExactly("[FIRING] orders-zetl FAILED");
            assertThat(rec.received()).extracting(n -> n.alerts().get(0).kind()).containsExactly("glue_integration");
            assertThat(h.engine().alerts()).singleElement()
                    .satisfies(v -> assertThat(v.alert().targetKey()).isEqualTo(Polls.TARGET.key()));

            // and the inbound side's view does not resolve it: the owner's does
            apply(h, inboundPoll(inbound("orders-zetl", "ACTIVE")));
            apply(h, sourcePoll(glue("orders-zetl", "FAILED")));
            h.dispatcher().drain();
            assertThat(rec.titles()).hasSize(1);
            apply(h, sourcePoll(glue("orders-zetl", "ACTIVE")));
            h.dispatcher().drain();
            assertThat(rec.titles()).containsExactly("[FIRING] orders-zetl FAILED", "[RESOLVED] orders-zetl recovered");
            assertThat(h.engine().alerts()).isEmpty();
        }
    }

    @Test
    void anAlertHandsOverBetweenListingsWithoutASecondNoticeEitherWay() {
        try (AlertingHarness h = new AlertingHarness(dir, clock, YAML, Map.of("rec", rec))) {
            // given only the inbound listing reports the integration FAILED: it owns it, and fires
            apply(h, inboundPoll(inbound("orders-zetl", "FAILED")));
            h.dispatcher().drain();
            assertThat(rec.titles()).containsExactly("[FIRING] orders-zetl FAILED");

            // when the primary listing starts listing it: it adopts the alert
            apply(h, sourcePoll(glue("orders-zetl", "FAILED")));
            apply(h, inboundPoll(inbound("orders-zetl", "FAILED")));
            h.dispatcher().drain();
            assertThat(h.engine().alerts()).singleElement().satisfies(v -> {
                assertThat(v.alert().targetKey()).isEqualTo(Polls.TARGET.key());
                assertThat(v.alert().kind()).isEqualTo("glue_integration");
            });

            // and when it stops listing it again (not "vanished": the inbound listing still has it), then takes it
            apply(h, sourcePoll());
            apply(h, inboundPoll(inbound("orders-zetl", "FAILED")));
            h.dispatcher().drain();
            assertThat(h.engine().alerts()).singleElement()
                    .satisfies(v -> assertThat(v.alert().targetKey()).isEqualTo(INBOUND.key()));

            // then still the one firing notice, and one resolution when it recovers
            assertThat(rec.titles()).containsExactly("[FIRING] orders-zetl FAILED");
            apply(h, inboundPoll(inbound("orders-zetl", "ACTIVE")));
            h.dispatcher().drain();
            assertThat(rec.titles()).containsExactly("[FIRING] orders-zetl FAILED", "[RESOLVED] orders-zetl recovered");
        }
    }

    @Test
    void aListingNoLongerPolledNoLongerOwnsWhatItListed() {
        // given the primary listing's firing alert of an integration both listings report
        try (AlertingHarness h = new AlertingHarness(dir, clock, YAML, Map.of("rec", rec))) {
            apply(h, sourcePoll(glue("orders-zetl", "FAILED")));
            apply(h, inboundPoll(inbound("orders-zetl", "FAILED")));
        }

        // when the monitor restarts polling only the inbound listing (the primary's rows stay behind)
        try (Database database = Database.embedded(dir);
             Alerting alerting = Alerting.create(AlertingHarness.config(YAML), database, Map.of("rec", rec),
                     new SimpleMeterRegistry(), clock, null, Set.of(INBOUND.key()))) {
            JdbcStateStore store = new JdbcStateStore(database);
            for (String status : List.of("FAILED", "ACTIVE")) {
                PollCompleted poll = inboundPoll(inbound("orders-zetl", status));
                store.applyPoll(INBOUND, known -> new Detection.Result(poll.current(), poll.events()));
                alerting.engine().onPollCompleted(poll);
                if (status.equals("FAILED")) {
                    // then the inbound listing takes the alert over, without firing again
                    assertThat(alerting.engine().alerts()).singleElement()
                            .satisfies(v -> assertThat(v.alert().targetKey()).isEqualTo(INBOUND.key()));
                }
            }
            alerting.dispatcher().drain();
        }

        // and resolves it when it recovers: one firing, one resolved in all
        assertThat(rec.titles()).containsExactly("[FIRING] orders-zetl FAILED", "[RESOLVED] orders-zetl recovered");
    }

    @Test
    void anInboundAlertOpenBeforeTheUpgradeIsKeptWithoutResolvingOrRefiring() throws Exception {
        // given a database at the released V2 schema holding a firing inbound alert under its old key
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        String url = "jdbc:h2:file:" + data.toAbsolutePath().resolve("integration-monitor")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").target("2").load().migrate();
        ObservedResource failed = inbound("orders-zetl", "FAILED");
        String oldKey = Polls.arn("orders-zetl") + "|failed";
        Alert legacy = Alert.builder(oldKey, Condition.FAILED).kind(failed.kind().label()).name(failed.name())
                .arn(failed.arn()).accountId(failed.accountId()).region(failed.region()).targetKey(INBOUND.key())
                .status(failed.status().label()).statusSince(clock.instant()).startsAt(clock.instant())
                .refreshInterval("15").tags(failed.tags()).build();
        // written as the V2 release wrote it (its timestamps were TIMESTAMP WITH TIME ZONE)
        ObjectMapper json = Json.newMapper();
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             PreparedStatement insert = c.prepareStatement("INSERT INTO alert_state (alert_key, target_key, "
                     + "condition, kind, firing, silenced, seen_count, healthy_count, alert_json, sent_json, "
                     + "updated_at) VALUES (?, ?, ?, ?, TRUE, FALSE, 1, 0, ?, ?, ?)")) {
            insert.setString(1, oldKey);
            insert.setString(2, legacy.targetKey());
            insert.setString(3, legacy.condition().label());
            insert.setString(4, legacy.kind());
            insert.setString(5, json.writeValueAsString(legacy));
            insert.setString(6, json.writeValueAsString(Map.of("rec", clock.instant())));
            insert.setObject(7, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            insert.executeUpdate();
        }

        // when the upgraded monitor polls the inbound target, still failed, then recovered
        try (AlertingHarness h = new AlertingHarness(data, clock, YAML, Map.of("rec", rec))) {
            apply(h, inboundPoll(failed));
            h.dispatcher().drain();
            assertThat(rec.titles()).isEmpty();
            // re-keyed by V3 ('inbound:'), and back by V8: one key per ARN and condition
            assertThat(h.engine().alerts()).singleElement()
                    .satisfies(v -> assertThat(v.alert().key()).isEqualTo(oldKey));

            apply(h, inboundPoll(inbound("orders-zetl", "ACTIVE")));
            h.dispatcher().drain();

            // then the alert lived on: no re-fire, one resolved notice
            assertThat(rec.titles()).containsExactly("[RESOLVED] orders-zetl recovered");
        }
    }
}
