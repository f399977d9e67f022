package io.integrationmonitor.http;

import io.integrationmonitor.config.HttpConfig;
import io.integrationmonitor.detect.EventBus;
import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.metrics.PollMetrics;
import io.integrationmonitor.metrics.PrometheusMetrics;
import io.integrationmonitor.metrics.PrometheusText;
import io.integrationmonitor.metrics.Readiness;
import io.integrationmonitor.metrics.ResourceStateMetrics;
import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.ResourceError;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static io.integrationmonitor.metrics.Fixtures.ACCOUNT;
import static io.integrationmonitor.metrics.Fixtures.ASSOCIATIONS;
import static io.integrationmonitor.metrics.Fixtures.GLUE;
import static io.integrationmonitor.metrics.Fixtures.INBOUND;
import static io.integrationmonitor.metrics.Fixtures.REGION;
import static io.integrationmonitor.metrics.Fixtures.T0;
import static io.integrationmonitor.metrics.Fixtures.association;
import static io.integrationmonitor.metrics.Fixtures.completed;
import static io.integrationmonitor.metrics.Fixtures.event;
import static io.integrationmonitor.metrics.Fixtures.failed;
import static io.integrationmonitor.metrics.Fixtures.glue;
import static io.integrationmonitor.metrics.Fixtures.glueArn;
import static io.integrationmonitor.metrics.Fixtures.inbound;
import static org.assertj.core.api.Assertions.assertThat;

/** Scrapes {@code /metrics} over HTTP after feeding poll outcomes through the event bus. */
class MetricsEndpointTest {
    private static final List<PollTarget> TARGETS = List.of(GLUE, INBOUND, ASSOCIATIONS);

    private final HttpClient client = HttpClient.newHttpClient();
    private final EventBus bus = new EventBus();
    private PrometheusMetrics metrics;
    private Readiness readiness;
    private HttpApiServer server;

    @BeforeEach
    void start() throws IOException {
        metrics = PrometheusMetrics.create();
        readiness = new Readiness(TARGETS);
        bus.subscribe(new ResourceStateMetrics(metrics));
        bus.subscribe(new PollMetrics(metrics, TARGETS));
        bus.subscribe(readiness);
        server = HttpApiServer.builder(new HttpConfig("127.0.0.1", 0))
                .metrics(metrics.exposition())
                .readiness(readiness::pending)
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    @Test
    void exportsEverySeriesOfEveryKindWithItsLabelsAndValues() throws Exception {
        // given one resource of each kind
        KnownResource orders = glue(ACCOUNT, "orders", "FAILED", T0,
                ResourceError.of("KMS.AccessDenied", "no key access"), ResourceError.of("", "second"));
        KnownResource in = inbound("in-1", "ACTIVE", T0.plusSeconds(5));
        KnownResource assoc = association("assoc-1", "COMPLETED", T0.plusSeconds(7));
        Instant polledAt = T0.plusSeconds(60);

        // when each target completes a poll
        bus.publish(completed(GLUE, polledAt, List.of(orders)));
        bus.publish(completed(INBOUND, polledAt, List.of(in)));
        bus.publish(completed(ASSOCIATIONS, polledAt, List.of(assoc)));
        PrometheusText scrape = scrape();

        // then the Glue integration families carry exactly the documented labels
        Map<String, String> glueId = Map.of("account_id", ACCOUNT, "region", REGION,
                "integration_arn", glueArn(ACCOUNT, "orders"), "integration_name", "orders");
        assertOneHot(scrape, "aws_glue_integration_status", glueId, ResourceKind.GLUE_INTEGRATION, "FAILED");
        assertThat(scrape.value("aws_glue_integration_info", with(glueId,
                "source_arn", orders.resource().attribute("source_arn"),
                "target_arn", orders.resource().attribute("target_arn"),
                "refresh_interval", ""))).contains(1.0);
        assertThat(scrape.value("aws_glue_integration_errors", glueId)).contains(2.0);
        assertThat(scrape.value("aws_glue_integration_status_since_timestamp_seconds", glueId))
                .contains((double) T0.getEpochSecond());

        // and the inbound integration families
        Map<String, String> inboundId = Map.of("account_id", ACCOUNT, "region", REGION,
                "integration_arn", in.arn(), "target_arn", in.resource().attribute("target_arn"));
        assertOneHot(scrape, "aws_glue_inbound_integration_status", inboundId,
                ResourceKind.GLUE_INBOUND_INTEGRATION, "ACTIVE");
        assertThat(scrape.value("aws_glue_inbound_integration_info",
                with(inboundId, "source_arn", in.resource().attribute("source_arn"),
                        "source_account_id", "210987654321"))).contains(1.0);
        assertThat(scrape.value("aws_glue_inbound_integration_errors", inboundId)).contains(0.0);
        assertThat(scrape.value("aws_glue_inbound_integration_status_since_timestamp_seconds", inboundId))
                .contains((double) T0.getEpochSecond() + 5);

        // and the AppIntegrations association families
        Map<String, String> assocId = Map.of("account_id", ACCOUNT, "region", REGION,
                "data_integration_arn", assoc.resource().attribute("data_integration_arn"),
                "association_arn", assoc.arn(), "client_id", "connect");
        assertOneHot(scrape, "aws_appintegrations_association_last_execution_status", assocId,
                ResourceKind.APPINTEGRATIONS_ASSOCIATION, "COMPLETED");
        assertThat(scrape.find("aws_appintegrations_association_last_execution_status", assocId))
                .extracting(s -> s.labels().get("status"))
                .contains("COMPLETED", "IN_PROGRESS", "FAILED", "NEVER_EXECUTED");
        assertThat(scrape.value("aws_appintegrations_association_info", with(assocId,
                "execution_mode", "ON_DEMAND", "destination_uri", "s3://bucket/prefix"))).contains(1.0);
        assertThat(scrape.value("aws_appintegrations_association_status_since_timestamp_seconds", assocId))
                .contains((double) T0.getEpochSecond() + 7);

        // and the poll metrics of each target
        Map<String, String> glueTarget = Map.of("source", "glue_integrations", "account_id", ACCOUNT, "region", REGION);
        assertThat(scrape.value("integration_monitor_poll_resources", glueTarget)).contains(1.0);
        assertThat(scrape.value("integration_monitor_poll_last_success_timestamp_seconds", glueTarget))
                .contains((double) polledAt.getEpochSecond());
        assertThat(scrape.value("integration_monitor_poll_duration_seconds_count", glueTarget)).contains(1.0);
        assertThat(scrape.value("integration_monitor_poll_duration_seconds_sum", glueTarget)).contains(0.42);
        assertThat(scrape.value("integration_monitor_poll_duration_seconds_bucket", with(glueTarget, "le", "0.5")))
                .contains(1.0);
        assertThat(scrape.value("integration_monitor_poll_duration_seconds_bucket", with(glueTarget, "le", "0.25")))
                .contains(0.0);
        assertThat(scrape.value("integration_monitor_poll_consecutive_failures", glueTarget)).contains(0.0);

        // and the process metrics
        assertThat(scrape.find("integration_monitor_build_info")).singleElement()
                .satisfies(s -> assertThat(s.labels().get("version")).matches("\\d+\\.\\d+\\.\\d+.*"))
                .satisfies(s -> assertThat(s.value()).isEqualTo(1.0));
        for (String jvm : List.of("jvm_memory_used_bytes", "jvm_gc_max_data_size_bytes", "jvm_threads_live_threads",
                "jvm_classes_loaded_classes", "system_cpu_processors", "process_cpu_seconds_total",
                "process_uptime_seconds", "process_files_open_files")) {
            assertThat(scrape.find(jvm)).as(jvm).isNotEmpty();
        }
    }

    @Test
    void statusChangeMovesTheOneHotSeriesAndCountsTheTransition() throws Exception {
        // given an integration seen ACTIVE
        bus.publish(completed(GLUE, T0, List.of(glue(ACCOUNT, "orders", "ACTIVE", T0))));

        // when it turns FAILED
        KnownResource nowFailed = glue(ACCOUNT, "orders", "FAILED", T0.plusSeconds(60));
        bus.publish(completed(GLUE, T0.plusSeconds(60), List.of(nowFailed),
                event(EventType.STATUS_CHANGED, GLUE, nowFailed, "ACTIVE", "FAILED", T0.plusSeconds(60)),
                event(EventType.ENTERED_FAILED, GLUE, nowFailed, "ACTIVE", "FAILED", T0.plusSeconds(60))));
        PrometheusText scrape = scrape();

        // then exactly one status series is 1, and it is FAILED
        Map<String, String> id = Map.of("account_id", ACCOUNT, "region", REGION,
                "integration_arn", glueArn(ACCOUNT, "orders"), "integration_name", "orders");
        assertOneHot(scrape, "aws_glue_integration_status", id, ResourceKind.GLUE_INTEGRATION, "FAILED");
        assertThat(scrape.value("aws_glue_integration_status_since_timestamp_seconds", id))
                .contains((double) T0.getEpochSecond() + 60);
        assertThat(scrape.value("integration_monitor_transitions_total",
                Map.of("kind", "glue_integration", "from", "ACTIVE", "to", "FAILED"))).contains(1.0);
        assertThat(scrape.value("integration_monitor_events_total",
                Map.of("type", "status_changed", "kind", "glue_integration"))).contains(1.0);
        assertThat(scrape.value("integration_monitor_events_total",
                Map.of("type", "entered_failed", "kind", "glue_integration"))).contains(1.0);
    }

    @Test
    void seriesOfAVanishedResourceAreRemoved() throws Exception {
        // given two integrations in one target and one association in another
        KnownResource orders = glue(ACCOUNT, "orders", "ACTIVE", T0);
        KnownResource billing = glue(ACCOUNT, "billing", "ACTIVE", T0);
        bus.publish(completed(GLUE, T0, List.of(orders, billing),
                event(EventType.APPEARED, GLUE, billing, "", "ACTIVE", T0)));
        bus.publish(completed(ASSOCIATIONS, T0, List.of(association("assoc-1", "COMPLETED", T0))));
        assertThat(scrape().find("aws_glue_integration_info", Map.of("integration_name", "billing"))).hasSize(1);

        // when billing is absent from the next complete poll
        bus.publish(completed(GLUE, T0.plusSeconds(60), List.of(orders),
                event(EventType.VANISHED, GLUE, billing, "ACTIVE", "", T0.plusSeconds(60))));
        PrometheusText scrape = scrape();

        // then none of its series remain, while the others stay
        Map<String, String> billingLabel = Map.of("integration_name", "billing");
        for (String family : List.of("aws_glue_integration_status", "aws_glue_integration_info",
                "aws_glue_integration_errors", "aws_glue_integration_status_since_timestamp_seconds")) {
            assertThat(scrape.find(family, billingLabel)).as(family).isEmpty();
            assertThat(scrape.find(family, Map.of("integration_name", "orders"))).as(family).isNotEmpty();
        }
        assertThat(scrape.find("aws_appintegrations_association_info")).hasSize(1);
        assertThat(scrape.value("integration_monitor_transitions_total",
                Map.of("kind", "glue_integration", "from", "", "to", "ACTIVE"))).contains(1.0);
        assertThat(scrape.value("integration_monitor_transitions_total",
                Map.of("kind", "glue_integration", "from", "ACTIVE", "to", ""))).contains(1.0);
    }

    @Test
    void pollErrorsAreCountedByReasonFromZero() throws Exception {
        // given the known targets, before any poll: every reason is present at 0
        Map<String, String> glueTarget = Map.of("source", "glue_integrations", "account_id", ACCOUNT, "region", REGION);
        PrometheusText before = scrape();
        for (PollTarget target : TARGETS) {
            for (PollErrorReason reason : PollErrorReason.values()) {
                assertThat(before.value("integration_monitor_poll_errors_total", Map.of("source",
                        target.source().label(), "account_id", ACCOUNT, "region", REGION, "reason", reason.label())))
                        .as(target + " " + reason).contains(0.0);
            }
        }
        assertThat(before.find("integration_monitor_poll_last_success_timestamp_seconds")).isEmpty();

        // when the Glue target is throttled twice
        bus.publish(failed(GLUE, PollErrorReason.THROTTLED, 1));
        bus.publish(failed(GLUE, PollErrorReason.THROTTLED, 2));
        PrometheusText after = scrape();

        // then only its throttled counter moved
        assertThat(after.value("integration_monitor_poll_errors_total", with(glueTarget, "reason", "throttled")))
                .contains(2.0);
        assertThat(after.value("integration_monitor_poll_errors_total", with(glueTarget, "reason", "access_denied")))
                .contains(0.0);
        assertThat(after.value("integration_monitor_poll_consecutive_failures", glueTarget)).contains(2.0);
        assertThat(after.value("integration_monitor_poll_duration_seconds_count", glueTarget)).contains(2.0);

        // and a success resets the consecutive failures
        bus.publish(completed(GLUE, T0, List.of()));
        assertThat(scrape().value("integration_monitor_poll_consecutive_failures", glueTarget)).contains(0.0);
    }

    @Test
    void readyzTurnsReadyOnceEveryTargetHasCompletedAPoll() throws Exception {
        // given no poll yet
        HttpResponse<String> before = get("/readyz", Map.of());
        assertThat(before.statusCode()).isEqualTo(503);
        assertThat(before.body()).contains(GLUE.key(), INBOUND.key(), ASSOCIATIONS.key());

        // when two targets succeed and one only fails
        bus.publish(completed(GLUE, T0, List.of()));
        bus.publish(completed(INBOUND, T0, List.of()));
        bus.publish(failed(ASSOCIATIONS, PollErrorReason.ACCESS_DENIED, 1));

        // then it is still not ready, naming the one left
        HttpResponse<String> partly = get("/readyz", Map.of());
        assertThat(partly.statusCode()).isEqualTo(503);
        assertThat(partly.body()).contains(ASSOCIATIONS.key()).doesNotContain(GLUE.key(), INBOUND.key());

        // and ready once the last one succeeds
        bus.publish(completed(ASSOCIATIONS, T0, List.of()));
        assertThat(get("/readyz", Map.of()).statusCode()).isEqualTo(200);
        assertThat(get("/healthz", Map.of()).body()).isEqualTo("ok\n");
    }

    @Test
    void negotiatesOpenMetricsAndGzip() throws Exception {
        bus.publish(completed(GLUE, T0, List.of(glue(ACCOUNT, "orders", "ACTIVE", T0))));

        // when the scraper asks for plain text
        HttpResponse<String> text = get("/metrics", Map.of());
        assertThat(text.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");

        // when it asks for OpenMetrics, gzip-compressed, as Prometheus does
        HttpResponse<InputStream> om = client.send(HttpRequest.newBuilder(uri("/metrics"))
                .header("Accept", "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5")
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(om.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/openmetrics-text");
        assertThat(om.headers().firstValue("Content-Encoding")).contains("gzip");
        String body;
        // straight from the socket: one gzip member, which every client reads whole (curl, browsers and
        // GZIPInputStream stop after the first of several)
        try (InputStream in = new GZIPInputStream(om.body())) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(body).contains("# TYPE aws_glue_integration info").endsWith("# EOF\n");
        assertThat(PrometheusText.parse(body).find("aws_glue_integration_info")).hasSize(1);
    }

    @Test
    void nameParametersLimitTheScrapeToTheFamiliesNamedWithTheSameText() throws Exception {
        // given resources on the rendered families, poll counters and the JVM's families
        bus.publish(completed(GLUE, T0, List.of(glue(ACCOUNT, "orders", "ACTIVE", T0))));
        bus.publish(failed(GLUE, PollErrorReason.THROTTLED, 1));
        List<String> families = List.of("aws_glue_integration_status", "integration_monitor_poll_errors_total",
                "jvm_memory_max_bytes");

        // when scraped whole, and by name: one family by its name, a counter by its sample's name, one
        // of Micrometer's, and a name no family has
        String whole = get("/metrics", Map.of()).body();
        String query = "?name[]=aws_glue_integration_status&name%5B%5D=integration_monitor_poll_errors_total"
                + "&name[]=jvm_memory_max_bytes,no_such_metric";
        HttpResponse<String> named = get("/metrics" + query, Map.of());
        HttpResponse<InputStream> gzip = client.send(HttpRequest.newBuilder(uri("/metrics" + query))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofInputStream());

        // then exactly those families, each with the text of the whole scrape, plain and gzip alike
        assertThat(named.statusCode()).isEqualTo(200);
        assertThat(familyNames(named.body())).containsExactlyElementsOf(families);
        assertThat(named.body()).isEqualTo(familiesOf(whole, families));
        try (InputStream in = new GZIPInputStream(gzip.body())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(named.body());
        }
    }

    @Test
    void anUnknownParameterOrABadNameIsA400NamingIt() throws Exception {
        // given
        bus.publish(completed(GLUE, T0, List.of(glue(ACCOUNT, "orders", "ACTIVE", T0))));
        String tooMany = String.join("&", java.util.Collections.nCopies(101, "name[]=up"));

        // when / then: a typo is not read as "everything"
        HttpResponse<String> typo = get("/metrics?names[]=up", Map.of());
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(typo.body()).contains("\"parameter\":\"names[]\"").doesNotContain("aws_glue");
        HttpResponse<String> bad = get("/metrics?name[]=up%7Bjob%3D%22x%22%7D", Map.of());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"parameter\":\"name[]\"").contains("is not a metric name");
        HttpResponse<String> cutValue = get("/metrics?name[]=" + "x".repeat(39) + "%F0%9F%98%80tail", Map.of());
        assertThat(cutValue.statusCode()).isEqualTo(400);
        assertThat(cutValue.body()).contains("'" + "x".repeat(39) + "...'").doesNotContainIgnoringCase("\\ud83d");
        HttpResponse<String> many = get("/metrics?" + tooMany, Map.of());
        assertThat(many.statusCode()).isEqualTo(400);
        assertThat(many.body()).contains("at most 100");
    }

    /** The names of the families in an exposition, in order, from their {@code # HELP} lines. */
    private static List<String> familyNames(String text) {
        return text.lines().filter(l -> l.startsWith("# HELP ")).map(l -> l.split(" ")[2]).toList();
    }

    /** The text of the named families, cut from a whole exposition at its {@code # HELP} lines. */
    private static String familiesOf(String text, List<String> names) {
        StringBuilder out = new StringBuilder();
        boolean keep = false;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("# HELP ")) {
                keep = names.contains(line.split(" ")[2]);
            }
            if (keep) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    private static void assertOneHot(PrometheusText scrape, String family, Map<String, String> identity,
                                     ResourceKind kind, String current) {
        for (ResourceStatus status : kind.statuses()) {
            assertThat(scrape.value(family, with(identity, "status", status.label())))
                    .as(family + "{status=" + status + "}")
                    .contains(status.label().equals(current) ? 1.0 : 0.0);
        }
        assertThat(scrape.find(family, identity)).hasSize(kind.statuses().size());
    }

    private static Map<String, String> with(Map<String, String> base, String... more) {
        Map<String, String> labels = new HashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            labels.put(more[i], more[i + 1]);
        }
        return labels;
    }

    private PrometheusText scrape() throws Exception {
        HttpResponse<String> response = get("/metrics", Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        return PrometheusText.parse(response.body());
    }

    @Test
    void aFailingCollectorAnswers500BeforeAnyBody() throws Exception {
        // given resources on the rendered families and a collector of the client registry that fails
        bus.publish(completed(GLUE, T0, List.of(glue(ACCOUNT, "orders", "ACTIVE", T0))));
        metrics.prometheusRegistry().register((io.prometheus.metrics.model.registry.MultiCollector) () -> {
            throw new IllegalStateException("collector broke");
        });

        // when scraped, plain and gzip
        HttpResponse<String> plain = get("/metrics", Map.of());
        HttpResponse<String> gzip = get("/metrics", Map.of("Accept-Encoding", "gzip"));

        // then
        assertThat(plain.statusCode()).isEqualTo(500);
        assertThat(plain.body()).doesNotContain("aws_glue_integration_status");
        assertThat(gzip.statusCode()).isEqualTo(500);
    }

    @Test
    void aFamilyBothRenderedAndRegisteredAnswers500RatherThanTwoFamiliesOfOneName() throws Exception {
        // given the rendered status family, and a registered collector of the same name
        bus.publish(completed(GLUE, T0, List.of(glue(ACCOUNT, "orders", "ACTIVE", T0))));
        metrics.prometheusRegistry().register((io.prometheus.metrics.model.registry.MultiCollector)
                () -> new io.prometheus.metrics.model.snapshots.MetricSnapshots(
                new io.prometheus.metrics.model.snapshots.GaugeSnapshot(
                        new io.prometheus.metrics.model.snapshots.MetricMetadata("aws_glue_integration_status", "dup"),
                        List.of(new io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot(1,
                                io.prometheus.metrics.model.snapshots.Labels.EMPTY, null)))));

        // when / then
        assertThat(get("/metrics", Map.of()).statusCode()).isEqualTo(500);
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
