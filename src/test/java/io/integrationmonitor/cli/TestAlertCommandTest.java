package io.integrationmonitor.cli;

import com.sun.net.httpserver.HttpServer;
import io.integrationmonitor.aws.AwsClientFactory;
import io.integrationmonitor.simulator.AwsSimulator;
import io.integrationmonitor.simulator.Operation;
import io.integrationmonitor.simulator.PublishedMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code test-alert} end to end: an SNS receiver against the embedded simulator, a webhook against a local server. */
class TestAlertCommandTest {
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:alerts";
    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIATESTALERT0000001", "test-alert-secret"));

    @TempDir
    Path dir;

    private AwsSimulator simulator;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startSimulator() {
        simulator = AwsSimulator.start(0);
        simulator.sns().requireExistingTopics(true);
        simulator.sns().createTopic(TOPIC);
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @Test
    void anSnsReceiverPublishesTheSampleThroughTheConfiguredEndpoint() throws Exception {
        // given a configuration whose SNS endpoint is the simulator (nothing else points the SDK there)
        Path config = config("""
                aws:
                  endpoints: {sns: "%s"}
                alerting:
                  receivers:
                    - {name: pager, sns: {topic_arn: "%s", subject_prefix: "[test]"}}
                """.formatted(simulator.endpoint(), TOPIC));

        // when
        int exit = testAlert("--receiver", "pager", "--config", config.toString());

        // then the simulator got the sample on the topic, and the command says so
        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.TestAlert.ACCEPTED);
        assertThat(simulator.sns().messages()).singleElement().satisfies(m -> {
            assertThat(m.topicArn()).isEqualTo(TOPIC);
            assertThat(m.subject()).startsWith("[test] [FIRING] integration-monitor-test");
            assertThat(m.message()).contains("this is a test notification from integration-monitor test-alert");
        });
        assertThat(out.toString()).contains("receiver pager (sns) accepted the test alert");
    }

    @Test
    void theConfiguredRetriesApply() throws Exception {
        // given Publish fails three times, and the configuration allows four attempts (the SDK's default is three)
        simulator.faults().failNext(Operation.SNS_PUBLISH, 3);
        Path config = config("""
                aws:
                  endpoints: {sns: "%s"}
                  retry: {max_attempts: 4}
                alerting:
                  receivers:
                    - {name: pager, sns: {topic_arn: "%s"}}
                """.formatted(simulator.endpoint(), TOPIC));

        // when
        int exit = testAlert("--receiver", "pager", "--config", config.toString());

        // then the fourth attempt got through
        assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCodes.TestAlert.ACCEPTED);
        assertThat(simulator.calls().count(Operation.SNS_PUBLISH)).isEqualTo(4);
        assertThat(simulator.sns().messages()).hasSize(1);
    }

    @Test
    void aRejectedSampleExitsOneAndSaysWhyWithoutTheEndpoint() throws Exception {
        // given a topic that does not exist
        Path config = config("""
                aws:
                  endpoints: {sns: "%s"}
                alerting:
                  receivers:
                    - {name: pager, sns: {topic_arn: "arn:aws:sns:us-east-1:123456789012:deleted"}}
                """.formatted(simulator.endpoint()));

        // when
        int exit = testAlert("--receiver", "pager", "--config", config.toString());

        // then
        assertThat(exit).isEqualTo(ExitCodes.TestAlert.REJECTED);
        assertThat(out.toString()).contains("receiver pager (sns) failed: SNS 404 NotFound")
                .doesNotContain("127.0.0.1");
        assertThat(simulator.sns().messages()).isEmpty();
    }

    @Test
    void anUnknownReceiverOrAnInvalidFileIsAConfigurationProblem() throws Exception {
        // given
        Path config = config("""
                alerting:
                  receivers:
                    - {name: pager, sns: {topic_arn: "%s"}}
                """.formatted(TOPIC));
        Path invalid = config("alerting: {receivers: [{name: pager, sns: {topic_arnn: x}}]}\n");

        // when / then
        assertThat(testAlert("--receiver", "nope", "--config", config.toString()))
                .isEqualTo(ExitCodes.TestAlert.BAD_CONFIG);
        assertThat(err.toString()).contains("no receiver named 'nope'; configured: [pager]");
        assertThat(testAlert("--receiver", "pager", "--config", invalid.toString()))
                .isEqualTo(ExitCodes.TestAlert.BAD_CONFIG);
        assertThat(err.toString()).contains("invalid configuration", "topic_arnn");
        assertThat(simulator.calls().count(Operation.SNS_PUBLISH)).isZero();
    }

    @Test
    void aWebhookThroughTheCommandTreeReportsAcceptedAndRejectedByExitCode() throws Exception {
        // given a webhook that accepts, then answers 500
        AtomicInteger status = new AtomicInteger(200);
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hook.createContext("/hook", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(status.get(), -1);
            }
        });
        hook.start();
        try {
            Path config = config("""
                    alerting:
                      receivers:
                        - {name: hook, webhook: {url: "http://127.0.0.1:%d/hook"}}
                    """.formatted(hook.getAddress().getPort()));
            CommandLine cli = Main.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));

            // when / then
            assertThat(cli.execute("test-alert", "--receiver", "hook", "--config", config.toString()))
                    .as(err.toString()).isEqualTo(ExitCodes.TestAlert.ACCEPTED);
            assertThat(bodies).singleElement().asString().contains("integration-monitor-test");
            assertThat(out.toString()).contains("receiver hook (webhook) accepted the test alert");

            status.set(500);
            assertThat(cli.execute("test-alert", "--receiver", "hook", "--config", config.toString()))
                    .isEqualTo(ExitCodes.TestAlert.REJECTED);
            assertThat(out.toString()).contains("receiver hook (webhook) failed: HTTP 500").doesNotContain("127.0.0.1");
        } finally {
            hook.stop(0);
        }
    }

    @Test
    void a_refusing_slack_prints_its_status_and_answer_but_never_the_secret_part_of_the_url() throws Exception {
        // given a Slack stand-in answering 404 no_service, as Slack does for a revoked webhook
        String secretPath = "/services/T0SECRET/B0SECRET/xoxSECRETTOKEN";
        HttpServer slack = answering404(requestUri -> "no_service");
        try {
            Path config = config("""
                    alerting:
                      receivers:
                        - {name: team, slack: {webhook_url: "http://127.0.0.1:%d%s?token=QUERYSECRET"}}
                    """.formatted(slack.getAddress().getPort(), secretPath));

            // when
            int exit = execute("test-alert", "-c", config.toString(), "--receiver", "team");

            // then
            assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.TestAlert.REJECTED);
            assertThat(out.toString().strip()).isEqualTo("receiver team (slack) failed: HTTP 404: no_service");
            assertThat(out + err.toString()).doesNotContain("SECRET");
        } finally {
            slack.stop(0);
        }
    }

    @Test
    void an_answer_that_echoes_the_url_is_shown_without_it_inert_and_cut() throws Exception {
        // given a proxy that quotes the request line back (and far too much of it, with a control character)
        HttpServer proxy = answering404(requestUri -> "not found: " + requestUri + "\u001b[31m " + "x".repeat(100_000));
        try {
            Path config = config("""
                    alerting:
                      receivers:
                        - {name: hook, webhook: {url: "http://127.0.0.1:%d/hooks/SECRET-path?key=SECRET-query"}}
                    """.formatted(proxy.getAddress().getPort()));

            // when
            int exit = execute("test-alert", "--config", config.toString(), "--receiver", "hook");

            // then
            assertThat(exit).isEqualTo(ExitCodes.TestAlert.REJECTED);
            String line = out.toString().strip();
            assertThat(line).startsWith("receiver hook (webhook) failed: HTTP 404: not found: [redacted]?[redacted]"
                    + "\\u001B[31m xxx").endsWith("x…").doesNotContain("SECRET", "\u001b");
            assertThat(line.length()).isLessThan(600);
        } finally {
            proxy.stop(0);
        }
    }

    @Test
    void an_unreachable_receiver_names_host_and_port_but_not_the_path() throws Exception {
        // given a port nothing listens on
        int closed;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        Path config = config("""
                alerting:
                  receivers:
                    - {name: team, slack: {webhook_url: "http://127.0.0.1:%d/services/T0/B0/SECRET-token"}}
                """.formatted(closed));

        // when
        int exit = execute("test-alert", "-c", config.toString(), "--receiver", "team");

        // then
        assertThat(exit).isEqualTo(ExitCodes.TestAlert.REJECTED);
        assertThat(out.toString().strip())
                .isEqualTo("receiver team (slack) failed: I/O error: ConnectException (127.0.0.1:" + closed + ")");
        assertThat(out + err.toString()).doesNotContain("SECRET", "/services");
    }

    /** A receiver stand-in on loopback that answers every POST with 404 and this body. */
    private static HttpServer answering404(java.util.function.Function<java.net.URI, String> body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
                byte[] answer = body.apply(exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(404, answer.length);
                exchange.getResponseBody().write(answer);
            } catch (IOException clientStoppedReading) {
                // expected for a long answer: the monitor reads only its head
            }
        });
        server.start();
        return server;
    }

    private int execute(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** Through the command with explicit credentials (the simulator checks no signature). */
    private int testAlert(String... args) {
        CommandLine cli = new CommandLine(new TestAlertCommand(
                aws -> new AwsClientFactory(aws, new SimpleMeterRegistry(), CREDENTIALS), Clock.systemUTC()));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path config(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "monitor", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
