package io.integrationmonitor.metrics;

import io.integrationmonitor.freshness.FreshnessPollResult;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rendered freshness-poll families write what the Micrometer meters registered with the exposition's
 * registry wrote ({@link MicrometerFreshnessPollMetrics}, kept here as the reference), byte for byte, in both
 * formats, over places whose rows interleave ({@code outcome} sorts between {@code account_id} and
 * {@code region}), every outcome, and a maximum that decays.
 */
class IdenticalFreshnessPollExpositionTest {
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private static final List<String> ACCOUNTS = List.of("123456789012", "210987654321");
    private static final List<String> REGIONS = List.of("eu-west-1", "us-east-1", "ap-south-1");

    private final MockClock clock = new MockClock();
    private final PrometheusMeterRegistry referenceRegistry = registry();
    private final MicrometerFreshnessPollMetrics reference = new MicrometerFreshnessPollMetrics(referenceRegistry);
    private final RenderedExposition rendered = new RenderedExposition();
    private final FreshnessPollMetrics metrics = new FreshnessPollMetrics(rendered, registry());

    @Test
    void theRenderedFreshnessPollFamiliesWriteWhatTheMicrometerMetersWrote() throws IOException {
        // given nothing polled yet
        assertIdentical();

        for (int round = 0; round < 5; round++) {
            // when every place polls, with each outcome in turn (the last region joins in round 1)
            int i = 0;
            for (String account : ACCOUNTS) {
                for (String region : REGIONS) {
                    i++;
                    if (round == 0 && region.equals("ap-south-1")) {
                        continue;
                    }
                    FreshnessPollResult.Outcome outcome =
                            FreshnessPollResult.Outcome.values()[(i + round) % FreshnessPollResult.Outcome.values().length];
                    FreshnessPollResult result = new FreshnessPollResult(account, region, outcome,
                            T0.plusMillis(clock.wallTime()), "", List.of(), List.of(), 100 * i + round, 1 + round);
                    Duration took = List.of(Duration.ofMillis(100), Duration.ofMillis(333), Duration.ofSeconds(7),
                            Duration.ofMinutes(6)).get((i + round) % 4);
                    reference.record(result, took);
                    metrics.record(result, took);
                }
            }
            // then
            assertIdentical();
            clock.add(round == 2 ? Duration.ofMinutes(3) : Duration.ofSeconds(11));
        }
    }

    private void assertIdentical() throws IOException {
        ExpositionFormats formats = ExpositionFormats.init();
        for (boolean openMetrics : List.of(false, true)) {
            ExpositionFormatWriter writer = openMetrics ? formats.getOpenMetricsTextFormatWriter()
                    : formats.getPrometheusTextFormatWriter();
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            writer.write(expected, referenceRegistry.getPrometheusRegistry().scrape());
            ByteArrayOutputStream actual = new ByteArrayOutputStream();
            new CombinedExposition(new PrometheusRegistry(), rendered, new ScrapeCost(new SimpleMeterRegistry())).collect(openMetrics).write(actual, false);
            assertThat(actual.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString(StandardCharsets.UTF_8));
        }
    }

    private PrometheusMeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);
    }
}
