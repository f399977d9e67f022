package io.integrationmonitor.cli;

import io.integrationmonitor.Monitor;
import io.integrationmonitor.config.ConfigLoader;
import io.integrationmonitor.config.MonitorConfig;
import io.integrationmonitor.config.StartupException;
import io.integrationmonitor.simulator.AwsSimulator;
import io.integrationmonitor.simulator.DemoStory;
import io.integrationmonitor.simulator.Estate;
import io.integrationmonitor.simulator.EventDelivery;
import io.integrationmonitor.simulator.EventQueue;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.Partition;
import io.integrationmonitor.simulator.StoryPlayback;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the embedded AWS simulator and the monitor polling it, with a scripted story: integrations "
                + "that go FAILED and NEEDS_ATTENTION and recover, an association execution that fails and completes, "
                + "resources that appear and vanish, one stuck SYNCING, a table that fails to ingest and recovers, an ACTIVE "
                + "integration that stops syncing and one whose replication lag grows (in CloudWatch). The simulator "
                + "sends the EventBridge events AWS would send into an SQS queue the monitor's events: section reads. "
                + "No AWS account needed.",
                "Stop with Ctrl-C, or give --duration."})
final class DemoCommand implements Callable<Integer> {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";
    /** The SQS queue the simulator sends the story's EventBridge events to, and the monitor's events: section reads. */
    static final EventQueue EVENTS_QUEUE = new EventQueue(new Partition(ACCOUNT, REGION), EventQueue.DEFAULT_NAME);

    @Option(names = "--port", defaultValue = "9108", description = "Monitor HTTP port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Monitor HTTP bind address (default ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--simulator-port", defaultValue = "0", description = "Simulator port (default: any free port).")
    int simulatorPort;

    @Option(names = "--data-dir", description = "State directory (default: a new temporary directory, so the story starts fresh).")
    Path dataDir;

    @Option(names = "--interval", defaultValue = "5s", description = "Poll interval of every source (default ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--speed", defaultValue = "1.0", description = "Story speed factor (default ${DEFAULT-VALUE}; 2 = twice as fast).")
    double speed;

    @Option(names = "--alertmanager-url", paramLabel = "URL",
            description = "Also push alerts to this Alertmanager (e.g. http://127.0.0.1:9093).")
    java.net.URI alertmanagerUrl;

    @Option(names = "--duration", defaultValue = "0",
            description = "Stop after this many seconds (default: run until interrupted).")
    long durationSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path data = dataDir != null ? dataDir : Files.createTempDirectory("integration-monitor-demo");
        // SIGTERM / Ctrl-C: the hook wakes the main thread, then holds the JVM until it has closed everything
        // and removed the temporary state, so a demo leaves nothing behind however it is stopped.
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch cleanedUp = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                cleanedUp.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            play(out, data, stop);
        } finally {
            if (dataDir == null) {
                TemporaryDirectory.delete(data);
            }
            cleanedUp.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is what stopped us; it returns now that cleanedUp is counted down
            }
        }
        return ExitCodes.OK;
    }

    private void play(PrintWriter out, Path data, CountDownLatch stop) throws InterruptedException {
        Estate estate = new Estate();
        Partition home = new Partition(ACCOUNT, REGION);
        // Page cap 4 with these counts forces several pages on every API.
        estate.populate(home, new EstateSpec(12, 5, 3, 3, 4).withRdsIntegrations(6).withRedshift(4, 3));
        try (AwsSimulator simulator = startSimulator(estate)) {
            simulator.events().deliverTo(eventDelivery());
            MonitorConfig config = ConfigLoader.parse(demoConfig(simulator, data), "demo configuration");
            LoggingSetup.apply(config.logging());
            var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDDEMO00000000", "demo-secret"));
            try (Monitor monitor = startMonitor(config, credentials)) {
                monitor.startScheduling();
                banner(out, simulator, monitor, data);
                try (StoryPlayback story = DemoStory.create(estate, simulator.freshness(), home).play(estate, speed,
                        step -> {
                            out.printf("[story +%2ds] %s%n", step.at().toSeconds(), step.description());
                            out.flush();
                        })) {
                    if (durationSeconds > 0) {
                        stop.await(durationSeconds, TimeUnit.SECONDS);
                    } else {
                        stop.await();
                    }
                }
            }
        }
    }

    /**
     * As EventBridge would: a little late, now and then twice (at-least-once), so the demo shows the monitor
     * taking that in its stride. Seeded: every demo run delivers alike.
     */
    static EventDelivery eventDelivery() {
        return EventDelivery.immediate(EVENTS_QUEUE)
                .withDelay(Duration.ofMillis(100), Duration.ofMillis(400))
                .withDuplicates(0.1)
                .withSeed(42);
    }

    private AwsSimulator startSimulator(Estate estate) {
        try {
            return AwsSimulator.start("127.0.0.1", simulatorPort, estate, 16);
        } catch (StartupException e) {
            throw e.renamed("--simulator-port");
        }
    }

    /** The monitor's start-up failures name the demo's options, not the keys of a configuration the user never wrote. */
    private static Monitor startMonitor(MonitorConfig config, StaticCredentialsProvider credentials) {
        try {
            return Monitor.create(config, new Monitor.Environment(Clock.systemUTC(), credentials, true, false));
        } catch (StartupException e) {
            throw switch (e.key()) {
                case "http.port" -> e.renamed("--port");
                case "http.bind_address" -> e.renamed("--bind");
                case "state.data_dir" -> e.renamed("--data-dir");
                default -> e;
            };
        }
    }

    /**
     * The monitor's configuration: every endpoint the simulator, and events from {@link #EVENTS_QUEUE}. Freshness
     * is asked every minute at one-minute periods with thresholds small enough that the story's silent Glue
     * integration turns stale (no sync for 2 min) and its lagging Aurora one lagging (two samples over 5 min) within
     * about three minutes of the start.
     */
    String demoConfig(AwsSimulator simulator, Path data) {
        String endpoint = simulator.endpoint().toString();
        return """
                aws:
                  region: %s
                  endpoints: {glue: "%s", appintegrations: "%s", sns: "%s", sts: "%s", rds: "%s", redshift: "%2$s", sqs: "%2$s", cloudwatch: "%2$s"}
                  api_call_timeout: 20s
                  api_call_attempt_timeout: 5s
                sources:
                  glue_integrations: {interval: %s, page_size: 10}
                  glue_inbound_integrations: {interval: %s, page_size: 10}
                  appintegrations: {interval: %s, page_size: 10}
                  rds_integrations: {interval: %s, page_size: 20}
                  redshift_integrations: {interval: %7$s, page_size: 20}
                  redshift_inbound_integrations: {interval: %7$s, page_size: 20}
                stuck:
                  syncing: 25s
                freshness:
                  interval: 1m
                  period: 1m
                  lookback: 15m
                  stale: {factor: 1, grace: 2m, default_refresh_interval: 1m}
                  lag: {threshold: 5m, samples: 2}
                events:
                  enabled: true
                  queues:
                    - {url: "%s", region: %s}
                http:
                  bind_address: "%s"
                  port: %d
                state:
                  data_dir: "%s"
                alerting:
                  external_url: "http://%s:%d"
                  receivers:
                    - {name: log, log: {}}
                %s  default_receivers: [log%s]
                """.formatted(REGION, endpoint, endpoint, endpoint, endpoint, endpoint, interval, interval, interval, interval,
                simulator.queueUrl(EVENTS_QUEUE.partition().account(), EVENTS_QUEUE.name()), EVENTS_QUEUE.partition().region(),
                bind, port,
                data.toAbsolutePath().toString().replace("\\", "/"), bind, port,
                alertmanagerUrl == null ? "" : "    - {name: alertmanager, alertmanager: {urls: [\"" + alertmanagerUrl
                        + "\"], resend_interval: 30s}}\n",
                alertmanagerUrl == null ? "" : ", alertmanager");
    }

    private void banner(PrintWriter out, AwsSimulator simulator, Monitor monitor, Path data) {
        String base = "http://" + (bind.equals("0.0.0.0") ? "127.0.0.1" : bind) + ":" + monitor.httpPort();
        out.println();
        out.println("integration-monitor demo is running.");
        out.println("  Status page:      " + base + "/");
        out.println("  Metrics:          " + base + "/metrics");
        out.println("  Resources (JSON): " + base + "/api/v1/resources?status=FAILED,NEEDS_ATTENTION");
        out.println("  Events (JSON):    " + base + "/api/v1/events?since=15m");
        out.println("  Readiness:        " + base + "/readyz");
        out.println("  AWS simulator:    " + simulator.endpoint() + "  (admin: " + simulator.endpoint() + "/_simulator/estate)");
        out.println("  AWS events (SQS): " + simulator.queueUrl(EVENTS_QUEUE.partition().account(), EVENTS_QUEUE.name())
                + "  (what EventBridge would send for the story's changes; admin: " + simulator.endpoint()
                + "/_simulator/events)");
        out.println("  State:            " + data.toAbsolutePath());
        out.println("Try: curl -s '" + base + "/metrics' | grep -E 'aws_glue_integration_status\\{.*status=\"(FAILED|NEEDS_ATTENTION)\"\\} 1'");
        out.println("The story plays over about 75 s; polls run every " + interval + ". Ctrl-C to stop.");
        out.println();
        out.flush();
    }
}
