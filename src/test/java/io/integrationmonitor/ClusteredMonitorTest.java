package io.integrationmonitor;

import com.sun.net.httpserver.HttpServer;
import io.integrationmonitor.config.ConfigLoader;
import io.integrationmonitor.config.MonitorConfig;
import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.simulator.AwsSimulator;
import io.integrationmonitor.simulator.Estate;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.Partition;
import io.integrationmonitor.simulator.SimError;
import io.integrationmonitor.simulator.SimIntegration;
import io.integrationmonitor.state.PostgresTestSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two complete replicas on one PostgreSQL schema, polling the simulator through the real SDK: each serves
 * the whole estate, each change is detected and alerted exactly once, and polling goes on when one replica stops.
 */
class ClusteredMonitorTest {
    private static final Partition HOME = new Partition("123456789012", "us-east-1");

    private PostgresTestSchema schema;
    private AwsSimulator simulator;
    private HttpServer slack;
    private final List<String> slackMessages = new CopyOnWriteArrayList<>();
    private Monitor a;
    private Monitor b;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        schema = PostgresTestSchema.createOrSkip();
        Estate estate = new Estate();
        estate.populate(HOME, new EstateSpec(6, 2, 1, 2, 2));
        simulator = AwsSimulator.start("127.0.0.1", 0, estate, 16);
        slack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slack.createContext("/hook", exchange -> {
            slackMessages.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        slack.start();
        a = replica();
        b = replica();
        a.startScheduling();
        b.startScheduling();
    }

    @AfterEach
    void stop() throws Exception {
        for (Monitor m : new Monitor[] {a, b}) {
            if (m != null) {
                m.close();
            }
        }
        if (slack != null) {
            slack.stop(0);
        }
        if (simulator != null) {
            simulator.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void replicas_share_the_work_serve_the_whole_estate_and_alert_each_change_once() {
        awaitTrue("both replicas ready and serving every integration", Duration.ofSeconds(60),
                () -> servesAllIntegrations(a) && servesAllIntegrations(b));

        SimIntegration first = simulator.estate().integrations(HOME).get(0);
        simulator.estate().setIntegrationStatus(first.arn(), "FAILED", List.of(new SimError("E1", "first failure")));
        awaitTrue("the failure of " + first.name() + " alerted", Duration.ofSeconds(30), () -> firing(first.name()) >= 1);

        a.close();
        a = null;
        SimIntegration second = simulator.estate().integrations(HOME).get(1);
        simulator.estate().setIntegrationStatus(second.arn(), "FAILED", List.of(new SimError("E2", "during failover")));
        awaitTrue("the failure of " + second.name() + " alerted by the surviving replica", Duration.ofSeconds(45),
                () -> firing(second.name()) >= 1);
        // A few more poll cycles: nothing may be detected or sent twice.
        await("no alert sent twice over a few more poll cycles").during(Duration.ofSeconds(4))
                .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> firing(first.name()) == 1 && firing(second.name()) == 1);

        List<ResourceEvent> events = b.store().eventsSince(Instant.EPOCH, 10_000);
        assertThat(events).filteredOn(e -> e.type() == EventType.ENTERED_FAILED)
                .extracting(e -> e.resource().name()).containsExactlyInAnyOrder(first.name(), second.name());
        assertThat(events).filteredOn(e -> e.type() == EventType.DISCOVERED)
                .extracting(e -> e.attribute(ResourceEvent.Attributes.COUNT)).containsExactlyInAnyOrder("6", "2", "2");
        assertThat(firing(first.name())).isEqualTo(1);
        assertThat(firing(second.name())).isEqualTo(1);
    }

    private Monitor replica() {
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
                alerting:
                  resend_delay: 1s
                  receivers: [{name: slack, slack: {webhook_url: "http://127.0.0.1:%5$d/hook"}}]
                  default_receivers: [slack]
                """.formatted(endpoint, schema.jdbcUrl(), schema.user(), schema.password(), slack.getAddress().getPort());
        MonitorConfig config = ConfigLoader.parse(yaml, "clustered test");
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDCLUSTER00000", "secret"));
        return Monitor.create(config, new Monitor.Environment(Clock.systemUTC(), credentials, true, false));
    }

    private long firing(String name) {
        return slackMessages.stream().filter(m -> m.contains("[FIRING]") && m.contains(name)).count();
    }

    private boolean servesAllIntegrations(Monitor m) {
        String metrics = get(m, "/metrics");
        long integrations = metrics.lines()
                .filter(l -> l.startsWith("aws_glue_integration_status{") && l.contains("status=\"ACTIVE\""))
                .count();
        return integrations == 6 && get(m, "/readyz").startsWith("ready");
    }

    private String get(Monitor m, String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + m.httpPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
        await(what).atMost(timeout).pollInterval(Duration.ofMillis(200)).until(condition::getAsBoolean);
    }
}
