package io.integrationmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.integrationmonitor.config.ConfigLoader;
import io.integrationmonitor.config.MonitorConfig;
import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.simulator.AwsSimulator;
import io.integrationmonitor.simulator.Estate;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.Partition;
import io.integrationmonitor.simulator.SimError;
import io.integrationmonitor.simulator.SimIntegration;
import io.integrationmonitor.state.PostgresTestSchema;
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
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Two replicas on one PostgreSQL schema consuming one queue as competing consumers: each event, however often
 * EventBridge delivers it and whichever replica receives each copy, is alerted once.
 */
class EventsClusteredTest {
    private static final Partition HOME = new Partition("123456789012", "us-east-1");
    private static final String QUEUE = "integration-events";

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
        estate.populate(HOME, new EstateSpec(3, 0, 0, 0, 0));
        simulator = AwsSimulator.start("127.0.0.1", 0, estate, 16);
        simulator.sqs().createQueue(HOME, QUEUE);
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
    void twoReplicasConsumingOneQueueAlertEachEventOnce() {
        // given both replicas ready (an hourly schedule: the first polls only)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> ready(a) && ready(b));
        SimIntegration orders = simulator.estate().integrations(HOME).get(0);

        // when it fails, and its event and a table failure are each delivered four times, in one burst
        simulator.estate().setIntegrationStatus(orders.arn(), "FAILED", List.of(new SimError("E1", "broken")));
        String failed = AwsEventJson.glueIntegration(UUID.randomUUID().toString(), "Failed", orders.arn(),
                Instant.now());
        String table = AwsEventJson.glueTableFailed(UUID.randomUUID().toString(), orders.arn(), "customers", "client_error",
                "no such database", Instant.now());
        for (int i = 0; i < 4; i++) {
            simulator.sqs().publishEvent(HOME, QUEUE, failed);
            simulator.sqs().publishEvent(HOME, QUEUE, table);
        }

        // then every copy is consumed (by one replica or the other), and each alert reaches Slack once
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> simulator.sqs().messages(HOME, QUEUE).isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> firing(orders.name() + " FAILED") == 1
                && firing("customers") == 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(8))
                .until(() -> firing(orders.name() + " FAILED") == 1 && firing("customers") == 1);
        assertThat(a.store().eventsSince(Instant.EPOCH, 1000)).filteredOn(e -> e.resource() != null
                        && e.resource().arn().equals(orders.arn()) && e.types().contains(EventType.ENTERED_FAILED))
                .hasSize(1);
        assertThat(deleted(a) + deleted(b)).isEqualTo(8.0);
    }

    private Monitor replica() {
        String endpoint = simulator.endpoint().toString();
        String yaml = """
                aws:
                  region: us-east-1
                  endpoints: {glue: "%1$s", appintegrations: "%1$s", sns: "%1$s", sts: "%1$s", rds: "%1$s", redshift: "%1$s", sqs: "%1$s", cloudwatch: "%1$s"}
                sources:
                  glue_integrations: {interval: 1h}
                  glue_inbound_integrations: {interval: 1h}
                  appintegrations: {interval: 1h}
                  rds_integrations: {interval: 1h}
                  redshift_integrations: {interval: 1h}
                  redshift_inbound_integrations: {interval: 1h}
                http: {bind_address: 127.0.0.1, port: 0}
                cluster:
                  enabled: true
                  jdbc_url: "%2$s"
                  username: "%3$s"
                  password: "%4$s"
                  checkin_interval: 1s
                alerting:
                  receivers: [{name: slack, slack: {webhook_url: "http://127.0.0.1:%5$d/hook"}}]
                  default_receivers: [slack]
                events:
                  enabled: true
                  wait_time: 1s
                  max_messages: 2
                  queues: [{url: "%1$s/123456789012/%6$s", region: us-east-1}]
                """.formatted(endpoint, schema.jdbcUrl(), schema.user(), schema.password(), slack.getAddress().getPort(),
                QUEUE);
        MonitorConfig config = ConfigLoader.parse(yaml, "clustered events test");
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDCLUSTER00000", "secret"));
        return Monitor.create(config, new Monitor.Environment(Clock.systemUTC(), credentials, true, false));
    }

    private long firing(String fragment) {
        return slackMessages.stream().filter(m -> m.contains("[FIRING]") && m.contains(fragment)).count();
    }

    private double deleted(Monitor m) {
        return get(m, "/metrics").lines().filter(l -> l.startsWith("integration_monitor_event_messages_deleted_total{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private boolean ready(Monitor m) {
        return get(m, "/readyz").startsWith("ready");
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
}
