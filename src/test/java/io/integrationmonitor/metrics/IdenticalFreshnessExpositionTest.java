package io.integrationmonitor.metrics;

import io.integrationmonitor.freshness.FreshnessReading;
import io.integrationmonitor.freshness.FreshnessReadings;
import io.integrationmonitor.freshness.FreshnessVerdict;
import io.integrationmonitor.freshness.MetricSource;
import io.integrationmonitor.poll.ResourceKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pre-rendered freshness families write what the Micrometer gauges wrote ({@link MicrometerFreshnessMetrics},
 * kept here as the reference), byte for byte, in both formats, across refreshes that change, keep and drop
 * integrations.
 */
class IdenticalFreshnessExpositionTest {
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00.250Z");
    private static final String[] NAMES = {"orders", "quote\"d", "back\\slash", "new\nline", "grüße", null, ""};

    private final Readings readings = new Readings();
    private final PrometheusMeterRegistry referenceRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MicrometerFreshnessMetrics reference =
            new MicrometerFreshnessMetrics(referenceRegistry, readings, true);
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final RenderedExposition rendered = new RenderedExposition();
    private final FreshnessMetrics metrics = new FreshnessMetrics(registry, rendered, readings, true);

    @Test
    void theRenderedFreshnessFamiliesWriteWhatTheMicrometerGaugesWrote() throws IOException {
        // given
        List<FreshnessReading> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            all.add(reading(i, 0));
        }
        readings.now = all;
        refresh();
        assertIdentical();

        // when refreshed unchanged, then with one gone and one changed
        refresh();
        assertIdentical();
        all.set(7, reading(7, 1));
        all.remove(5);
        refresh();
        assertIdentical();

        // when nothing is watched any more
        readings.now = List.of();
        refresh();
        assertIdentical();
    }

    private void refresh() {
        reference.refresh();
        metrics.refresh();
    }

    private void assertIdentical() throws IOException {
        ExpositionFormats formats = ExpositionFormats.init();
        for (ExpositionFormatWriter writer : List.of(formats.getPrometheusTextFormatWriter(),
                formats.getOpenMetricsTextFormatWriter())) {
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            writer.write(expected, referenceRegistry.getPrometheusRegistry().scrape());
            boolean openMetrics = writer == formats.getOpenMetricsTextFormatWriter()
                    || writer.getContentType().contains("openmetrics");
            ByteArrayOutputStream actual = new ByteArrayOutputStream();
            new CombinedExposition(registry.getPrometheusRegistry(), rendered, new ScrapeCost(new SimpleMeterRegistry())).collect(openMetrics)
                    .write(actual, false);
            assertThat(actual.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString(StandardCharsets.UTF_8));
        }
    }

    private static FreshnessReading reading(int i, int generation) {
        ResourceKind kind = List.of(ResourceKind.GLUE_INTEGRATION, ResourceKind.RDS_INTEGRATION,
                ResourceKind.REDSHIFT_INTEGRATION, ResourceKind.REDSHIFT_INBOUND_INTEGRATION).get(i % 4);
        MetricSource source = kind == ResourceKind.GLUE_INTEGRATION ? MetricSource.GLUE : MetricSource.REDSHIFT;
        String name = NAMES[i % NAMES.length];
        String account = i % 3 == 0 ? "210987654321" : "123456789012";
        String arn = "arn:aws:" + kind.label() + ":eu-west-1:" + account + ":integration:" + name + "-" + i;
        Set<FreshnessVerdict> verdicts = EnumSet.noneOf(FreshnessVerdict.class);
        if ((i + generation) % 5 == 1) {
            verdicts.add(FreshnessVerdict.STALE);
        }
        if ((i + generation) % 7 == 2) {
            verdicts.add(FreshnessVerdict.LAGGING);
            verdicts.add(FreshnessVerdict.TABLES_FAILING);
        }
        List<String> tables = source == MetricSource.GLUE && i % 2 == 0 ? List.of("t\"1", "t2-" + generation)
                : List.of();
        return new FreshnessReading(arn, name, kind, account, "eu-west-1", source, T0,
                i % 6 == 5 ? null : T0.minusSeconds(i * 61L + generation),
                i % 4 == 3 ? null : (double) i * 1.5, i % 5 == 0 ? null : (double) (i % 3),
                i % 2 == 0 ? (double) i : null, tables, verdicts);
    }

    private static final class Readings implements FreshnessReadings {
        volatile List<FreshnessReading> now = List.of();

        @Override
        public Map<String, FreshnessReading> of(String accountId, String region) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void replace(String accountId, String region, List<FreshnessReading> readings) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<FreshnessReading> all() {
            return List.copyOf(now);
        }
    }
}
