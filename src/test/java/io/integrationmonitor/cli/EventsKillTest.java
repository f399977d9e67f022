package io.integrationmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.integrationmonitor.simulator.AwsSimulator;
import io.integrationmonitor.simulator.Estate;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.Operation;
import io.integrationmonitor.simulator.Partition;
import io.integrationmonitor.simulator.SimError;
import io.integrationmonitor.simulator.SimIntegration;
import io.integrationmonitor.simulator.SqsQueues;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message is deleted only after what it caused is committed: the monitor, a child JVM, is killed with SIGKILL
 * while the targeted poll an event asked for hangs (between receive and commit); started again, it processes the
 * event, and Slack hears of the failure once.
 */
class EventsKillTest {
    private static final Pattern LISTENING = Pattern.compile("HTTP server listening on [^:]+:(\\d+)");
    private static final Partition HOME = new Partition("123456789012", "us-east-1");
    private static final String QUEUE = "integration-events";

    @TempDir
    Path dir;
    private AwsSimulator simulator;
    private HttpServer slack;
    private final List<String> slackMessages = new CopyOnWriteArrayList<>();
    private Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        Estate estate = new Estate();
        estate.populate(HOME, new EstateSpec(2, 0, 0, 0, 0));
        simulator = AwsSimulator.start("127.0.0.1", 0, estate, 16);
        simulator.sqs().createQueue(HOME, QUEUE);
        // a message left undeleted comes back two seconds after its receive
        simulator.sqs().setVisibilityTimeout(HOME, QUEUE, Duration.ofSeconds(2));
        slack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slack.createContext("/hook", exchange -> {
            slackMessages.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        slack.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        slack.stop(0);
        simulator.close();
    }

    @Test
    void anEventWhoseHandlingWasKilledBeforeItsCommitIsProcessedAfterTheRestartOnce() throws Exception {
        // given a running monitor past its first polls, whose targeted describes now hang
        Path config = config();
        awaitReady(startAndAwaitPort(config));
        SimIntegration orders = simulator.estate().integrations(HOME).get(0);
        simulator.faults().addLatency(Operation.GLUE_DESCRIBE_INTEGRATIONS, HOME.account(), Duration.ofSeconds(30));
        long describesBefore = simulator.calls().count(Operation.GLUE_DESCRIBE_INTEGRATIONS);

        // when the integration fails, its event is received, and the monitor is killed while polling for it
        simulator.estate().setIntegrationStatus(orders.arn(), "FAILED", List.of(new SimError("E1", "broken")));
        simulator.sqs().publishEvent(HOME, QUEUE, """
                {"version":"0","id":"%s","detail-type":"AWS Glue Zero ETL Integration Failed",\
                "source":"aws.glue-zero-etl","account":"123456789012","time":"%s","region":"us-east-1",\
                "resources":["%s"],"detail":{}}""".formatted("0f2c1a8e-0000-4000-8000-00000000dead", Instant.now(),
                orders.arn()));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> simulator.calls().count(Operation.GLUE_DESCRIBE_INTEGRATIONS) > describesBefore);
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        // then the message is still there (received once, not deleted), and nothing was sent
        List<SqsQueues.QueuedMessage> left = simulator.sqs().messages(HOME, QUEUE);
        assertThat(left).singleElement().satisfies(m -> assertThat(m.receiveCount()).isEqualTo(1));
        assertThat(firing(orders.name())).isZero();

        // when the monitor starts again with AWS answering
        simulator.faults().clear();
        output.clear();
        int port = startAndAwaitPort(config);
        awaitReady(port);

        // then the event is processed (received again, deleted) and the failure reaches Slack once
        await().atMost(Duration.ofSeconds(30)).until(() -> simulator.sqs().messages(HOME, QUEUE).isEmpty());
        await().atMost(Duration.ofSeconds(20)).until(() -> firing(orders.name()) == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> firing(orders.name()) == 1);
        String metrics = get(port, "/metrics");
        assertThat(metrics).contains("integration_monitor_event_messages_deleted_total{queue=\"" + QUEUE + "\"} 1.0");
    }

    private Path config() throws IOException {
        String endpoint = simulator.endpoint().toString();
        return Files.writeString(dir.resolve("config.yaml"), """
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
                state: {data_dir: "%2$s"}
                logging: {format: text}
                alerting:
                  receivers: [{name: slack, slack: {webhook_url: "http://127.0.0.1:%3$d/hook"}}]
                  default_receivers: [slack]
                events:
                  enabled: true
                  wait_time: 1s
                  queues: [{url: "%1$s/123456789012/%4$s", region: us-east-1}]
                """.formatted(endpoint, dir.resolve("data").toString().replace("\\", "/"), slack.getAddress().getPort(),
                QUEUE));
    }

    private int startAndAwaitPort(Path config) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=logback.xml", Main.class.getName(), "run", "--config", config.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.redirectErrorStream(true);
        process = pb.start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Instant deadline = Instant.now().plusSeconds(60);
        String line;
        while (Instant.now().isBefore(deadline) && (line = reader.readLine()) != null) {
            output.add(line);
            Matcher m = LISTENING.matcher(line.replace("\\\"", "\""));
            if (m.find()) {
                Thread pump = new Thread(() -> reader.lines().forEach(output::add), "child-output");
                pump.setDaemon(true);
                pump.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("the monitor never said where it listens:\n" + String.join("\n", output));
    }

    private long firing(String name) {
        return slackMessages.stream().filter(m -> m.contains("[FIRING]") && m.contains(name)).count();
    }

    private static String get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void awaitReady(int port) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                .timeout(Duration.ofSeconds(5)).build();
        await("ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }
}
