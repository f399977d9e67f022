package io.integrationmonitor.poll;

import io.integrationmonitor.Monitor;
import io.integrationmonitor.config.ConfigLoader;
import io.integrationmonitor.pipeline.PollRunner;
import io.integrationmonitor.simulator.AwsSimulator;
import io.integrationmonitor.simulator.Estate;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.Partition;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The whole monitor (the real composition root) watching three accounts, each through its own role with an
 * external id, in two regions, against the embedded simulator over HTTP. Polls are driven by the test.
 */
final class MultiAccountFixture implements AutoCloseable {
    static final List<String> ACCOUNTS = List.of("111111111111", "222222222222", "333333333333");
    static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");

    final AwsSimulator simulator;
    final Monitor monitor;
    private final HttpClient http = HttpClient.newHttpClient();

    private MultiAccountFixture(AwsSimulator simulator, Monitor monitor) {
        this.simulator = simulator;
        this.monitor = monitor;
    }

    /** @param awsYaml extra lines of the {@code aws:} section, indented by two spaces */
    static MultiAccountFixture start(EstateSpec spec, String awsYaml) {
        Estate estate = new Estate();
        for (String account : ACCOUNTS) {
            for (String region : REGIONS) {
                estate.populate(new Partition(account, region), spec);
            }
        }
        AwsSimulator simulator = AwsSimulator.start("127.0.0.1", 0, estate, 32);
        try {
            allowRoles(simulator);
            var credentials = StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIDBASECREDENTIALS", "base-secret"));
            Monitor monitor = Monitor.create(ConfigLoader.parse(configYaml(simulator.endpoint(), awsYaml), "test"),
                    new Monitor.Environment(Clock.systemUTC(), credentials, true, true));
            return new MultiAccountFixture(simulator, monitor);
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
    }

    static String roleArn(String account) {
        return "arn:aws:iam::" + account + ":role/integration-monitor";
    }

    static String externalId(String account) {
        return "xid-" + account + "-do-not-log";
    }

    /** Every role may be assumed, with its external id only. */
    static void allowRoles(AwsSimulator simulator) {
        simulator.identities().clearPolicies();
        for (String account : ACCOUNTS) {
            simulator.identities().requireExternalId(roleArn(account), externalId(account));
        }
    }

    private static String configYaml(URI endpoint, String awsYaml) {
        StringBuilder targets = new StringBuilder("targets:\n");
        for (String account : ACCOUNTS) {
            targets.append("  - role_arn: ").append(roleArn(account)).append('\n')
                    .append("    external_id: ").append(externalId(account)).append('\n')
                    .append("    regions: [").append(String.join(", ", REGIONS)).append("]\n");
        }
        return """
                aws:
                  region: us-east-1
                  endpoints: {glue: "%1$s", appintegrations: "%1$s", sns: "%1$s", sts: "%1$s", cloudwatch: "%1$s"}
                  api_call_timeout: 20s
                  api_call_attempt_timeout: 10s
                  retry: {mode: standard, max_attempts: 3}
                %2$s
                # the Glue and AppIntegrations sources stand for all: what is tested is accounts, not APIs (the
                # tests' counts and request-rate lanes are theirs)
                sources:
                  rds_integrations: {enabled: false}
                  redshift_integrations: {enabled: false}
                  redshift_inbound_integrations: {enabled: false}
                http: {bind_address: 127.0.0.1, port: 0}
                alerting:
                  poll_failure_threshold: 1
                """.formatted(endpoint, awsYaml) + targets;
    }

    List<PollRunner> runners() {
        return monitor.runners();
    }

    List<PollRunner.Outcome> pollAll() {
        return monitor.pollAllOnce();
    }

    String scrape() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + monitor.httpPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("/metrics answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sum of every series of {@code name} whose line contains all the fragments. */
    static double sum(String exposition, String name, String... fragments) {
        double total = 0;
        for (String line : exposition.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean all = true;
            for (String fragment : fragments) {
                all &= line.contains(fragment);
            }
            if (all) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    @Override
    public void close() {
        try {
            monitor.close();
        } finally {
            simulator.close();
        }
    }
}
