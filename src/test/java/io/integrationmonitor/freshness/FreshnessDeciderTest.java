package io.integrationmonitor.freshness;

import io.integrationmonitor.config.ConfigLoader;
import io.integrationmonitor.config.FreshnessConfig;
import io.integrationmonitor.poll.ResourceKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FreshnessDeciderTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final String GLUE_ARN = "arn:aws:glue:eu-west-1:123456789012:integration:orders";
    private static final String RS_ARN = "arn:aws:redshift:eu-west-1:123456789012:integration:abc-123";

    private static FreshnessConfig config(String yaml) {
        return ConfigLoader.parse(yaml, "test").freshness();
    }

    private static final FreshnessConfig DEFAULTS = FreshnessConfig.defaults();

    private static WatchedIntegration glue(String name, Duration refresh, Map<String, String> tags,
                                           Instant activeSince) {
        return new WatchedIntegration(GLUE_ARN, "orders", name, ResourceKind.GLUE_INTEGRATION, "123456789012",
                "eu-west-1", MetricSource.GLUE, refresh, tags, activeSince);
    }

    private static WatchedIntegration redshift() {
        return new WatchedIntegration(RS_ARN, "abc-123", "cdc", ResourceKind.RDS_INTEGRATION, "123456789012",
                "eu-west-1", MetricSource.REDSHIFT, null, Map.of(), NOW.minus(Duration.ofDays(1)));
    }

    private static Measurement lastSync(String arn, Instant at) {
        return new Measurement(arn, at, List.of(), null, null, List.of(), 0);
    }

    /** Lag samples one period (5m) apart, the last starting 5m before now, in minutes. */
    private static Measurement lag(double... minutes) {
        List<LagSample> samples = new ArrayList<>();
        for (int i = 0; i < minutes.length; i++) {
            Instant at = NOW.minus(Duration.ofMinutes(5L * (minutes.length - i)));
            samples.add(new LagSample(at, minutes[i] * 60));
        }
        return new Measurement(RS_ARN, null, samples, 0.0, null, List.of(), 0);
    }

    private static FreshnessDecider.Decision decide(FreshnessConfig config, WatchedIntegration w, Measurement m,
                                                    FreshnessReading previous) {
        return new FreshnessDecider(config).decide(List.of(w), m == null ? Map.of() : Map.of(w.arn(), m),
                previous == null ? Map.of() : Map.of(w.arn(), previous), NOW);
    }

    @Test
    void aGlueIntegrationWhoseLastSyncIsOlderThanKRefreshIntervalsPlusGraceIsStale() {
        // given refresh 1h: stale after 3 x 1h + 15m
        WatchedIntegration w = glue("orders", Duration.ofHours(1), Map.of(), NOW.minus(Duration.ofDays(2)));

        // when the last sync was 4h12m ago, and (another poll) 3h15m ago exactly
        FreshnessDecider.Decision old = decide(DEFAULTS, w,
                lastSync(GLUE_ARN, NOW.minus(Duration.ofMinutes(252)).minusSeconds(30)), null);
        FreshnessDecider.Decision edge = decide(DEFAULTS, w, lastSync(GLUE_ARN, NOW.minus(Duration.ofMinutes(195))),
                null);

        // then
        assertThat(old.findings()).singleElement().satisfies(f -> {
            assertThat(f.verdict()).isEqualTo(FreshnessVerdict.STALE);
            assertThat(f.detail()).isEqualTo("last sync 4h12m ago, refresh interval 1h (stale after 3h15m)");
        });
        assertThat(old.readings()).singleElement().satisfies(r -> {
            assertThat(r.verdicts()).containsExactly(FreshnessVerdict.STALE);
            assertThat(r.observedAt()).isEqualTo(NOW);
            assertThat(r.lastSync()).isEqualTo(NOW.minus(Duration.ofMinutes(252)).minusSeconds(30));
        });
        assertThat(edge.findings()).as("not older than the threshold").isEmpty();
        assertThat(edge.readings()).singleElement().satisfies(r -> assertThat(r.verdicts()).isEmpty());
    }

    @Test
    void withoutARefreshIntervalTheDefaultJudgesIt() {
        // given no RefreshInterval: the default 15m, stale after 1h
        WatchedIntegration w = glue("orders", null, Map.of(), NOW.minus(Duration.ofDays(2)));

        // when
        FreshnessDecider.Decision d = decide(DEFAULTS, w, lastSync(GLUE_ARN, NOW.minus(Duration.ofMinutes(61))),
                null);

        // then
        assertThat(d.findings()).singleElement().extracting(FreshnessFinding::detail)
                .isEqualTo("last sync 1h1m ago, refresh interval 15m (stale after 1h)");
    }

    @Test
    void anIntegrationNeverSyncedSinceItBecameActiveIsStaleOnceThatIsLongerThanTheThreshold() {
        // given no LastSyncTimestamp, ever
        WatchedIntegration recent = glue("orders", Duration.ofHours(1), Map.of(), NOW.minus(Duration.ofHours(2)));
        WatchedIntegration old = glue("orders", Duration.ofHours(1), Map.of(), NOW.minus(Duration.ofMinutes(252)));

        // when
        FreshnessDecider.Decision young = decide(DEFAULTS, recent, Measurement.empty(GLUE_ARN), null);
        FreshnessDecider.Decision stale = decide(DEFAULTS, old, null, null);

        // then
        assertThat(young.findings()).isEmpty();
        assertThat(stale.findings()).singleElement().extracting(FreshnessFinding::detail)
                .isEqualTo("no sync seen since ACTIVE 4h12m ago, refresh interval 1h (stale after 3h15m)");
        assertThat(stale.readings()).singleElement().satisfies(r -> assertThat(r.lastSync()).isNull());
    }

    @Test
    void aSilentMetricKeepsTheLastSyncKnownBefore() {
        // given a previous reading that knew a sync 4h12m ago
        WatchedIntegration w = glue("orders", Duration.ofHours(1), Map.of(), NOW.minus(Duration.ofDays(2)));
        Instant known = NOW.minus(Duration.ofMinutes(252));
        FreshnessReading previous = reading(w, known, Set.of());

        // when the poll saw nothing of it
        FreshnessDecider.Decision d = decide(DEFAULTS, w, null, previous);

        // then
        assertThat(d.readings()).singleElement().satisfies(r -> assertThat(r.lastSync()).isEqualTo(known));
        assertThat(d.findings()).singleElement().extracting(FreshnessFinding::detail)
                .isEqualTo("last sync 4h12m ago, refresh interval 1h (stale after 3h15m)");
    }

    @Test
    void aRedshiftIntegrationIsStaleOnlyWhileItsLagMetricIsSilent() {
        // given lag samples: the newest (5m ago, 5m long) with a lag of 2m gives a last sync 2m ago
        WatchedIntegration w = redshift();
        FreshnessDecider.Decision moving = decide(DEFAULTS, w, lag(1, 2), null);
        assertThat(moving.findings()).isEmpty();
        FreshnessReading first = moving.readings().get(0);
        assertThat(first.lastSync()).isEqualTo(NOW.minus(Duration.ofMinutes(2)));
        assertThat(first.lagSeconds()).isEqualTo(120.0);

        // when the lag metric falls silent and the last known sync was 2h ago (default refresh 15m: stale after 1h)
        FreshnessReading twoHoursAgo = reading(w, NOW.minus(Duration.ofHours(2)), Set.of());
        FreshnessDecider.Decision silent = decide(DEFAULTS, w, null, twoHoursAgo);
        // and when old samples speak again, the sync they give is no staleness
        FreshnessDecider.Decision speaking = decide(DEFAULTS, w, lag(1), twoHoursAgo);

        // then
        assertThat(silent.findings()).singleElement().satisfies(f -> {
            assertThat(f.verdict()).isEqualTo(FreshnessVerdict.STALE);
            assertThat(f.detail()).isEqualTo("last sync 2h ago, refresh interval 15m (stale after 1h)");
        });
        assertThat(silent.readings().get(0).lastSync()).isEqualTo(NOW.minus(Duration.ofHours(2)));
        assertThat(speaking.findings()).isEmpty();
    }

    @Test
    void theFirstMatchingOverrideByNameSetsTheThresholds() {
        // given an override by name with its own refresh interval, and a later one that also matches
        FreshnessConfig config = config("""
                freshness:
                  overrides:
                    - match: {name: ["nightly-*"]}
                      refresh_interval: 24h
                      grace: 1h
                    - match: {kind: [glue_integration]}
                      factor: 1
                """);
        Instant sync = NOW.minus(Duration.ofHours(26));

        // when
        FreshnessDecider.Decision nightly = decide(config,
                glue("nightly-load", Duration.ofHours(1), Map.of(), NOW.minus(Duration.ofDays(9))),
                lastSync(GLUE_ARN, sync), null);
        FreshnessDecider.Decision other = decide(config,
                glue("orders", Duration.ofHours(1), Map.of(), NOW.minus(Duration.ofDays(9))),
                lastSync(GLUE_ARN, NOW.minus(Duration.ofMinutes(90))), null);

        // then the override's refresh interval wins over the integration's, its unset factor is the default 3
        assertThat(nightly.findings()).as("26h < 3 x 24h + 1h").isEmpty();
        // and the second override (factor 1) judges the other: 90m > 1 x 1h + 15m
        assertThat(other.findings()).singleElement().extracting(FreshnessFinding::detail)
                .isEqualTo("last sync 1h30m ago, refresh interval 1h (stale after 1h15m)");
    }

    @Test
    void anOverrideByTagSetsTheThresholdsOfTheIntegrationsWithThatTag() {
        // given
        FreshnessConfig config = config("""
                freshness:
                  overrides:
                    - match: {tags: {tier: batch}}
                      factor: 10
                """);
        Instant sync = NOW.minus(Duration.ofHours(5));

        // when
        FreshnessDecider.Decision tagged = decide(config,
                glue("orders", Duration.ofHours(1), Map.of("tier", "batch"), NOW.minus(Duration.ofDays(2))),
                lastSync(GLUE_ARN, sync), null);
        FreshnessDecider.Decision untagged = decide(config,
                glue("orders", Duration.ofHours(1), Map.of("tier", "online"), NOW.minus(Duration.ofDays(2))),
                lastSync(GLUE_ARN, sync), null);

        // then
        assertThat(tagged.findings()).as("5h < 10 x 1h + 15m").isEmpty();
        assertThat(untagged.findings()).singleElement().extracting(FreshnessFinding::detail)
                .isEqualTo("last sync 5h ago, refresh interval 1h (stale after 3h15m)");
    }

    @Test
    void lagAboveItsThresholdInNOfTheLastMSamplesRaisesLagging() {
        // given N = 2 of M = 3, threshold 15m
        FreshnessConfig config = config("""
                freshness:
                  lag: {threshold: 15m, samples: 2, window: 3}
                """);

        // when: two of the last three above (an older high sample outside the window does not count)
        FreshnessDecider.Decision raised = decide(config, redshift(), lag(40, 20, 10, 23), null);
        FreshnessDecider.Decision once = decide(config, redshift(), lag(40, 40, 10, 10, 23), null);

        // then
        assertThat(raised.findings()).singleElement().satisfies(f -> {
            assertThat(f.verdict()).isEqualTo(FreshnessVerdict.LAGGING);
            assertThat(f.detail()).isEqualTo("lag 23m (threshold 15m) in 2 of the last 3 samples");
        });
        assertThat(raised.readings().get(0).verdicts()).containsExactly(FreshnessVerdict.LAGGING);
        assertThat(once.findings()).as("one of the last three").isEmpty();
    }

    @Test
    void absurdLagValuesAreBoundedNotThrown() {
        // given a huge, a negative and a NaN lag
        Measurement m = new Measurement(RS_ARN, null, List.of(new LagSample(NOW.minusSeconds(900), Double.NaN),
                new LagSample(NOW.minusSeconds(600), -5), new LagSample(NOW.minusSeconds(300), 1e300)), null, null,
                List.of(), 0);

        // when
        FreshnessDecider.Decision d = decide(DEFAULTS, redshift(), m, null);

        // then
        assertThat(d.readings().get(0).lastSync()).isEqualTo(NOW.minus(Duration.ofDays(3650)));
        assertThat(FreshnessDecider.seconds(Double.NaN)).isZero();
        assertThat(FreshnessDecider.seconds(-5)).isZero();
        assertThat(d.findings()).as("one of three above the threshold").isEmpty();
    }

    @Test
    void theDefaultsRaiseOnThreeConsecutiveSamples() {
        // when
        FreshnessDecider.Decision three = decide(DEFAULTS, redshift(), lag(16, 20, 23), null);
        FreshnessDecider.Decision two = decide(DEFAULTS, redshift(), lag(10, 20, 23), null);

        // then
        assertThat(three.findings()).singleElement().extracting(FreshnessFinding::detail)
                .isEqualTo("lag 23m (threshold 15m) in 3 of the last 3 samples");
        assertThat(two.findings()).isEmpty();
    }

    @Test
    void laggingClearsOnlyOnceNOfTheLastMAreAtOrBelowTheThreshold() {
        // given N = 2 of M = 3, lagging before
        FreshnessConfig config = config("""
                freshness:
                  lag: {threshold: 15m, samples: 2, window: 3}
                """);
        FreshnessReading lagging = reading(redshift(), NOW.minus(Duration.ofMinutes(30)),
                Set.of(FreshnessVerdict.LAGGING));

        // when: one of the last three below keeps it (hysteresis), two clear it; exactly the threshold is below
        FreshnessDecider.Decision kept = decide(config, redshift(), lag(20, 20, 10), lagging);
        FreshnessDecider.Decision cleared = decide(config, redshift(), lag(20, 15, 10), lagging);

        // then
        assertThat(kept.findings()).singleElement().extracting(FreshnessFinding::detail)
                .isEqualTo("lag 10m (threshold 15m) in 2 of the last 3 samples");
        assertThat(cleared.findings()).isEmpty();
        assertThat(cleared.readings().get(0).verdicts()).isEmpty();
    }

    @Test
    void fewerThanNSamplesKeepThePreviousVerdict() {
        // given N = 3 (default)
        FreshnessReading lagging = reading(redshift(), NOW.minus(Duration.ofMinutes(30)),
                Set.of(FreshnessVerdict.LAGGING));
        FreshnessReading fine = reading(redshift(), NOW.minus(Duration.ofMinutes(3)), Set.of());

        // when two samples only (below, then above)
        FreshnessDecider.Decision stillLagging = decide(DEFAULTS, redshift(), lag(1, 2), lagging);
        FreshnessDecider.Decision stillFine = decide(DEFAULTS, redshift(), lag(30, 40), fine);

        // then
        assertThat(stillLagging.findings()).singleElement().satisfies(f -> {
            assertThat(f.verdict()).isEqualTo(FreshnessVerdict.LAGGING);
            assertThat(f.detail()).isEqualTo("lag 2m (threshold 15m) in 0 of the last 2 samples");
        });
        assertThat(stillFine.findings()).isEmpty();
    }

    @Test
    void aSilentLagMetricKeepsLaggingWithoutAFigureOfThisPoll() {
        // given lagging before, the last known sync 30m ago (not stale: default threshold 1h)
        FreshnessReading lagging = new FreshnessReading(RS_ARN, "cdc", ResourceKind.RDS_INTEGRATION, "123456789012",
                "eu-west-1", MetricSource.REDSHIFT, NOW.minus(Duration.ofMinutes(5)), NOW.minus(Duration.ofMinutes(30)),
                1380.0, 0.0, null, List.of(), Set.of(FreshnessVerdict.LAGGING));

        // when the lag metric is silent
        FreshnessDecider.Decision d = decide(DEFAULTS, redshift(), null, lagging);

        // then
        assertThat(d.findings()).singleElement().satisfies(f -> {
            assertThat(f.verdict()).isEqualTo(FreshnessVerdict.LAGGING);
            assertThat(f.detail()).isEqualTo("no lag sample in this poll, last known lag 23m (threshold 15m)");
        });
        assertThat(d.readings().get(0).lagSeconds()).isNull();
    }

    @Test
    void anOverridesLagThresholdJudgesTheLag() {
        // given
        FreshnessConfig config = config("""
                freshness:
                  overrides:
                    - match: {kind: [rds_integration]}
                      lag_threshold: 1h
                """);

        // when
        FreshnessDecider.Decision d = decide(config, redshift(), lag(30, 40, 50), null);

        // then
        assertThat(d.findings()).isEmpty();
    }

    @Test
    void glueIngestionFailuresNameTheTablesWithTheCapCounted() {
        // given three names (the cap) and two more left out
        Measurement m = new Measurement(GLUE_ARN, NOW.minusSeconds(60), List.of(), null, 7.0,
                List.of("customers", "items", "orders"), 2);
        WatchedIntegration w = glue("orders", Duration.ofHours(1), Map.of(), NOW.minus(Duration.ofDays(2)));

        // when
        FreshnessDecider.Decision d = decide(DEFAULTS, w, m, null);

        // then
        assertThat(d.findings()).singleElement().satisfies(f -> {
            assertThat(f.verdict()).isEqualTo(FreshnessVerdict.TABLES_FAILING);
            assertThat(f.detail()).isEqualTo("5 tables failing: customers, items, orders (and 2 more)");
            assertThat(f.tables()).containsExactly("customers", "items", "orders");
        });
        assertThat(d.readings().get(0)).satisfies(r -> {
            assertThat(r.ingestionFailed()).isEqualTo(7.0);
            assertThat(r.failingTables()).containsExactly("customers", "items", "orders");
            assertThat(r.verdicts()).containsExactly(FreshnessVerdict.TABLES_FAILING);
        });
    }

    @Test
    void redshiftTablesFailedCountsTheTablesAndZeroOrNoDatapointIsNoFailure() {
        // given
        Measurement failing = new Measurement(RS_ARN, null, lag(1, 1, 1).lag(), 3.0, null, List.of(), 0);
        Measurement zero = new Measurement(RS_ARN, null, lag(1, 1, 1).lag(), 0.0, null, List.of(), 0);
        Measurement none = new Measurement(RS_ARN, null, lag(1, 1, 1).lag(), null, null, List.of(), 0);

        // when / then
        assertThat(decide(DEFAULTS, redshift(), failing, null).findings()).singleElement().satisfies(f -> {
            assertThat(f.verdict()).isEqualTo(FreshnessVerdict.TABLES_FAILING);
            assertThat(f.detail()).isEqualTo("3 tables failing");
        });
        assertThat(decide(DEFAULTS, redshift(), zero, null).findings()).isEmpty();
        assertThat(decide(DEFAULTS, redshift(), none, null).findings()).isEmpty();
    }

    @Test
    void glueIngestionFailuresWithoutTableNamesAreCounted() {
        // given failures of the integration, no table named
        Measurement m = new Measurement(GLUE_ARN, NOW.minusSeconds(60), List.of(), null, 4.0, List.of(), 0);
        WatchedIntegration w = glue("orders", Duration.ofHours(1), Map.of(), NOW.minus(Duration.ofDays(2)));

        // when
        FreshnessDecider.Decision d = decide(DEFAULTS, w, m, null);

        // then
        assertThat(d.findings()).singleElement().satisfies(f -> {
            assertThat(f.verdict()).isEqualTo(FreshnessVerdict.TABLES_FAILING);
            assertThat(f.detail()).isEqualTo("ingestion failed 4 times in the last 15m");
            assertThat(f.tables()).isEmpty();
        });
    }

    @Test
    void glueWithoutAnIngestionFailedDatapointIsNotFailing() {
        // given a fresh sync and no IngestionFailed datapoint (no SEARCH result)
        WatchedIntegration w = glue("orders", Duration.ofHours(1), Map.of(), NOW.minus(Duration.ofDays(2)));
        Measurement m = new Measurement(GLUE_ARN, NOW.minusSeconds(60), List.of(), null, null, List.of(), 0);

        // when
        FreshnessDecider.Decision d = decide(DEFAULTS, w, m, null);

        // then
        assertThat(d.findings()).isEmpty();
        assertThat(d.readings().get(0).ingestionFailed()).isNull();
    }

    @Test
    void everyWatchedIntegrationGetsAReadingMeasuredOrNot() {
        // given two integrations, one measured
        WatchedIntegration g = glue("orders", Duration.ofHours(1), Map.of(), NOW.minus(Duration.ofMinutes(10)));
        WatchedIntegration r = redshift();

        // when
        FreshnessDecider.Decision d = new FreshnessDecider(DEFAULTS).decide(List.of(g, r),
                Map.of(RS_ARN, lag(1, 1, 1)), Map.of(), NOW);

        // then
        assertThat(d.readings()).extracting(FreshnessReading::arn).containsExactly(GLUE_ARN, RS_ARN);
        assertThat(d.readings()).allSatisfy(x -> assertThat(x.observedAt()).isEqualTo(NOW));
        assertThat(d.readings().get(0).source()).isEqualTo(MetricSource.GLUE);
        assertThat(d.readings().get(1).kind()).isEqualTo(ResourceKind.RDS_INTEGRATION);
        assertThat(d.findings()).isEmpty();
    }

    private static FreshnessReading reading(WatchedIntegration w, Instant lastSync, Set<FreshnessVerdict> verdicts) {
        return new FreshnessReading(w.arn(), w.name(), w.kind(), w.accountId(), w.region(), w.source(),
                NOW.minus(Duration.ofMinutes(5)), lastSync, null, null, null, List.of(), verdicts);
    }
}
