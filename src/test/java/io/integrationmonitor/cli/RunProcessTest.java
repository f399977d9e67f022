package io.integrationmonitor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.simulator.AwsSimulator;
import io.integrationmonitor.simulator.Estate;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.Partition;
import io.integrationmonitor.state.Database;
import io.integrationmonitor.state.JdbcStateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The {@code run} daemon as a real child process: start-up, readiness, SIGTERM, configuration errors, JSON logs. */
class RunProcessTest {
    private static final Pattern LISTENING = Pattern.compile("HTTP server listening on [^:]+:(\\d+)");

    @TempDir
    Path dir;

    private AwsSimulator simulator;
    private Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private Thread pump;

    @BeforeEach
    void startSimulator() {
        Estate estate = new Estate();
        estate.populate(new Partition("123456789012", "us-east-1"), new EstateSpec(3, 1, 1, 2, 2));
        simulator = AwsSimulator.start("127.0.0.1", 0, estate, 8);
    }

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
        simulator.close();
    }

    @Test
    void runs_until_sigterm_then_shuts_down_cleanly_releasing_its_state() throws Exception {
        Path config = config("logging: {format: text}\n");

        int port = startAndAwaitPort(config);
        awaitReady(port);
        process.toHandle().destroy(); // SIGTERM, keeping our end of its output open
        boolean exited = process.waitFor(40, TimeUnit.SECONDS);
        pump.join(10_000);

        assertThat(exited).as("exited after SIGTERM").isTrue();
        assertThat(process.exitValue()).as("exit code after SIGTERM").isEqualTo(143);
        assertThat(String.join("\n", output)).contains("shutting down").doesNotContain("Exception");
        // The database lock is released and the state was kept.
        try (Database db = Database.embedded(dir.resolve("data")); JdbcStateStore store = new JdbcStateStore(db)) {
            assertThat(store.allResources()).hasSize(3 + 1 + 2);
        }
    }

    @Test
    void json_logging_writes_one_object_per_line() throws Exception {
        Path config = config("logging: {format: json}\n");

        int port = startAndAwaitPort(config);
        awaitReady(port);
        process.toHandle().destroy();
        process.waitFor(40, TimeUnit.SECONDS);
        pump.join(10_000);

        List<String> logLines = output.stream().filter(l -> l.startsWith("{")).toList();
        assertThat(logLines).isNotEmpty();
        ObjectMapper json = new ObjectMapper();
        for (String line : logLines) {
            JsonNode node = json.readTree(line);
            assertThat(node.has("level")).as(line).isTrue();
            assertThat(node.has("formattedMessage") || node.has("message")).as(line).isTrue();
        }
        assertThat(output).filteredOn(l -> !l.startsWith("{") && !l.isBlank()).isEmpty();
    }

    @Test
    void a_bad_config_exits_non_zero_before_anything_starts() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.yaml"), """
                http: {port: 70000}
                sources: {glue_integrations: {interval: 5 minutes}}
                state: {data_dir: "%s"}
                """.formatted(dir.resolve("data")));

        process = start(config);
        boolean exited = process.waitFor(30, TimeUnit.SECONDS);
        drain();

        assertThat(exited).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(String.join("\n", output))
                .contains("http.port", "sources.glue_integrations.interval")
                .doesNotContain("Exception");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void warns_once_at_start_when_the_jvm_would_survive_an_out_of_memory_error() throws Exception {
        Path config = config("logging: {format: text}\n");

        // without the flag: one WARN
        startAndAwaitPort(config);
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        pump.join(10_000);
        assertThat(output).filteredOn(l -> l.contains("WARN") && l.contains("-XX:+ExitOnOutOfMemoryError"))
                .hasSize(1);

        // with it: none
        output.clear();
        startAndAwaitPort(config, "-XX:+ExitOnOutOfMemoryError");
        assertThat(output).noneMatch(l -> l.contains("ExitOnOutOfMemoryError"));
    }

    private Path config(String extra) throws IOException {
        String endpoint = simulator.endpoint().toString();
        return Files.writeString(dir.resolve("config.yaml"), """
                aws:
                  region: us-east-1
                  endpoints: {glue: "%1$s", appintegrations: "%1$s", sns: "%1$s", sts: "%1$s", rds: "%1$s", redshift: "%1$s", cloudwatch: "%1$s"}
                sources:
                  glue_integrations: {interval: 2s}
                  glue_inbound_integrations: {interval: 2s}
                  appintegrations: {interval: 2s}
                  rds_integrations: {interval: 2s}
                  redshift_integrations: {interval: 2s}
                  redshift_inbound_integrations: {interval: 2s}
                http: {bind_address: 127.0.0.1, port: 0}
                state: {data_dir: "%2$s"}
                """.formatted(endpoint, dir.resolve("data")) + extra);
    }

    private Process start(Path config, String... jvmOptions) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=logback.xml", Main.class.getName(), "run", "--config", config.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        // Only the options given here: no JVM flags from the environment of the build.
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.redirectErrorStream(true);
        return pb.start();
    }

    private int startAndAwaitPort(Path config, String... jvmOptions) throws Exception {
        process = start(config, jvmOptions);
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Instant deadline = Instant.now().plusSeconds(60);
        String line;
        while (Instant.now().isBefore(deadline) && (line = reader.readLine()) != null) {
            output.add(line);
            Matcher m = LISTENING.matcher(line.replace("\\\"", "\""));
            if (m.find()) {
                pump = new Thread(() -> reader.lines().forEach(output::add), "child-output");
                pump.setDaemon(true);
                pump.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("the monitor never said where it listens:\n" + String.join("\n", output));
    }

    private void drain() throws IOException {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().forEach(output::add);
        }
    }

    private static void awaitReady(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                .timeout(Duration.ofSeconds(5)).build();
        await("ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }
}
