package io.integrationmonitor.freshness;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.integrationmonitor.config.FreshnessConfig;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.pipeline.Permission;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.testing.LogCapture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import static io.integrationmonitor.freshness.FreshnessFixtures.ACCOUNT;
import static io.integrationmonitor.freshness.FreshnessFixtures.NOW;
import static io.integrationmonitor.freshness.FreshnessFixtures.REGION;
import static io.integrationmonitor.freshness.FreshnessFixtures.active;
import static io.integrationmonitor.freshness.FreshnessFixtures.glueArn;
import static io.integrationmonitor.freshness.FreshnessFixtures.page;
import static io.integrationmonitor.freshness.FreshnessFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The runner's paths through the real SDK CloudWatchClient against a scripted endpoint on loopback. The decider is
 * the real one: the paths here end before it, or do not depend on what it decides.
 */
class FreshnessRunnerTest {
    @RegisterExtension
    final LogCapture logs = LogCapture.of(FreshnessRunner.class).withLevel(Level.DEBUG);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<FreshnessPollResult> recorded = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final FreshnessFixtures.MemoryReadings readings = new FreshnessFixtures.MemoryReadings();
    private final FreshnessFixtures.RecordingSink sink = new FreshnessFixtures.RecordingSink();
    private final FreshnessConfig config = FreshnessConfig.defaults();
    private final List<KnownResource> known = new ArrayList<>();
    private CloudWatchLoopback loopback;

    @BeforeEach
    void setUp() throws Exception {
        loopback = new CloudWatchLoopback(registry);
    }

    @AfterEach
    void tearDown() {
        loopback.close();
    }

    @Test
    void theKeyNamesAccountAndRegion() {
        assertThat(FreshnessRunner.key(ACCOUNT, REGION)).isEqualTo("freshness/123456789012/eu-west-1");
        assertThat(runner(() -> known).key()).isEqualTo("freshness/123456789012/eu-west-1");
    }

    @Test
    void noWatchedIntegrationCompletesWithoutARequest() {
        // given the status polls know no ACTIVE integration here, and an old reading
        readings.replace(ACCOUNT, REGION, List.of(reading(glueArn(1))));

        // when
        FreshnessPollResult result = runner(() -> known).runOnce();

        // then
        assertThat(result.outcome()).isEqualTo(FreshnessPollResult.Outcome.COMPLETED);
        assertThat(result.requests()).isZero();
        assertThat(result.queries()).isZero();
        assertThat(loopback.requests()).isZero();
        assertThat(readings.of(ACCOUNT, REGION)).isEmpty();
        assertThat(sink.calls).singleElement().satisfies(call -> {
            assertThat(call.findings()).isEmpty();
            assertThat(call.judged()).isEmpty();
            assertThat(call.now()).isEqualTo(NOW);
        });
    }

    @Test
    void withoutASinkNoAlertIsSent() {
        // when `once` runs it
        FreshnessRunner runner = new FreshnessRunner(ACCOUNT, REGION, loopback.cloudWatch,
                new WatchedIntegrations(() -> known), readings, new FreshnessDecider(config), null, config,
                (r, took) -> recorded.add(r), clock());

        // then
        assertThat(runner.runOnce().outcome()).isEqualTo(FreshnessPollResult.Outcome.COMPLETED);
    }

    @Test
    void aRefusalIsReportedOnceThenProbedEveryTenthRun() {
        // given CloudWatch refuses the role, twice
        known.add(active(ResourceKind.GLUE_INTEGRATION, glueArn(1)));
        loopback.error(403, "AccessDenied").error(403, "AccessDenied");
        FreshnessRunner runner = runner(() -> known);

        // when it runs 11 times
        List<FreshnessPollResult> results = new ArrayList<>();
        for (int i = 0; i < 1 + Permission.PROBE_EVERY; i++) {
            results.add(runner.runOnce());
        }

        // then not permitted every time, CloudWatch asked on the first and the eleventh run only
        assertThat(results).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(FreshnessPollResult.Outcome.NOT_PERMITTED);
            assertThat(r.message()).contains("cloudwatch:GetMetricData", "AccessDenied from CloudWatch (HTTP 403)");
        });
        assertThat(loopback.requests()).isEqualTo(2);
        // one WARN only, the second refusal at DEBUG
        assertThat(logs.atLeast(Level.WARN)).extracting(ILoggingEvent::getFormattedMessage).singleElement()
                .asString()
                .startsWith("freshness of account 123456789012 region eu-west-1 not permitted: the role lacks "
                        + "cloudwatch:GetMetricData; status polls go on")
                .doesNotContain("loopback-secret", "assumed-role");
        assertThat(logs.at(Level.DEBUG)).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).contains("still not permitted"));
        // nothing changed, nothing alerted
        assertThat(readings.replaced).isZero();
        assertThat(sink.calls).isEmpty();
        assertThat(count("not_permitted")).isEqualTo(2.0);
    }

    @Test
    void aGrantIsNoticedAtTheNextProbeAndLoggedOnce() {
        // given CloudWatch refuses, then answers at the next probe
        known.add(active(ResourceKind.GLUE_INTEGRATION, glueArn(1)));
        loopback.error(403, "AccessDenied").page(page(null, result("q0_sync", List.of(), List.of())));
        FreshnessRunner runner = runner(() -> known);

        // when it runs until the probe
        for (int i = 0; i < 1 + Permission.PROBE_EVERY; i++) {
            runner.runOnce();
        }

        // then one INFO says so (what the decider makes of the answer does not matter here)
        assertThat(loopback.requests()).isEqualTo(2);
        assertThat(logs.at(Level.INFO)).extracting(ILoggingEvent::getFormattedMessage)
                .filteredOn(m -> m.contains("is permitted now")).hasSize(1);
    }

    @Test
    void aRefusalAfterAnAnswerIsAFailedPoll() {
        // given CloudWatch answered once, then refuses (the permission was revoked)
        known.add(active(ResourceKind.GLUE_INTEGRATION, glueArn(1)));
        loopback.page(page(null)).error(403, "AccessDenied");
        FreshnessRunner runner = runner(() -> known);
        runner.runOnce();

        // when
        FreshnessPollResult result = runner.runOnce();

        // then an incident, not a missing grant
        assertThat(result.outcome()).isEqualTo(FreshnessPollResult.Outcome.FAILED);
        assertThat(result.message()).contains("AccessDenied from CloudWatch (HTTP 403)");
    }

    @Test
    void aServerErrorFailsThePollAndChangesNothing() {
        // given a reading from before, and CloudWatch failing twice
        known.add(active(ResourceKind.GLUE_INTEGRATION, glueArn(1)));
        FreshnessReading before = reading(glueArn(1));
        readings.replace(ACCOUNT, REGION, List.of(before));
        loopback.error(500, "InternalServiceError").error(500, "InternalServiceError");
        FreshnessRunner runner = runner(() -> known);

        // when
        FreshnessPollResult first = runner.runOnce();
        FreshnessPollResult second = runner.runOnce();

        // then failed, the readings untouched, no reconcile
        assertThat(List.of(first, second)).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(FreshnessPollResult.Outcome.FAILED);
            assertThat(r.message()).isEqualTo("CloudWatch GetMetricData page 1: InternalServiceError from CloudWatch "
                    + "(HTTP 500)");
            assertThat(r.requests()).isEqualTo(1);
            assertThat(r.queries()).isEqualTo(2);
        });
        assertThat(readings.replaced).isEqualTo(1);
        assertThat(readings.of(ACCOUNT, REGION)).containsExactly(java.util.Map.entry(glueArn(1), before));
        assertThat(sink.calls).isEmpty();
        // one WARN for the streak
        assertThat(logs.atLeast(Level.WARN)).singleElement().extracting(ILoggingEvent::getFormattedMessage)
                .asString().contains("failed (server_error)", "InternalServiceError from CloudWatch (HTTP 500)");
        assertThat(count("failed")).isEqualTo(2.0);
    }

    @Test
    void aMalformedAnswerFailsThePoll() {
        // given a page whose timestamps and values differ in length
        known.add(active(ResourceKind.GLUE_INTEGRATION, glueArn(1)));
        loopback.page(page(null, result("q0_sync", List.of(NOW, NOW.minusSeconds(300)), List.of(1.0))));

        // when
        FreshnessPollResult result = runner(() -> known).runOnce();

        // then
        assertThat(result.outcome()).isEqualTo(FreshnessPollResult.Outcome.FAILED);
        assertThat(result.message()).contains("2 timestamps and 1 values");
        assertThat(readings.replaced).isZero();
        assertThat(sink.calls).isEmpty();
    }

    @Test
    void neverThrowsOutOfRun() {
        // given the shared state cannot be read
        Supplier<List<KnownResource>> broken = () -> {
            throw new IllegalStateException("database is down");
        };
        FreshnessRunner runner = runner(broken);

        // when / then
        assertThatCode(runner::run).doesNotThrowAnyException();
        assertThat(runner.runOnce().outcome()).isEqualTo(FreshnessPollResult.Outcome.FAILED);
        assertThat(loopback.requests()).isZero();
    }

    @Test
    void aCompletedPollReplacesTheReadingsAndReconcilesTheJudged() {
        // given one Glue integration and CloudWatch's answer in one page
        known.add(active(ResourceKind.GLUE_INTEGRATION, glueArn(1)));
        loopback.page(page(null, result("q0_sync", List.of(NOW.minusSeconds(300)),
                List.of((double) NOW.minusSeconds(600).getEpochSecond())),
                result("q0_ingfail", "orders", "Complete", List.of(), List.of())));

        // when
        FreshnessPollResult result = runner(() -> known).runOnce();

        // then
        assertThat(result.outcome()).isEqualTo(FreshnessPollResult.Outcome.COMPLETED);
        assertThat(result.requests()).isEqualTo(1);
        assertThat(result.queries()).isEqualTo(2);
        assertThat(result.readings()).extracting(FreshnessReading::arn).containsExactly(glueArn(1));
        assertThat(readings.of(ACCOUNT, REGION)).containsOnlyKeys(glueArn(1));
        assertThat(sink.calls).singleElement().satisfies(call -> assertThat(call.judged()).containsExactly(glueArn(1)));
        assertThat(count("completed")).isEqualTo(1.0);
    }

    private FreshnessRunner runner(Supplier<List<KnownResource>> known) {
        return new FreshnessRunner(ACCOUNT, REGION, loopback.cloudWatch, new WatchedIntegrations(known), readings,
                new FreshnessDecider(config), sink, config, (r, took) -> recorded.add(r), clock());
    }

    private static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    private static FreshnessReading reading(String arn) {
        return new FreshnessReading(arn, "n", ResourceKind.GLUE_INTEGRATION, ACCOUNT, REGION, MetricSource.GLUE,
                NOW.minus(Duration.ofMinutes(5)), Instant.EPOCH, null, null, null, List.of(), Set.of());
    }

    /** Polls recorded with this outcome (the self-metrics are metrics.FreshnessPollMetrics's, tested there). */
    private double count(String outcome) {
        return recorded.stream().filter(r -> r.outcome().name().equalsIgnoreCase(outcome)).count();
    }
}
