package io.integrationmonitor.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.alert.evaluate.Alert;
import io.integrationmonitor.alert.evaluate.Condition;
import io.integrationmonitor.alert.evaluate.Json;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.PollCompleted;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.Snapshot;
import io.integrationmonitor.poll.Source;
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

import static io.integrationmonitor.alert.Polls.glue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * In one account, DescribeIntegrations (source side) and DescribeInboundIntegrations (target side) list the
 * same integration ARN: two targets, one ARN, and they must not share one alert.
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
        Instant at = clock.instant();
        List<KnownResource> current = Arrays.stream(resources).map(r -> Polls.known(r, at)).toList();
        return new PollCompleted(new Snapshot(INBOUND, at, List.of(resources), 1), current, List.of(), Duration.ZERO);
    }

    private PollCompleted sourcePoll(ObservedResource... resources) {
        clock.advance(Duration.ofSeconds(1));
        return Polls.completed(clock.instant(), List.of(resources));
    }

    @Test
    void theSourceAndTheInboundListingOfOneIntegrationAreTwoAlertsThatFireOnceEach() {
        try (AlertingHarness h = new AlertingHarness(dir, clock, YAML, Map.of("rec", rec))) {
            // given both targets report the same integration FAILED, poll after poll
            for (int i = 0; i < 3; i++) {
                h.engine().onPollCompleted(sourcePoll(glue("orders-zetl", "FAILED")));
                h.engine().onPollCompleted(inboundPoll(inbound("orders-zetl", "FAILED")));
            }
            h.dispatcher().drain();

            // then each listing fired once (no re-fire on every poll of the other target)
            assertThat(rec.titles()).containsExactly("[FIRING] orders-zetl FAILED", "[FIRING] orders-zetl FAILED");
            assertThat(rec.received()).extracting(n -> n.alerts().get(0).kind())
                    .containsExactly("glue_integration", "glue_inbound_integration");
            assertThat(h.engine().alerts()).hasSize(2);

            // and when only the inbound side recovers, only its alert resolves
            h.engine().onPollCompleted(inboundPoll(inbound("orders-zetl", "ACTIVE")));
            h.engine().onPollCompleted(sourcePoll(glue("orders-zetl", "FAILED")));
            h.dispatcher().drain();
            assertThat(rec.titles()).hasSize(3).last().isEqualTo("[RESOLVED] orders-zetl recovered");
            assertThat(h.engine().alerts()).singleElement()
                    .satisfies(v -> assertThat(v.alert().kind()).isEqualTo("glue_integration"));
        }
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
            h.engine().onPollCompleted(inboundPoll(failed));
            h.dispatcher().drain();
            assertThat(rec.titles()).isEmpty();
            assertThat(h.engine().alerts()).singleElement()
                    .satisfies(v -> assertThat(v.alert().key()).isEqualTo("inbound:" + oldKey));

            h.engine().onPollCompleted(inboundPoll(inbound("orders-zetl", "ACTIVE")));
            h.dispatcher().drain();

            // then the alert lived on: no re-fire, one resolved notice
            assertThat(rec.titles()).containsExactly("[RESOLVED] orders-zetl recovered");
        }
    }
}
