package io.integrationmonitor.metrics;

import io.integrationmonitor.detect.PollCompleted;
import io.integrationmonitor.detect.PollFailed;
import io.integrationmonitor.detect.PollNotPermitted;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.Snapshot;
import io.integrationmonitor.poll.Source;
import io.integrationmonitor.poll.UnlistedDataIntegration;
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
import java.util.ArrayList;
import java.util.List;

import static io.integrationmonitor.metrics.Fixtures.glue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rendered per-target poll families write what the Micrometer meters registered with the exposition's
 * registry wrote ({@link MicrometerPollMetrics}, kept here as the reference), byte for byte, in both formats,
 * over targets whose rows interleave (the {@code reason} label sorts between {@code account_id} and
 * {@code region}), every kind of poll event, buckets on and between their bounds, and a maximum that decays.
 */
class IdenticalPollExpositionTest {
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private final MockClock clock = new MockClock();
    private final PrometheusMeterRegistry referenceRegistry = registry();
    private final PrometheusMeterRegistry registry = registry();
    private final RenderedExposition rendered = new RenderedExposition();
    private final List<PollTarget> known = targets();
    private final MicrometerPollMetrics reference = new MicrometerPollMetrics(referenceRegistry, known);
    private final PollFamilies families = new PollFamilies(rendered);
    private final PollMetrics metrics = new PollMetrics(registry, registry(), families, known);

    @Test
    void theRenderedPollFamiliesWriteWhatTheMicrometerMetersWrote() throws IOException {
        // given the known targets before any poll
        assertIdentical();

        // when every target's polls end in turn, some succeeding, some failing, some refused
        PollTarget late = new PollTarget(Source.RDS_INTEGRATIONS, "999999999999", "ap-south-1");
        List<PollTarget> all = new ArrayList<>(known);
        for (int round = 0; round < 6; round++) {
            if (round == 2) {
                all.add(late); // a target not known at start appears with its first poll
            }
            for (int i = 0; i < all.size(); i++) {
                PollTarget target = all.get(i);
                // durations on a bucket bound (100 ms, 1 s, 5 min), between bounds and beyond the last one
                Duration took = List.of(Duration.ofMillis(100), Duration.ofMillis(730), Duration.ofSeconds(1),
                        Duration.ofMillis(2501), Duration.ofMinutes(5), Duration.ofMinutes(7))
                        .get((i + round) % 6);
                switch ((i * 7 + round) % 5) {
                    case 0, 1 -> apply(completed(target, took, i + round, round == 3 && i == 1));
                    case 2 -> apply(new PollFailed(target, now(), took,
                            PollErrorReason.values()[(i + round) % PollErrorReason.values().length], "simulated",
                            round + 1));
                    case 3 -> apply(new PollNotPermitted(target, now(), took, "arn:aws:iam::1:role/m", "denied",
                            round == 0));
                    default -> apply(targeted(target)); // says nothing of the target's listing: ignored
                }
            }
            // then the text is the same after every round
            assertIdentical();
            // and the clock moves on, past the maximum's window in round 4
            clock.add(round == 4 ? Duration.ofMinutes(3) : Duration.ofSeconds(7));
            for (PollTarget target : all) {
                apply(completed(target, Duration.ofMillis(40), 3, false));
            }
            assertIdentical();
        }
    }

    @Test
    void theMaximumIsTheOneAsOfTheTargetsLastPoll() throws IOException {
        // given one slow poll
        PollTarget target = known.get(0);
        apply(completed(target, Duration.ofSeconds(42), 1, false));
        assertThat(maxLine(text(false), target)).endsWith(" 42.0");

        // when no poll ends for five minutes (Micrometer's maximum decays to 0 in two)
        clock.add(Duration.ofMinutes(5));

        // then the rendered maximum is still the last poll's window, where the registered meter's went to 0
        assertThat(maxLine(text(false), target)).endsWith(" 42.0");
        assertThat(maxLine(reference(false), target)).endsWith(" 0.0");
    }

    @Test
    void aPollKeepsTheBlocksOfTheFamiliesItDidNotChange() throws IOException {
        // given a target that succeeded once
        PollTarget target = known.get(0);
        apply(completed(target, Duration.ofSeconds(2), 3, false));
        RenderedBlock errors = families.errors.block(target);
        RenderedBlock resources = families.resources.block(target);
        RenderedBlock duration = families.duration.block(target);

        // when it succeeds again with as many resources
        apply(completed(target, Duration.ofSeconds(4), 3, false));

        // then the unchanged families keep their blocks (and kept gzip pieces); the duration's is new
        assertThat(families.errors.block(target)).isSameAs(errors);
        assertThat(families.resources.block(target)).isSameAs(resources);
        assertThat(families.duration.block(target)).isNotSameAs(duration);
        assertIdentical();
    }

    private void apply(PollCompleted event) {
        reference.onPollCompleted(event);
        metrics.onPollCompleted(event);
    }

    private void apply(PollFailed event) {
        reference.onPollFailed(event);
        metrics.onPollFailed(event);
    }

    private void apply(PollNotPermitted event) {
        reference.onPollNotPermitted(event);
        metrics.onPollNotPermitted(event);
    }

    private void assertIdentical() throws IOException {
        for (boolean openMetrics : List.of(false, true)) {
            assertThat(text(openMetrics)).isEqualTo(reference(openMetrics));
        }
    }

    private String reference(boolean openMetrics) throws IOException {
        ExpositionFormats formats = ExpositionFormats.init();
        ExpositionFormatWriter writer = openMetrics ? formats.getOpenMetricsTextFormatWriter()
                : formats.getPrometheusTextFormatWriter();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        writer.write(expected, referenceRegistry.getPrometheusRegistry().scrape());
        return expected.toString(StandardCharsets.UTF_8);
    }

    private String text(boolean openMetrics) throws IOException {
        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        new CombinedExposition(registry.getPrometheusRegistry(), rendered, new ScrapeCost(new SimpleMeterRegistry())).collect(openMetrics).write(actual, false);
        return actual.toString(StandardCharsets.UTF_8);
    }

    private static String maxLine(String text, PollTarget target) {
        return text.lines().filter(l -> l.startsWith("integration_monitor_poll_duration_seconds_max{")
                        && l.contains("account_id=\"" + target.accountId() + "\"")
                        && l.contains("region=\"" + target.region() + "\"")
                        && l.contains("source=\"" + target.source().label() + "\""))
                .findFirst().orElseThrow();
    }

    private PollCompleted completed(PollTarget target, Duration took, int resources, boolean unlisted) {
        List<ObservedResource> observed = new ArrayList<>();
        for (int r = 0; r < resources; r++) {
            observed.add(glue(target.accountId(), "i-" + r, "ACTIVE", T0).resource());
        }
        List<UnlistedDataIntegration> gaps = unlisted
                ? List.of(new UnlistedDataIntegration("arn:aws:app-integrations:eu-west-1:1:data-integration/di",
                        "di", PollErrorReason.THROTTLED, "slow down", 1))
                : List.of();
        return new PollCompleted(new Snapshot(target, now(), observed, 1, gaps, ""), List.of(), List.of(), took);
    }

    private PollCompleted targeted(PollTarget target) {
        ObservedResource one = glue(target.accountId(), "one", "ACTIVE", T0).resource();
        return new PollCompleted(Snapshot.targeted(target, now(), one), List.of(), List.of(), Duration.ofMillis(30));
    }

    private Instant now() {
        return T0.plusMillis(clock.wallTime());
    }

    private PrometheusMeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);
    }

    /** Accounts and regions whose targets' rows interleave in every family sorted by labels. */
    private static List<PollTarget> targets() {
        List<PollTarget> targets = new ArrayList<>();
        for (String account : List.of("123456789012", "210987654321")) {
            for (String region : List.of("eu-west-1", "us-east-1")) {
                for (Source source : List.of(Source.GLUE_INTEGRATIONS, Source.APPINTEGRATIONS_ASSOCIATIONS,
                        Source.REDSHIFT_INBOUND_INTEGRATIONS)) {
                    targets.add(new PollTarget(source, account, region));
                }
            }
        }
        return targets;
    }
}
