package io.integrationmonitor;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.integrationmonitor.config.ConfigLoader;
import io.integrationmonitor.config.MonitorConfig;
import io.integrationmonitor.simulator.AwsSimulator;
import io.integrationmonitor.simulator.Estate;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.Partition;
import io.integrationmonitor.state.Outage;
import io.integrationmonitor.state.PostgresTestSchema;
import io.integrationmonitor.state.TargetHealth;
import io.integrationmonitor.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL becomes unreachable under a clustered replica (a proxy in between is cut; the shared server
 * keeps running) and comes back: the API and the status page answer 503 at once from the last known state,
 * each component logs the outage once, without stack traces, and polling resumes.
 */
class DatabaseOutageTest {
    private static final Partition HOME = new Partition("123456789012", "us-east-1");
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(2);
    private static final List<String> COMPONENTS = List.of("database pool integration-monitor",
            "database pool integration-monitor-reads", "poll scheduler (Quartz)");

    private PostgresTestSchema schema;
    private AwsSimulator simulator;
    private TcpProxy proxy;
    private Monitor monitor;
    private LogCapture logged;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws IOException {
        schema = PostgresTestSchema.createOrSkip();
        Estate estate = new Estate();
        estate.populate(HOME, new EstateSpec(4, 1, 1, 1, 0));
        simulator = AwsSimulator.start("127.0.0.1", 0, estate, 16);
        URI pg = URI.create(schema.jdbcUrl().substring("jdbc:".length()));
        proxy = new TcpProxy(pg.getPort() == -1 ? 5432 : pg.getPort());
        String viaProxy = schema.jdbcUrl().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/");
        monitor = Monitor.create(config(viaProxy), new Monitor.Environment(Clock.systemUTC(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDOUTAGE000000", "secret")), true, false));
        monitor.startScheduling();
    }

    @AfterEach
    void stop() throws IOException, SQLException {
        if (logged != null) {
            logged.close();
        }
        if (monitor != null) {
            monitor.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (simulator != null) {
            simulator.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void anOutageIsAnswered503AtOnceLoggedOncePerComponentAndRecoveredFrom() throws Exception {
        // given the replica serving every resource
        int resources = 4 + 1 + 1;
        await().atMost(60, TimeUnit.SECONDS).until(() -> get("/api/v1/resources").statusCode() == 200
                && get("/api/v1/resources").body().split("\"arn\"").length - 1 == resources);
        assertThat(get("/").statusCode()).isEqualTo(200);
        // other tests in this JVM may have raised the root level (logging config tests)
        logged = LogCapture.root().withLevel(Outage.class.getName(), Level.INFO);

        // when PostgreSQL becomes unreachable
        proxy.cut();
        Instant cutAt = Instant.now();

        // then the API and the status page answer 503 within the bound, from the last known state
        List<Long> answerMs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            HttpResponse<String> api = get("/api/v1/resources");
            answerMs.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            assertThat(api.statusCode()).isEqualTo(503);
            assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(api.headers().firstValue("X-Stale-Since")).isPresent();
            assertThat(api.body()).contains("\"error\"", "\"stale_since\"", "\"unreachable_since\"");
            assertThat(api.body().split("\"arn\"").length - 1).as("last known resources").isEqualTo(resources);

            started = System.nanoTime();
            HttpResponse<String> page = get("/");
            answerMs.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            assertThat(page.statusCode()).isEqualTo(503);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(page.body()).contains("database is unreachable", "Last known state", resources + " resources");
        }
        LoggerFactory.getLogger(DatabaseOutageTest.class).info("503 answers during the outage, ms: {}", answerMs);
        assertThat(answerMs).allSatisfy(ms -> assertThat(ms).isLessThan(ANSWER_BOUND.toMillis()));

        // and each component reports the outage (the main pool gives up on a connection after 10 s)
        await().atMost(40, TimeUnit.SECONDS).until(() -> COMPONENTS.stream().allMatch(c -> !outageLines(c, Level.WARN).isEmpty()));
        Duration outage = Duration.between(cutAt, Instant.now());

        // when it is back
        proxy.restore();
        Instant restoredAt = Instant.now();

        // then polls succeed again, the API answers 200, and each component says it is back
        await().atMost(40, TimeUnit.SECONDS).until(() -> monitor.store().targetHealth().stream()
                .map(TargetHealth::lastSuccess).allMatch(at -> at != null && at.isAfter(restoredAt)));
        await().atMost(10, TimeUnit.SECONDS).until(() -> get("/api/v1/resources").statusCode() == 200
                && get("/").statusCode() == 200);
        await().atMost(20, TimeUnit.SECONDS).until(() -> COMPONENTS.stream().allMatch(c -> !outageLines(c, Level.INFO).isEmpty()));

        List<ILoggingEvent> events = logged.events();
        Map<String, Long> warnsByLogger = events.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .collect(Collectors.groupingBy(ILoggingEvent::getLoggerName, Collectors.counting()));
        LoggerFactory.getLogger(DatabaseOutageTest.class).info("outage of {} s; WARN+ lines by logger: {}",
                outage.toSeconds(), warnsByLogger);
        for (String component : COMPONENTS) {
            assertThat(outageLines(component, Level.WARN)).as("WARN lines of %s", component).hasSize(1);
            assertThat(outageLines(component, Level.INFO)).as("INFO lines of %s", component).hasSize(1);
        }
        assertThat(events).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .as("Quartz and Hikari hold back their per-retry lines")
                .noneMatch(e -> e.getLoggerName().startsWith("org.quartz") || e.getLoggerName().startsWith("com.zaxxer")
                        || e.getLoggerName().endsWith("ReleasingJobStoreTX"));
        assertThat(events).filteredOn(e -> e.getLevel() == Level.INFO || e.getLevel() == Level.WARN)
                .as("no stack trace at INFO or WARN").allMatch(e -> e.getThrowableProxy() == null);
    }

    private List<ILoggingEvent> outageLines(String component, Level level) {
        return logged.events().stream()
                .filter(e -> e.getLoggerName().equals(Outage.class.getName()) && e.getLevel() == level
                        && e.getFormattedMessage().startsWith(component + ":"))
                .toList();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitor.httpPort() + path))
                .timeout(Duration.ofSeconds(40)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private MonitorConfig config(String jdbcUrl) {
        String endpoint = simulator.endpoint().toString();
        String yaml = """
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
                cluster:
                  enabled: true
                  jdbc_url: "%2$s"
                  username: "%3$s"
                  password: "%4$s"
                  checkin_interval: 1s
                """.formatted(endpoint, jdbcUrl, schema.user(), schema.password());
        return ConfigLoader.parse(yaml, "database outage test");
    }
}
