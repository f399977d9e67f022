package io.integrationmonitor.bench;

import io.integrationmonitor.config.AwsConfig;
import io.integrationmonitor.simulator.EventQueue;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * The monitor configuration for one benchmark run: every account by role, every region, the simulator's endpoints;
 * with {@code eventQueue} (null: none) an {@code events:} section reading that simulator queue; with
 * {@code maxPollDuration} (null: the monitor's default of five intervals) that budget for every source. Sources the
 * estate has nothing for ({@link BenchEstate#polls}) are disabled.
 */
record MonitorYaml(BenchEstate estate, URI simulator, int concurrency, Duration interval, int httpPort, Path dataDir,
                   URI slackWebhook, boolean liftAwsLimits, EventQueue eventQueue, Duration maxPollDuration) {

    MonitorYaml(BenchEstate estate, URI simulator, int concurrency, Duration interval, int httpPort, Path dataDir,
                URI slackWebhook, boolean liftAwsLimits) {
        this(estate, simulator, concurrency, interval, httpPort, dataDir, slackWebhook, liftAwsLimits, null, null);
    }

    MonitorYaml(BenchEstate estate, URI simulator, int concurrency, Duration interval, int httpPort, Path dataDir,
                URI slackWebhook, boolean liftAwsLimits, EventQueue eventQueue) {
        this(estate, simulator, concurrency, interval, httpPort, dataDir, slackWebhook, liftAwsLimits, eventQueue, null);
    }

    /** True when this build's config has {@code aws.max_concurrent_polls} (added separately from this harness). */
    static boolean hasMaxConcurrentPolls() {
        return Arrays.stream(AwsConfig.class.getRecordComponents())
                .anyMatch(c -> c.getName().equals("maxConcurrentPolls"));
    }

    /** True when this build's config has the client-side AWS request limits. */
    static boolean hasRequestLimits() {
        return Arrays.stream(AwsConfig.class.getRecordComponents())
                .anyMatch(c -> c.getName().equals("requestsPerSecondPerAccount"));
    }

    private void source(StringBuilder y, String configKey, String source, String extra) {
        y.append("  ").append(configKey).append(": {");
        if (!estate.polls(source)) {
            y.append("enabled: false}\n");
            return;
        }
        y.append("interval: ").append(interval.toSeconds()).append('s').append(extra);
        if (maxPollDuration != null) {
            y.append(", max_poll_duration: ").append(maxPollDuration.toSeconds()).append('s');
        }
        y.append("}\n");
    }

    String render() {
        String endpoint = simulator.toString();
        StringBuilder y = new StringBuilder();
        y.append("aws:\n")
                .append("  region: us-east-1\n")
                .append("  endpoints: {glue: \"").append(endpoint).append("\", appintegrations: \"").append(endpoint)
                .append("\", sns: \"").append(endpoint).append("\", sts: \"").append(endpoint)
                .append("\", rds: \"").append(endpoint).append("\", redshift: \"").append(endpoint)
                .append("\", cloudwatch: \"").append(endpoint)
                .append(eventQueue == null ? "" : "\", sqs: \"" + endpoint).append("\"}\n")
                .append("  api_call_timeout: 120s\n")
                .append("  api_call_attempt_timeout: 10s\n")
                .append("  max_connections: ").append(concurrency).append('\n');
        if (hasMaxConcurrentPolls()) {
            y.append("  max_concurrent_polls: ").append(concurrency).append('\n');
        }
        if (liftAwsLimits && hasRequestLimits()) {
            // the simulator does not throttle: measure the monitor's own cost, not its politeness towards AWS
            y.append("  max_concurrent_requests_per_account: ").append(concurrency).append('\n')
                    .append("  requests_per_second_per_account: 10000\n")
                    .append("  request_burst_per_account: 10000\n");
        }
        y.append("targets:\n");
        for (String account : estate.accounts()) {
            y.append("  - role_arn: ").append(BenchEstate.roleArn(account)).append('\n')
                    .append("    regions: [").append(String.join(", ", BenchEstate.REGIONS)).append("]\n");
        }
        y.append("sources:\n");
        source(y, "glue_integrations", "glue_integrations", "");
        source(y, "glue_inbound_integrations", "glue_inbound_integrations", "");
        source(y, "appintegrations", "appintegrations_associations", "");
        // page_size is MaxRecords, which RDS and Redshift accept from 20 to 100; the simulator's cap still applies
        source(y, "rds_integrations", "rds_integrations", ", page_size: 100");
        source(y, "redshift_integrations", "redshift_integrations", ", page_size: 100");
        source(y, "redshift_inbound_integrations", "redshift_inbound_integrations", ", page_size: 100");
        y.append("http: {bind_address: 127.0.0.1, port: ").append(httpPort).append("}\n")
                .append("state: {data_dir: \"").append(dataDir.toString().replace("\\", "/")).append("\"}\n")
                .append("logging: {level: INFO}\n");
        if (slackWebhook != null) {
            y.append("alerting:\n")
                    .append("  group_cap: 45\n")
                    .append("  receivers:\n")
                    .append("    - name: slack\n")
                    .append("      slack: {webhook_url: \"").append(slackWebhook).append("\"}\n");
        }
        if (eventQueue != null) {
            // the queue lives in the first target's account, read with its role; the production wait time
            int target = estate.accounts().indexOf(eventQueue.partition().account());
            y.append("events:\n")
                    .append("  enabled: true\n")
                    .append("  queues: [{url: \"").append(endpoint.replaceAll("/+$", "")).append('/')
                    .append(eventQueue.partition().account()).append('/').append(eventQueue.name())
                    .append("\", target: ").append(target).append(", region: ").append(eventQueue.partition().region())
                    .append("}]\n");
        }
        return y.toString();
    }
}
