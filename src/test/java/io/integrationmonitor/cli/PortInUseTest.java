package io.integrationmonitor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A port that is already taken, for every command that listens: one line on standard error naming the option
 * or configuration key that sets the port, no stack trace, exit 1 (3 for {@code once} is covered by the
 * start-up failure tests). Child JVMs, so that what the user sees is what is asserted.
 */
class PortInUseTest {
    @TempDir
    Path dir;

    @Test
    void simulator_names_its_port_option() throws Exception {
        try (ServerSocket taken = taken()) {
            ChildJvm.Result result = ChildJvm.run("simulator", "--port", String.valueOf(taken.getLocalPort()));

            assertOneLine(result, "error: --port: port " + taken.getLocalPort() + " on 127.0.0.1 is already in use");
        }
    }

    @Test
    void demo_names_its_port_option_and_leaves_no_state_behind() throws Exception {
        try (ServerSocket taken = taken()) {
            ChildJvm.Result result = ChildJvm.start(List.of("-Djava.io.tmpdir=" + dir),
                    "demo", "--port", String.valueOf(taken.getLocalPort())).awaitExit();

            assertOneLine(result, "error: --port: port " + taken.getLocalPort() + " on 127.0.0.1 is already in use");
            try (var left = Files.list(dir)) {
                assertThat(left.map(Path::getFileName).map(Path::toString))
                        .noneMatch(name -> name.startsWith("integration-monitor-demo"));
            }
        }
    }

    @Test
    void demo_names_its_simulator_port_option() throws Exception {
        try (ServerSocket taken = taken()) {
            ChildJvm.Result result = ChildJvm.start(List.of("-Djava.io.tmpdir=" + dir),
                    "demo", "--port", "0", "--simulator-port", String.valueOf(taken.getLocalPort())).awaitExit();

            assertOneLine(result, "error: --simulator-port: port " + taken.getLocalPort()
                    + " on 127.0.0.1 is already in use");
        }
    }

    @Test
    void run_names_the_http_port_key() throws Exception {
        try (ServerSocket taken = taken()) {
            Path config = Files.writeString(dir.resolve("config.yaml"), """
                    aws:
                      region: us-east-1
                      endpoints: {glue: "http://127.0.0.1:1", appintegrations: "http://127.0.0.1:1", sts: "http://127.0.0.1:1"}
                    http: {bind_address: 127.0.0.1, port: %d}
                    state: {data_dir: "%s"}
                    """.formatted(taken.getLocalPort(), dir.resolve("data")));

            ChildJvm.Result result = ChildJvm.run("run", "--config", config.toString());

            assertOneLine(result, "error: http.port: port " + taken.getLocalPort() + " on 127.0.0.1 is already in use");
        }
    }

    private static ServerSocket taken() throws Exception {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    private static void assertOneLine(ChildJvm.Result result, String expected) {
        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(result.errorLines()).as(result.all()).containsExactly(expected);
        assertThat(result.all()).doesNotContain("\tat ", "Caused by");
    }
}
