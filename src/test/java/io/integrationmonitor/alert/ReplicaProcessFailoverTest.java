package io.integrationmonitor.alert;

import io.integrationmonitor.alert.evaluate.Json;
import io.integrationmonitor.alert.outbox.Delivery;
import io.integrationmonitor.alert.outbox.Outbox;
import io.integrationmonitor.alert.outbox.OutboxDispatcher;
import io.integrationmonitor.alert.outbox.OutboxEntry;
import io.integrationmonitor.alert.receiver.HttpDelivery;
import io.integrationmonitor.alert.receiver.Receivers;
import io.integrationmonitor.cli.Main;
import io.integrationmonitor.config.AlertingConfig;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.Source;
import io.integrationmonitor.simulator.AwsSimulator;
import io.integrationmonitor.simulator.Estate;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.Partition;
import io.integrationmonitor.simulator.SimError;
import io.integrationmonitor.simulator.SimIntegration;
import io.integrationmonitor.state.Database;
import io.integrationmonitor.state.Jdbc;
import io.integrationmonitor.state.PostgresTestSchema;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.integrationmonitor.alert.Polls.glue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas on PostgreSQL: the {@code run} daemon as a child JVM, which polls the simulator and sends
 * the first alert, and an alerting replica in this JVM. The child is stopped mid-send with SIGTERM or
 * SIGKILL; the Slack webhook holds that request until the test lets it go.
 */
class ReplicaProcessFailoverTest {
    private static final Partition HOME = new Partition(Estate.DEFAULT_ACCOUNT, Estate.DEFAULT_REGION);
    private static final String RECEIVER = "slack";
    private static final String CHILD = "child-replica";
    private static final Duration GENEROUS = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private PostgresTestSchema schema;
    private AwsSimulator simulator;
    private ConcurrentSlack slack;
    private Process child;
    private Path childLog;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        schema = PostgresTestSchema.createOrSkip();
        Estate estate = new Estate();
        estate.populate(HOME, new EstateSpec(4, 0, 0, 0, 0));
        simulator = AwsSimulator.start("127.0.0.1", 0, estate, 8);
        slack = new ConcurrentSlack();
    }

    @AfterEach
    void stop() throws Exception {
        if (child != null) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        if (slack != null) {
            slack.close();
        }
        if (simulator != null) {
            simulator.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void sigtermDuringASendLetsItFinishOnceAndHandsTheQueueOverAtOnce() throws Exception {
        // given the child replica sending the first alert to a Slack that holds it, a second alert queued
        // behind it, and the other replica running
        slack.answer(n -> n == 0 ? ConcurrentSlack.Answer.hang() : ConcurrentSlack.Answer.ok());
        fail(simulator.estate().integrations(HOME).get(0));
        startChild();
        awaitChildSending();
        fail(simulator.estate().integrations(HOME).get(1));
        Survivor survivor = new Survivor();
        await("the second alert queued").atMost(GENEROUS)
                .until(() -> survivor.outbox().entries(RECEIVER).size() == 2);
        survivor.alerting.start();

        // when the child gets SIGTERM, and Slack answers only once the child waits for its send
        long stopping = System.nanoTime();
        child.destroy();
        await("the child waits for its send").atMost(GENEROUS)
                .until(() -> log().contains("for the alert sends in flight to [" + RECEIVER + "]"));
        slack.releaseHung();
        assertThat(child.waitFor(GENEROUS.toSeconds(), TimeUnit.SECONDS)).as("child exited; log:%n%s", log()).isTrue();
        Duration stop = Duration.ofNanos(System.nanoTime() - stopping);

        // then both alerts arrived exactly once, each recorded delivered after one attempt, the second by the survivor
        await("the second alert delivered by the survivor").atMost(GENEROUS)
                .until(() -> survivor.outbox().pendingCount(RECEIVER) == 0);
        List<OutboxEntry> rows = survivor.outbox().entries(RECEIVER);
        assertThat(rows).hasSize(2).allSatisfy(e -> {
            assertThat(e.delivery()).isEqualTo(Delivery.DELIVERED);
            assertThat(e.attempts()).isEqualTo(1);
        });
        assertThat(arrivals()).isEqualTo(Map.of(
                rows.get(0).notification().idempotencyKey(), 1L, rows.get(1).notification().idempotencyKey(), 1L));
        assertThat(slack.accepted("/hook").stream().map(ConcurrentSlack.Received::key).toList())
                .containsExactly(rows.get(0).notification().idempotencyKey(), rows.get(1).notification().idempotencyKey());
        assertThat(survivor.counter("delivered")).isEqualTo(1);
        assertThat(survivor.counter("redelivered")).isZero();
        assertThat(child.exitValue()).as("exit code after SIGTERM").isEqualTo(143);
        assertThat(log()).doesNotContain("rejected a notification");
        System.out.printf("FAILOVER sigterm during send -> 1 delivery, stop took %.1f s%n", stop.toMillis() / 1000.0);
    }

    @Test
    void killMinus9MidSendHoldsTheReceiverForAtMostOneLease() throws Exception {
        // given the child replica sending the first alert to a Slack that never answers it, renewing its lease
        slack.answer(n -> n == 0 ? ConcurrentSlack.Answer.hang() : ConcurrentSlack.Answer.ok());
        fail(simulator.estate().integrations(HOME).get(0));
        startChild();
        awaitChildSending();
        Survivor survivor = new Survivor();
        Instant firstUntil = survivor.leaseUntil();
        await("the child renews its lease").atMost(GENEROUS).until(() -> survivor.leaseUntil().isAfter(firstUntil));
        survivor.alerting.start();

        // when the child is killed, and the surviving replica has a new alert for the same receiver
        long killed = System.nanoTime();
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Clock clock = Clock.systemUTC();
        PollTarget elsewhere = new PollTarget(Source.GLUE_INTEGRATIONS, Polls.ACCOUNT, "eu-west-1");
        survivor.alerting.engine().onPollCompleted(Polls.completed(elsewhere, clock.instant(), List.of(glue("next", "FAILED"))));
        String next = survivor.outbox().entries(RECEIVER).get(1).notification().idempotencyKey();

        // then it is delivered within one lease plus one dispatcher wake-up of the kill
        Duration bound = OutboxDispatcher.DEFAULT_LEASE.plus(Duration.ofSeconds(5));
        await("the next alert delivered by the survivor").atMost(bound).pollInterval(Duration.ofMillis(100))
                .until(() -> arrivals().containsKey(next));
        Duration failover = Duration.ofNanos(System.nanoTime() - killed);

        // and only the notification in flight at the kill was sent twice
        List<OutboxEntry> rows = survivor.outbox().entries(RECEIVER);
        await("both recorded delivered").atMost(GENEROUS).until(() -> survivor.outbox().pendingCount(RECEIVER) == 0);
        assertThat(arrivals()).isEqualTo(Map.of(
                rows.get(0).notification().idempotencyKey(), 2L, next, 1L));
        assertThat(survivor.counter("redelivered")).isEqualTo(1);
        System.out.printf("FAILOVER kill -9 mid-send -> next delivery after %.1f s, lease %d s%n",
                failover.toMillis() / 1000.0, OutboxDispatcher.DEFAULT_LEASE.toSeconds());
    }

    /** The replica in this JVM: alerting only (no polling), on its own pool. */
    private final class Survivor {
        final Database database;
        final Alerting alerting;
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();

        Survivor() {
            AlertingConfig config = AlertingHarness.config(alertingYaml());
            Clock clock = Clock.systemUTC();
            database = track(schema.open());
            alerting = track(Alerting.create(config, database,
                    Receivers.create(config, region -> null, HttpDelivery.defaultClient(), clock), registry, clock,
                    "survivor"));
        }

        Outbox outbox() {
            return new Outbox(new Jdbc(database.dataSource()), Json.newMapper());
        }

        double counter(String outcome) {
            return registry.counter("integration.monitor.notifications", "receiver", RECEIVER, "outcome", outcome).count();
        }

        Instant leaseUntil() throws SQLException {
            try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT claimed_by, claimed_until FROM alert_receiver_lease WHERE receiver = ?")) {
                ps.setString(1, RECEIVER);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString("claimed_by")).isEqualTo(CHILD);
                    return Jdbc.instantOrNull(rs, "claimed_until");
                }
            }
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        open.add(resource);
        return resource;
    }

    private void fail(SimIntegration integration) {
        simulator.estate().setIntegrationStatus(integration.arn(), "FAILED", List.of(new SimError("E1", "broken")));
    }

    private void awaitChildSending() throws InterruptedException {
        assertThat(slack.awaitHung(GENEROUS)).as("the child sent the first alert; its log:%n%s", log()).isTrue();
    }

    private Map<String, Long> arrivals() {
        return slack.accepted("/hook").stream()
                .collect(Collectors.groupingBy(ConcurrentSlack.Received::key, Collectors.counting()));
    }

    private String alertingYaml() {
        return """
                alerting:
                  resend_delay: 1s
                  receivers: [{name: %s, slack: {webhook_url: "%s"}}]
                  default_receivers: [%1$s]
                """.formatted(RECEIVER, slack.uri("/hook"));
    }

    private void startChild() throws IOException {
        String endpoint = simulator.endpoint().toString();
        Path config = Files.writeString(dir.resolve("child.yaml"), """
                aws:
                  region: us-east-1
                  endpoints: {glue: "%1$s", appintegrations: "%1$s", sns: "%1$s", sts: "%1$s", rds: "%1$s", redshift: "%1$s", cloudwatch: "%1$s"}
                sources:
                  glue_integrations: {interval: 1s}
                  glue_inbound_integrations: {interval: 1s}
                  appintegrations: {interval: 1s}
                  rds_integrations: {interval: 1s}
                  redshift_integrations: {interval: 1s}
                  redshift_inbound_integrations: {interval: 1s}
                http: {bind_address: 127.0.0.1, port: 0}
                logging: {format: text}
                cluster:
                  enabled: true
                  jdbc_url: "%2$s"
                  username: "%3$s"
                  password: "%4$s"
                  checkin_interval: 1s
                  instance_id: %5$s
                """.formatted(endpoint, schema.jdbcUrl(), schema.user(), schema.password(), CHILD) + alertingYaml());
        childLog = dir.resolve("child.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(childLog.toFile());
        var env = pb.environment();
        env.remove("JAVA_TOOL_OPTIONS");
        env.remove("JDK_JAVA_OPTIONS");
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_ACCESS_KEY_ID", "AKIDFAILOVERCHILD01");
        env.put("AWS_SECRET_ACCESS_KEY", "failover-secret");
        env.put("AWS_CONFIG_FILE", "/nonexistent");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        child = pb.start();
    }

    private String log() {
        try {
            return childLog != null && Files.exists(childLog) ? Files.readString(childLog, StandardCharsets.UTF_8) : "(none)";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
