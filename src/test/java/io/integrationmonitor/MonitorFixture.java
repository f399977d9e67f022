package io.integrationmonitor;

import io.integrationmonitor.config.ConfigLoader;
import io.integrationmonitor.config.MonitorConfig;
import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.pipeline.PollRunner;
import io.integrationmonitor.simulator.AwsSimulator;
import io.integrationmonitor.simulator.Estate;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.Partition;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The whole monitor, built by the real composition root, polling the embedded AWS simulator over HTTP
 * through the real SDK clients. Polls are driven explicitly ({@link #pollAll()}) so tests need no sleeps.
 */
final class MonitorFixture implements AutoCloseable {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";
    static final Partition HOME = new Partition(ACCOUNT, REGION);
    /** Stands for the simulator's endpoint (not known before it starts) in the extra YAML, e.g. in a queue URL. */
    static final String SIMULATOR = "@SIMULATOR@";

    final AwsSimulator simulator;
    final Path dataDir;
    private final String extraYaml;
    private final String awsYaml;
    private final String sourceOptions;
    private String httpYaml = "{bind_address: 127.0.0.1, port: 0}";
    private Clock clock = Clock.systemUTC();
    private final HttpClient http = HttpClient.newHttpClient();
    private Monitor monitor;

    private MonitorFixture(AwsSimulator simulator, Path dataDir, String extraYaml, String awsYaml,
                           String sourceOptions) {
        this.simulator = simulator;
        this.dataDir = dataDir;
        this.extraYaml = extraYaml;
        this.awsYaml = awsYaml;
        this.sourceOptions = sourceOptions;
    }

    /** A simulator with the given estate (page cap forces pagination) and a started monitor. */
    static MonitorFixture start(EstateSpec spec, Path dataDir) {
        return start(spec, dataDir, "");
    }

    static MonitorFixture start(EstateSpec spec, Path dataDir, String extraYaml) {
        return start(spec, dataDir, extraYaml, "", "");
    }

    /** With {@code http:} set to this YAML flow mapping (it must bind 127.0.0.1, port 0). */
    static MonitorFixture start(EstateSpec spec, Path dataDir, String extraYaml, String httpYaml) {
        return start(spec, dataDir, extraYaml, "", "", httpYaml);
    }

    /**
     * @param awsYaml       extra lines of the {@code aws:} section, indented by two spaces
     * @param sourceOptions extra entries for every source's flow map, e.g. {@code "max_pages: 5"}
     */
    static MonitorFixture start(EstateSpec spec, Path dataDir, String extraYaml, String awsYaml,
                                String sourceOptions) {
        return start(spec, dataDir, extraYaml, awsYaml, sourceOptions, null);
    }

    /**
     * On a clock the test moves: the monitor's and the simulator's CloudWatch series (the freshness tests); the
     * SDK's signing and STS keep the real time.
     */
    static MonitorFixture startAt(Clock clock, EstateSpec spec, Path dataDir, String extraYaml) {
        return start(spec, dataDir, extraYaml, "", "", null, clock);
    }

    private static MonitorFixture start(EstateSpec spec, Path dataDir, String extraYaml, String awsYaml,
                                        String sourceOptions, String httpYaml) {
        return start(spec, dataDir, extraYaml, awsYaml, sourceOptions, httpYaml, Clock.systemUTC());
    }

    private static MonitorFixture start(EstateSpec spec, Path dataDir, String extraYaml, String awsYaml,
                                        String sourceOptions, String httpYaml, Clock clock) {
        Estate estate = new Estate();
        estate.populate(HOME, spec);
        MonitorFixture f = new MonitorFixture(AwsSimulator.start("127.0.0.1", 0, estate, 16, clock), dataDir,
                extraYaml, awsYaml, sourceOptions);
        f.clock = clock;
        if (httpYaml != null) {
            f.httpYaml = httpYaml;
        }
        f.startMonitor();
        return f;
    }

    String configYaml() {
        String endpoint = simulator.endpoint().toString();
        return """
                aws:
                  region: %s
                  endpoints: {glue: "%s", appintegrations: "%s", sns: "%s", sts: "%s", rds: "%s", redshift: "%2$s", sqs: "%2$s", cloudwatch: "%2$s"}
                  api_call_timeout: 10s
                  api_call_attempt_timeout: 3s
                  retry: {mode: standard, max_attempts: 3}
                %ssources:
                  glue_integrations: {page_size: 50%s}
                  glue_inbound_integrations: {page_size: 50%s}
                  appintegrations: {page_size: 50%s}
                  rds_integrations: {page_size: 50%s}
                  redshift_integrations: {page_size: 50%s}
                  redshift_inbound_integrations: {page_size: 50%s}
                http: %s
                state: {data_dir: "%s"}
                """.formatted(REGION, endpoint, endpoint, endpoint, endpoint, endpoint, awsYaml, options(), options(),
                options(), options(), options(), options(), httpYaml, dataDir.toString().replace("\\", "/"))
                + extraYaml.replace(SIMULATOR, endpoint);
    }

    private String options() {
        return sourceOptions.isEmpty() ? "" : ", " + sourceOptions;
    }

    MonitorConfig config() {
        return ConfigLoader.parse(configYaml(), "test");
    }

    void startMonitor() {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST00000000", "test-secret"));
        monitor = Monitor.create(config(), new Monitor.Environment(clock, credentials, true, false));
    }

    /** Simulates a restart: the monitor goes away and a new one opens the same data directory. */
    void restartMonitor() {
        monitor.close();
        startMonitor();
    }

    Monitor monitor() {
        return monitor;
    }

    Estate estate() {
        return simulator.estate();
    }

    List<PollRunner.Outcome> pollAll() {
        return monitor.pollAllOnce();
    }

    /** Polls every source and returns the events detected, asserting every poll succeeded. */
    List<ResourceEvent> pollAllExpectingSuccess() {
        List<PollRunner.Outcome> outcomes = pollAll();
        List<PollRunner.Outcome> failed = outcomes.stream().filter(o -> !o.succeeded()).toList();
        if (!failed.isEmpty()) {
            throw new AssertionError("polls failed: " + failed.stream()
                    .map(o -> String.valueOf(o.failed() != null ? o.failed() : o.notPermitted())).toList());
        }
        return outcomes.stream().flatMap(o -> o.completed().events().stream()).toList();
    }

    Map<String, KnownResource> resourcesByArn() {
        return monitor.store().allResources().stream()
                .collect(Collectors.toMap(KnownResource::arn, Function.identity()));
    }

    /** Every type of the resource's events, each event's (most specific) type first. */
    static List<EventType> types(List<ResourceEvent> events, String arn) {
        return events.stream().filter(e -> e.resource() != null && e.resource().arn().equals(arn))
                .flatMap(e -> e.types().stream()).toList();
    }

    HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitor.httpPort() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String scrape() {
        HttpResponse<String> r = get("/metrics");
        if (r.statusCode() != 200) {
            throw new AssertionError("/metrics answered " + r.statusCode());
        }
        return r.body();
    }

    /** Alert notifications enqueued so far, over every receiver. */
    double enqueuedNotifications() {
        return java.util.stream.Stream.of(scrape().split("\n"))
                .filter(l -> l.startsWith("integration_monitor_notifications_total{"))
                .filter(l -> l.contains("outcome=\"enqueued\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** The value of the one series whose name and labels contain all the given fragments, or null. */
    static Double sample(String exposition, String name, String... labelFragments) {
        Double found = null;
        for (String line : exposition.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean all = true;
            for (String fragment : labelFragments) {
                all &= line.contains(fragment);
            }
            if (all) {
                if (found != null) {
                    throw new AssertionError("more than one series of " + name + " matches " + List.of(labelFragments));
                }
                found = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return found;
    }

    Instant now() {
        return clock.instant();
    }

    @Override
    public void close() {
        if (monitor != null) {
            monitor.close();
        }
        simulator.close();
    }
}
