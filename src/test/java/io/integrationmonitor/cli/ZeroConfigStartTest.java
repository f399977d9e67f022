package io.integrationmonitor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.simulator.AwsSimulator;
import io.integrationmonitor.simulator.Estate;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.Operation;
import io.integrationmonitor.simulator.Partition;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starting with no configuration at all, as a child JVM whose environment alone says where AWS is
 * ({@code AWS_ENDPOINT_URL}: the simulator) and which region and credentials to use: a missing region or
 * missing credentials is one line naming what to set; an STS that refuses or cannot be reached is not fatal,
 * the accounts come from the ARNs that Glue and AppIntegrations return.
 */
class ZeroConfigStartTest {
    private static final String ACCOUNT = "123456789012";
    private static final String ACCESS_KEY = "AKIDZEROCONFIG000001";

    @TempDir
    Path dir;

    private AwsSimulator simulator;

    @BeforeEach
    void startSimulator() {
        Estate estate = new Estate();
        estate.populate(new Partition(ACCOUNT, "us-east-1"), new EstateSpec(2, 1, 1, 2, 1));
        estate.associations(new Partition(ACCOUNT, "us-east-1"))
                .forEach(a -> estate.setAssociationExecution(a.arn(), "COMPLETED", null));
        simulator = AwsSimulator.start("127.0.0.1", 0, estate, 4);
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @Test
    void once_without_a_region_is_one_line_naming_aws_region_and_exits_3() throws Exception {
        // given credentials but no region anywhere (no AWS_REGION, no profile, no instance metadata)
        Map<String, String> env = credentials(aws());

        // when
        Result result = start(env, "once");

        // then
        assertThat(result.exitCode()).as(result.all()).isEqualTo(3);
        assertThat(result.stdout()).as("no report").isBlank();
        assertThat(result.errorLines()).as(result.all()).containsExactly("error: aws.region: no AWS region configured: "
                + "set aws.region or AWS_REGION (or targets[].regions, or a region in the AWS profile)");
        assertThat(result.all()).doesNotContain("\tat ", "Caused by");
        assertThat(simulator.calls().count(Operation.STS_GET_CALLER_IDENTITY)).isZero();
    }

    @Test
    void run_without_a_region_exits_non_zero_before_serving() throws Exception {
        // given
        Map<String, String> env = credentials(aws());
        Path config = Files.writeString(dir.resolve("config.yaml"), "http: {bind_address: 127.0.0.1, port: 0}\n"
                + "state: {data_dir: \"" + dir.resolve("data") + "\"}\n");

        // when
        Result result = start(env, "run", "--config", config.toString());

        // then
        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(result.errorLines()).as(result.all()).containsExactly("error: aws.region: no AWS region configured: "
                + "set aws.region or AWS_REGION (or targets[].regions, or a region in the AWS profile)");
        assertThat(result.all()).doesNotContain("\tat ", "Caused by", "HTTP server listening");
    }

    @Test
    void once_without_credentials_is_one_line_naming_how_to_set_them_and_exits_3() throws Exception {
        // given a region but no credentials in the default chain
        Map<String, String> env = aws();
        env.put("AWS_REGION", "us-east-1");

        // when
        Result result = start(env, "once");

        // then
        assertThat(result.exitCode()).as(result.all()).isEqualTo(3);
        assertThat(result.errorLines()).as(result.all()).singleElement().asString()
                .startsWith("error: credentials: no usable AWS credentials: set AWS_ACCESS_KEY_ID and "
                        + "AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or run with a web identity (IRSA");
        assertThat(result.all()).doesNotContain("\tat ", "Caused by");
    }

    @Test
    void sts_access_denied_is_one_warning_and_resources_carry_the_account_of_their_arns() throws Exception {
        // given STS refuses GetCallerIdentity
        simulator.faults().errorNext(Operation.STS_GET_CALLER_IDENTITY, null, 10, 403, "AccessDenied",
                "not authorized to perform sts:GetCallerIdentity");
        Map<String, String> env = credentials(aws());
        env.put("AWS_REGION", "us-east-1");

        // when
        Result result = start(env, "once", "--output", "json");

        // then
        assertPolledWithArnAccounts(result, "access_denied");
        assertThat(simulator.calls().count(Operation.STS_GET_CALLER_IDENTITY)).isEqualTo(1);
    }

    @Test
    void an_unreachable_sts_is_one_warning_and_resources_carry_the_account_of_their_arns() throws Exception {
        // given STS at a closed loopback port (a private subnet without an STS endpoint)
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        Map<String, String> env = credentials(aws());
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:" + closed);

        // when
        Result result = start(env, "once", "--output", "json");

        // then
        assertPolledWithArnAccounts(result, "network error");
        assertThat(simulator.calls().count(Operation.STS_GET_CALLER_IDENTITY)).isZero();
    }

    private static void assertPolledWithArnAccounts(Result result, String cause) throws IOException {
        assertThat(result.exitCode()).as(result.all()).isZero();
        JsonNode report = new ObjectMapper().readTree(result.stdout());
        assertThat(report.get("failed_polls")).isEmpty();
        JsonNode resources = report.get("resources");
        assertThat(resources).hasSize(2 + 1 + 2);
        for (JsonNode resource : resources) {
            assertThat(resource.get("arn").asText()).contains(":" + ACCOUNT + ":");
            assertThat(resource.get("account_id").asText()).as(resource.toString()).isEqualTo(ACCOUNT);
        }
        List<String> warnings = result.stderr().lines().filter(line -> line.contains("WARN")).toList();
        assertThat(warnings).as(result.stderr()).singleElement().asString()
                .contains("cannot tell the account of the default credentials", cause,
                        "resources are labelled with the account their ARNs name");
        assertThat(result.all()).doesNotContain("\tat ", "Caused by", "test-only-secret");
    }

    /** The AWS part of the child's environment: the simulator, and nothing from the build or the machine. */
    private Map<String, String> aws() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ENDPOINT_URL", simulator.endpoint().toString());
        env.put("AWS_CONFIG_FILE", dir.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-aws-credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        return env;
    }

    private static Map<String, String> credentials(Map<String, String> env) {
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", "test-only-secret");
        return env;
    }

    private static Result start(Map<String, String> awsEnv, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=logback.xml", Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("JAVA_TOOL")
                || name.startsWith("JDK_JAVA"));
        pb.environment().putAll(awsEnv);
        Process process = pb.start();
        process.getOutputStream().close();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        assertThat(exited).as("exited").isTrue();
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

        List<String> errorLines() {
            return stderr.lines().filter(line -> !line.isBlank()).toList();
        }
    }
}
