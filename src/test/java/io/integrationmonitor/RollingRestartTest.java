package io.integrationmonitor;

import io.integrationmonitor.config.ConfigLoader;
import io.integrationmonitor.config.MonitorConfig;
import io.integrationmonitor.simulator.AwsSimulator;
import io.integrationmonitor.simulator.Estate;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.Operation;
import io.integrationmonitor.simulator.Partition;
import io.integrationmonitor.state.PostgresTestSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rolling restart of a two-replica cluster: again and again the replica holding the Glue trigger (acquired,
 * waiting for its fire time) is stopped as SIGTERM stops the daemon ({@link Monitor#close()} is all the
 * shutdown hook does) and replaced by a fresh one. The next Glue poll must come within one interval + 2 s,
 * not after Quartz's crash detection (check-in + 7.5 s).
 */
class RollingRestartTest {
    private static final Logger log = LoggerFactory.getLogger(RollingRestartTest.class);
    private static final Partition HOME = new Partition("123456789012", "us-east-1");
    private static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final String GLUE_TRIGGER = "glue_integrations/123456789012/us-east-1";
    private static final int RESTARTS = 6;

    private PostgresTestSchema schema;
    private AwsSimulator simulator;
    private final Map<String, Monitor> replicas = new LinkedHashMap<>();
    private int started;

    @BeforeEach
    void start() {
        schema = PostgresTestSchema.createOrSkip();
        Estate estate = new Estate();
        estate.populate(HOME, new EstateSpec(3, 1, 1, 1, 0));
        simulator = AwsSimulator.start("127.0.0.1", 0, estate, 16);
    }

    @AfterEach
    void stop() throws SQLException {
        replicas.values().forEach(Monitor::close);
        if (simulator != null) {
            simulator.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void stoppingTheReplicaThatHoldsATriggerNeverDelaysItsPollByMoreThanAnInterval() throws Exception {
        // given two replicas polling
        startReplica();
        startReplica();
        await().atMost(30, TimeUnit.SECONDS).until(() -> simulator.calls().count(Operation.GLUE_DESCRIBE_INTEGRATIONS) >= 2);

        List<Long> delaysMs = new ArrayList<>();
        int leftNothing = 0;
        for (int i = 0; i < RESTARTS; i++) {
            // when the replica that has acquired the Glue trigger (and waits to fire it) gets SIGTERM
            AtomicReference<String> holder = new AtomicReference<>();
            await().atMost(20, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(10))
                    .until(() -> acquiredBy(GLUE_TRIGGER).map(h -> { holder.set(h); return true; }).orElse(false));
            Monitor stopping = replicas.remove(holder.get());
            long pollsBefore = simulator.calls().count(Operation.GLUE_DESCRIBE_INTEGRATIONS);
            long stoppedAt = System.nanoTime();
            CompletableFuture<Void> shutdown = CompletableFuture.runAsync(stopping::close);

            // then the next Glue poll comes from the other replica within an interval and 2 s
            await().atMost(INTERVAL.plusSeconds(20)).pollInterval(Duration.ofMillis(10))
                    .until(() -> simulator.calls().count(Operation.GLUE_DESCRIBE_INTEGRATIONS) > pollsBefore);
            long delay = TimeUnit.NANOSECONDS.toMillis(simulator.calls().lastCallNanos().orElseThrow() - stoppedAt);
            delaysMs.add(delay);
            shutdown.get(30, TimeUnit.SECONDS);
            leftNothing += countAcquiredBy(holder.get()) == 0 ? 1 : 0;
            log.info("restart {}: stopped {} holding the Glue trigger; next Glue poll {} ms later", i + 1, holder.get(), delay);

            // and a fresh replica takes the stopped one's place
            startReplica();
        }

        List<Long> sorted = delaysMs.stream().sorted().toList();
        int mid = sorted.size() / 2;
        double median = sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2.0;
        log.info("next Glue poll after stopping the trigger holder, ms: min {} median {} max {} (all: {})",
                sorted.get(0), median, sorted.get(sorted.size() - 1), delaysMs);
        assertThat(leftNothing).as("stopped replicas left nothing acquired").isEqualTo(RESTARTS);
        assertThat(delaysMs).as("ms from SIGTERM of the trigger holder to the next Glue poll")
                .allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(INTERVAL.plusSeconds(2).toMillis()));
    }

    private void startReplica() {
        String name = "replica-" + (++started);
        Monitor monitor = Monitor.create(config(name), new Monitor.Environment(Clock.systemUTC(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDROLLING00000", "secret")), true, false));
        replicas.put(name, monitor);
        monitor.startScheduling();
    }

    private MonitorConfig config(String instanceId) {
        String endpoint = simulator.endpoint().toString();
        String yaml = """
                aws:
                  region: us-east-1
                  endpoints: {glue: "%1$s", appintegrations: "%1$s", sns: "%1$s", sts: "%1$s", rds: "%1$s", redshift: "%1$s", cloudwatch: "%1$s"}
                sources:
                  glue_integrations: {interval: %5$ds}
                  glue_inbound_integrations: {interval: %5$ds}
                  appintegrations: {interval: %5$ds}
                  rds_integrations: {interval: %5$ds}
                  redshift_integrations: {interval: %5$ds}
                  redshift_inbound_integrations: {interval: %5$ds}
                http: {bind_address: 127.0.0.1, port: 0}
                cluster:
                  enabled: true
                  jdbc_url: "%2$s"
                  username: "%3$s"
                  password: "%4$s"
                  checkin_interval: 1s
                  instance_id: %6$s
                """.formatted(endpoint, schema.jdbcUrl(), schema.user(), schema.password(), INTERVAL.toSeconds(),
                instanceId);
        return ConfigLoader.parse(yaml, "rolling restart test");
    }

    /** The replica whose scheduler has acquired the trigger and not fired it yet. */
    private Optional<String> acquiredBy(String trigger) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT instance_name FROM qrtz_fired_triggers WHERE trigger_name = ? AND state = 'ACQUIRED'")) {
            s.setString(1, trigger);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private long countAcquiredBy(String instance) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM qrtz_fired_triggers WHERE instance_name = ?")) {
            s.setString(1, instance);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(schema.jdbcUrl(), schema.user(), schema.password());
    }
}
