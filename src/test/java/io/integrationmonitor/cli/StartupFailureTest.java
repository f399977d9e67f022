package io.integrationmonitor.cli;

import io.integrationmonitor.simulator.AwsSimulator;
import io.integrationmonitor.simulator.Estate;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.Partition;
import io.integrationmonitor.state.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up failures under real conditions: {@code run} as a child JVM exits 1 before serving, with exactly one
 * line on standard error naming the key and the cause, and no stack trace anywhere in its output.
 */
class StartupFailureTest {
    @TempDir
    Path dir;

    private AwsSimulator simulator;

    @BeforeEach
    void startSimulator() {
        Estate estate = new Estate();
        estate.populate(new Partition("123456789012", "us-east-1"), new EstateSpec(1, 1, 1, 1, 1));
        simulator = AwsSimulator.start("127.0.0.1", 0, estate, 4);
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @Test
    void a_port_in_use_names_http_port() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result result = run(config("http: {bind_address: 127.0.0.1, port: %d}\n".formatted(taken.getLocalPort())));

            result.assertOneErrorLine("error: http.port: port " + taken.getLocalPort()
                    + " on 127.0.0.1 is already in use");
        }
    }

    @Test
    void an_unreachable_database_names_the_jdbc_url() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }

        Result result = run(config(cluster("jdbc:postgresql://127.0.0.1:%d/test".formatted(closed), "postgres")));

        result.assertOneErrorLine("error: cluster.jdbc_url: cannot connect to the database server 127.0.0.1:"
                + closed + ": connection refused");
    }

    @Test
    void a_missing_role_names_the_username() throws Exception {
        Result result = run(config(cluster("jdbc:postgresql://127.0.0.1:5432/test", "no_such_role_x7")));

        result.assertOneErrorLine("error: cluster.username: role \"no_such_role_x7\" does not exist"
                + " on the database server 127.0.0.1:5432");
    }

    @Test
    void a_missing_database_names_the_jdbc_url_without_its_password() throws Exception {
        Result result = run(config(cluster(
                "jdbc:postgresql://127.0.0.1:5432/no_such_db_x7?password=SECRET-pw", "postgres")));

        result.assertOneErrorLine("error: cluster.jdbc_url: database \"no_such_db_x7\" does not exist"
                + " on the database server 127.0.0.1:5432");
        assertThat(result.all()).doesNotContain("SECRET-pw");
    }

    @Test
    void a_data_directory_locked_by_another_instance_names_the_data_dir() throws Exception {
        Path data = dir.resolve("data");
        try (Database other = Database.embedded(data)) {
            Result result = run(config(""));

            result.assertOneErrorLine("error: state.data_dir: the data directory " + data
                    + " is in use by another process (its database file is locked; is another monitor running?)");
        }
    }

    @Test
    void a_data_directory_that_cannot_be_created_names_the_data_dir() throws Exception {
        // A path below a regular file cannot be created, even by root (chmod would not stop root).
        Path file = Files.writeString(dir.resolve("file"), "not a directory");
        Path data = file.resolve("data");

        Result result = run(config("state: {data_dir: \"%s\"}\n".formatted(data)));

        result.assertOneErrorLine("error: state.data_dir: cannot create the data directory " + data
                + ": not a directory");
    }

    @Test
    void once_with_kept_state_reports_a_locked_directory_as_unknown() throws Exception {
        Path data = dir.resolve("data");
        Path config = config("");

        Result result;
        try (Database other = Database.embedded(data)) {
            result = start("once", "--keep-state", "--config", config.toString());
        }

        assertThat(result.exitCode()).as(result.all()).isEqualTo(3);
        assertThat(result.stdout()).as("no report").isBlank();
        assertThat(result.stderr().lines().filter(line -> !line.isBlank()).toList()).containsExactly(
                "error: state.data_dir: the data directory " + data
                        + " is in use by another process (its database file is locked; is another monitor running?)");
        assertThat(result.all()).doesNotContain("\tat ", "Caused by");
    }

    private String cluster(String jdbcUrl, String username) {
        return """
                cluster:
                  enabled: true
                  jdbc_url: "%s"
                  username: %s
                """.formatted(jdbcUrl, username);
    }

    private Path config(String extra) throws IOException {
        String endpoint = simulator.endpoint().toString();
        String base = """
                aws:
                  region: us-east-1
                  endpoints: {glue: "%1$s", appintegrations: "%1$s", sns: "%1$s", sts: "%1$s", rds: "%1$s", redshift: "%1$s", cloudwatch: "%1$s"}
                """.formatted(endpoint);
        if (!extra.contains("http:")) {
            base += "http: {bind_address: 127.0.0.1, port: 0}\n";
        }
        if (!extra.contains("state:")) {
            base += "state: {data_dir: \"%s\"}\n".formatted(dir.resolve("data"));
        }
        return Files.writeString(dir.resolve("config.yaml"), base + extra);
    }

    private static Result run(Path config) throws Exception {
        return start("run", "--config", config.toString());
    }

    private static Result start(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=logback.xml", Main.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        assertThat(exited).as("exited before serving").isTrue();
        return new Result(process.exitValue(), stdout.get(10, TimeUnit.SECONDS), stderr.get(10, TimeUnit.SECONDS));
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record Result(int exitCode, String stdout, String stderr) {
        String all() {
            return stdout + "\n" + stderr;
        }

        void assertOneErrorLine(String expected) {
            List<String> errorLines = stderr.lines().filter(line -> !line.isBlank()).toList();
            assertThat(exitCode).as(all()).isEqualTo(1);
            assertThat(errorLines).as(all()).containsExactly(expected);
            assertThat(all()).doesNotContain("\tat ", "Caused by", "HTTP server listening");
        }
    }
}
