package io.integrationmonitor.alert;

import io.integrationmonitor.alert.evaluate.Json;
import io.integrationmonitor.alert.outbox.Delivery;
import io.integrationmonitor.alert.outbox.Outbox;
import io.integrationmonitor.alert.outbox.OutboxEntry;
import io.integrationmonitor.alert.receiver.Receivers;
import io.integrationmonitor.config.AlertingConfig;
import io.integrationmonitor.state.Database;
import io.integrationmonitor.state.Jdbc;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** kill -9 of a separate monitor JVM in the middle of a delivery, then a restart on the same database. */
class KilledJvmDeliveryTest {
    private static final int NOTIFICATIONS = 6;
    private static final int ACCEPTED_BEFORE_HANG = 3;

    @TempDir
    Path dir;

    @Test
    void aKilledProcessLosesNoNotificationAndRepeatsAtMostTheOneInFlight() throws Exception {
        try (ConcurrentSlack slack = new ConcurrentSlack()) {
            // given a Slack that accepts three notifications, then holds the fourth without answering
            slack.answer(n -> n == ACCEPTED_BEFORE_HANG ? ConcurrentSlack.Answer.hang() : ConcurrentSlack.Answer.ok());
            String webhook = slack.uri("/services/hook").toString();
            Path log = dir.resolve("child.log");
            Path data = dir.resolve("data");

            // when a monitor process enqueues six notifications and is killed while the fourth is being sent
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), DeliveringChild.class.getName(),
                    data.toString(), webhook, Integer.toString(NOTIFICATIONS))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                assertThat(slack.awaitHung(Duration.ofSeconds(60)))
                        .as("the child reached the fourth send; its log:%n%s", childLog(log)).isTrue();
                assertThat(childLog(log)).contains(DeliveringChild.ENQUEUED);
            } finally {
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no orderly close
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(slack.received()).hasSize(ACCEPTED_BEFORE_HANG + 1);

            // and a new monitor process opens the same database and delivers
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            AlertingConfig config = DeliveringChild.config(webhook);
            Clock clock = Clock.systemUTC();
            List<OutboxEntry> rows;
            try (Database database = Database.embedded(data);
                 Alerting alerting = Alerting.create(config, database, Receivers.create(config, region -> null, clock),
                         registry, clock, "restarted")) {
                alerting.dispatcher().drain();
                rows = new Outbox(new Jdbc(database.dataSource()), Json.newMapper()).entries("oncall");
            }

            // then every notification arrived, in order, and only the one in flight twice
            assertThat(rows).hasSize(NOTIFICATIONS).allSatisfy(e -> assertThat(e.delivery()).isEqualTo(Delivery.DELIVERED));
            List<String> enqueued = rows.stream().map(e -> e.notification().idempotencyKey()).toList();
            List<String> arrived = slack.accepted("/services/hook").stream().map(ConcurrentSlack.Received::key).toList();
            Map<String, Long> perKey = arrived.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(arrived.stream().distinct().toList()).containsExactlyElementsOf(enqueued);
            assertThat(perKey).containsEntry(enqueued.get(ACCEPTED_BEFORE_HANG), 2L);
            assertThat(perKey.values().stream().filter(c -> c > 1)).hasSize(1);
            assertThat(registry.counter("integration.monitor.notifications", "receiver", "oncall",
                    "outcome", "redelivered").count()).isEqualTo(1);
        }
    }

    private static String childLog(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(none)";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
