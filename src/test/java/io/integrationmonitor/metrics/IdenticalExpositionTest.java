package io.integrationmonitor.metrics;

import io.integrationmonitor.config.HttpConfig;
import io.integrationmonitor.config.MetricsConfig.StateSets;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.http.HttpApiServer;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.ResourceStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pre-rendered families write exactly the text that client_java's registry and writers wrote from the
 * snapshot objects ({@link ResourceStateCollector}, kept here as the reference), byte for byte, in both formats
 * and gzipped, over an estate whose targets interleave, through the real HTTP server.
 */
class IdenticalExpositionTest {
    private static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final HttpClient client = HttpClient.newHttpClient();
    private final PrometheusRegistry reference = new PrometheusRegistry();
    private final ResourceStateCollector referenceResources = new ResourceStateCollector();
    private final PrometheusRegistry others = new PrometheusRegistry();
    private final RenderedExposition rendered = new RenderedExposition();
    private final ResourceStateMetrics resources =
            new ResourceStateMetrics(new SimpleMeterRegistry(), rendered, StateSets.ALL);
    private HttpApiServer server;

    @BeforeEach
    void start() throws IOException {
        // families of the client registry that sort before, between and after the rendered ones
        reference.register(FIXED);
        reference.register(referenceResources);
        others.register(FIXED);
        server = HttpApiServer.builder(new HttpConfig("127.0.0.1", 0))
                .metrics(new CombinedExposition(others, rendered, new ScrapeCost(new SimpleMeterRegistry())))
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theRenderedFamiliesWriteWhatTheClientWroteAcrossPolls() throws Exception {
        // given every target polled
        Map<PollTarget, List<KnownResource>> estate = Estate.generate(23);
        estate.forEach(this::poll);
        // then
        assertIdentical();

        // when every target polls again unchanged
        estate.forEach(this::poll);
        assertIdentical();

        // when one target's resource vanishes, another's changes status, one target loses all, one gains one
        List<PollTarget> targets = new ArrayList<>(estate.keySet());
        List<KnownResource> first = new ArrayList<>(estate.get(targets.get(0)));
        first.remove(3);
        poll(targets.get(0), first);
        List<KnownResource> second = new ArrayList<>(estate.get(targets.get(5)));
        KnownResource changed = second.get(2);
        ResourceStatus other = changed.resource().kind().statuses().stream()
                .filter(s -> s != changed.resource().status()).findFirst().orElseThrow();
        second.set(2, new KnownResource(changed.resource().withStatus(other, List.of()), changed.statusSince()
                .plusSeconds(30), changed.lastSeen(), true));
        poll(targets.get(5), second);
        poll(targets.get(9), List.of());
        List<KnownResource> third = new ArrayList<>(estate.get(targets.get(14)));
        third.add(Estate.resource(targets.get(14), 100));
        poll(targets.get(14), third);
        // then
        assertIdentical();
    }

    @Test
    void anEmptyEstateWritesOnlyTheClientsFamilies() throws Exception {
        assertIdentical();
    }

    private void poll(PollTarget target, List<KnownResource> current) {
        resources.refresh(target, current);
        referenceResources.replace(target, current.stream().map(ResourceSeries::of).toList());
    }

    private void assertIdentical() throws Exception {
        ExpositionFormats formats = ExpositionFormats.init();
        String text = reference(formats.getPrometheusTextFormatWriter());
        String openMetrics = reference(formats.getOpenMetricsTextFormatWriter());
        same(get(null, false), text);
        same(get(null, true), text);
        same(get(OPEN_METRICS, false), openMetrics);
        same(get(OPEN_METRICS, true), openMetrics);
    }

    /** Byte for byte; on a difference, the first differing line and its neighbours rather than 100 kB. */
    private static void same(String actual, String expected) {
        if (actual.equals(expected)) {
            return;
        }
        String[] a = actual.split("\n", -1);
        String[] e = expected.split("\n", -1);
        int i = 0;
        while (i < Math.min(a.length, e.length) && a[i].equals(e[i])) {
            i++;
        }
        int from = Math.max(0, i - 2);
        assertThat(String.join("\n", List.of(a).subList(from, Math.min(a.length, i + 3))))
                .as("line %d of %d (expected %d lines)", i + 1, a.length, e.length)
                .isEqualTo(String.join("\n", List.of(e).subList(from, Math.min(e.length, i + 3))));
    }

    private String reference(ExpositionFormatWriter writer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out, reference.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    private String get(String accept, boolean gzip) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"));
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).isEqualTo(gzip
                ? java.util.Optional.of("gzip") : java.util.Optional.empty());
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readAllBytes();
        }
        if (!gzip) {
            return new String(body, StandardCharsets.UTF_8);
        }
        // read whole first: GZIPInputStream goes on to a next member only if its source has bytes available
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static final MultiCollector FIXED = () -> new MetricSnapshots(
            gauge("a_first_gauge", 1.5),
            gauge("aws_glue_integration_a_gauge", 2),
            gauge("aws_rds_integration_stuck_x", 3),
            gauge("zz_last_gauge", 4),
            new CounterSnapshot(new MetricMetadata("aws_redshift_requests", "Requests \"quoted\" help"),
                    List.of(new CounterDataPointSnapshot(7, Labels.of("op", "x\ny"), null, 0))));

    private static GaugeSnapshot gauge(String name, double value) {
        return new GaugeSnapshot(new MetricMetadata(name, "help of " + name),
                List.of(new GaugeDataPointSnapshot(value, Labels.of("k", "v"), null)));
    }
}
