package io.integrationmonitor.deploy;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image's HEALTHCHECK probe ({@code deploy/docker/HealthCheck.java}, compiled here as the Dockerfile does)
 * probes the port the monitor was configured with, not a fixed 9108: from {@code MONITOR_HTTP_PORT}, from the
 * {@code --config} file or {@code demo --port} on the main process's command line. A child JVM per probe, with
 * a stand-in for {@code /proc/1/cmdline}, against a real loopback server.
 */
class HealthCheckTest {
    @TempDir
    Path dir;

    private HttpServer monitor;
    private int port;

    @BeforeEach
    void compileAndServe() throws IOException {
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "--release", "17", "-d", dir.resolve("classes").toString(), "deploy/docker/HealthCheck.java");
        assertThat(rc).as("javac deploy/docker/HealthCheck.java").isZero();
        monitor = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        monitor.createContext("/", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/healthz") ? 200 : 404, -1);
            }
        });
        monitor.start();
        port = monitor.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        monitor.stop(0);
    }

    @Test
    void the_port_comes_from_the_config_file_of_run() throws Exception {
        Path config = Files.writeString(dir.resolve("config.yaml"), """
                # the monitor's configuration
                aws:
                  region: us-east-1
                http:
                  bind_address: 0.0.0.0   # every interface
                  port: %d
                state: {data_dir: /var/lib/integration-monitor/data}
                """.formatted(port));

        assertThat(probe(Map.of(), "java", "-jar", "im.jar", "run", "--config", config.toString())).isZero();
        assertThat(probe(Map.of(), "java", "-jar", "im.jar", "run", "-c", config.toString())).isZero();
    }

    @Test
    void flow_style_and_environment_references_are_understood() throws Exception {
        Path config = Files.writeString(dir.resolve("config.yaml"),
                "http: {bind_address: \"127.0.0.1\", port: ${MONITOR_PORT_UNDER_TEST:-1}}\n");

        assertThat(probe(Map.of("MONITOR_PORT_UNDER_TEST", String.valueOf(port)), "java", "-jar", "im.jar", "run",
                "--config=" + config)).isZero();
    }

    @Test
    void the_port_comes_from_demo_port_or_the_environment() throws Exception {
        assertThat(probe(Map.of(), "java", "-jar", "im.jar", "demo", "--bind", "127.0.0.1", "--port",
                String.valueOf(port))).isZero();
        assertThat(probe(Map.of("MONITOR_HTTP_PORT", String.valueOf(port)))).isZero();
    }

    @Test
    void a_configured_port_where_nothing_answers_is_unhealthy() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        Path config = Files.writeString(dir.resolve("config.yaml"), "http:\n  port: %d\n".formatted(closed));

        assertThat(probe(Map.of(), "java", "-jar", "im.jar", "run", "--config", config.toString())).isEqualTo(1);
        assertThat(probe(Map.of(), "java", "-jar", "im.jar", "demo", "--port", String.valueOf(closed))).isEqualTo(1);
    }

    /** Runs the probe with this environment and this command line as PID 1's; returns its exit code. */
    private int probe(Map<String, String> env, String... mainProcess) throws Exception {
        Path cmdline = Files.writeString(dir.resolve("cmdline"), String.join("\0", mainProcess) + "\0",
                StandardCharsets.UTF_8);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx16m", "-Dhealthcheck.cmdline=" + cmdline,
                "-cp", dir.resolve("classes").toString(), "HealthCheck"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("probe.log").toFile());
        pb.environment().remove("MONITOR_HTTP_PORT");
        pb.environment().putAll(env);
        Process process = pb.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("probe finished").isTrue();
        return process.exitValue();
    }
}
