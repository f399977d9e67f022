package io.integrationmonitor.cli;

import io.integrationmonitor.Monitor;
import io.integrationmonitor.config.ConfigLoader;
import io.integrationmonitor.simulator.AwsSimulator;
import io.integrationmonitor.simulator.SimIntegration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** For log-line tests: a monitor polling only Glue integrations in the simulator, through the real SDK client. */
final class GlueOnlyMonitor {
    private GlueOnlyMonitor() {
    }

    /** An ACTIVE Glue integration from a DynamoDB table to a Redshift namespace. */
    static SimIntegration activeIntegration(String arn, String name) {
        return new SimIntegration(arn, name, "arn:aws:dynamodb:us-east-1:123456789012:table/orders",
                "arn:aws:redshift:us-east-1:123456789012:namespace:ns", "ACTIVE", Instant.parse("2025-01-01T00:00:00Z"),
                "", List.of(), Map.of());
    }

    /** @param daemon also serve HTTP (on a free loopback port) and send alerts, as {@code run} does */
    static Monitor create(AwsSimulator simulator, Path dataDir, boolean daemon) {
        String config = """
                aws:
                  region: us-east-1
                  endpoints: {glue: "%1$s", appintegrations: "%1$s", sns: "%1$s", sts: "%1$s", cloudwatch: "%1$s"}
                  retry: {max_attempts: 2}
                  api_call_timeout: 10s
                  api_call_attempt_timeout: 3s
                sources:
                  glue_inbound_integrations: {enabled: false}
                  appintegrations: {enabled: false}
                  rds_integrations: {enabled: false}
                  redshift_integrations: {enabled: false}
                  redshift_inbound_integrations: {enabled: false}
                state: {data_dir: "%2$s"}
                http: {bind_address: 127.0.0.1, port: 0}
                """.formatted(simulator.endpoint(), dataDir);
        return Monitor.create(ConfigLoader.parse(config, "test"), new Monitor.Environment(Clock.systemUTC(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "s")), daemon, true));
    }
}
