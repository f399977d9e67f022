package io.integrationmonitor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code freshness:} section (#14): on by default, strict, every problem named at its full key path. */
class FreshnessConfigTest {
    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void freshnessIsOnByDefaultWithTheDocumentedThresholds() {
        // when
        FreshnessConfig freshness = ConfigLoader.parse("", "empty.yaml", NO_ENV).freshness();

        // then
        assertThat(freshness).isEqualTo(FreshnessConfig.defaults());
        assertThat(freshness.enabled()).isTrue();
        assertThat(freshness.interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(freshness.lookback()).isEqualTo(Duration.ofHours(3));
        assertThat(freshness.period()).isEqualTo(Duration.ofMinutes(5));
        assertThat(freshness.stale().factor()).isEqualTo(3);
        assertThat(freshness.stale().grace()).isEqualTo(Duration.ofMinutes(15));
        assertThat(freshness.stale().defaultRefreshInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(freshness.stale().threshold(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(195));
        assertThat(freshness.lag().threshold()).isEqualTo(Duration.ofMinutes(15));
        assertThat(freshness.lag().samples()).isEqualTo(3);
        assertThat(freshness.lag().window()).isEqualTo(3);
        assertThat(freshness.tablesFailing().window()).isEqualTo(Duration.ofMinutes(15));
        assertThat(freshness.tablesFailing().maxTables()).isEqualTo(20);
        assertThat(freshness.overrides()).isEmpty();
        assertThat(freshness.tableLabels()).isFalse();
        assertThat(freshness.pricePerThousandMetrics()).isEqualTo(0.01);
    }

    @Test
    void everyKeyIsBound() {
        // given
        String yaml = """
                freshness:
                  enabled: false
                  interval: 10m
                  lookback: 6h
                  period: 2m
                  stale: {factor: 2, grace: 0s, default_refresh_interval: 1h}
                  lag: {threshold: 30m, samples: 2, window: 5}
                  tables_failing: {window: 1h, max_tables: 5}
                  table_labels: true
                  price_per_thousand_metrics: 0.03
                """;

        // when
        FreshnessConfig freshness = ConfigLoader.parse(yaml, "freshness.yaml", NO_ENV).freshness();

        // then
        assertThat(freshness.enabled()).isFalse();
        assertThat(freshness.interval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(freshness.lookback()).isEqualTo(Duration.ofHours(6));
        assertThat(freshness.period()).isEqualTo(Duration.ofMinutes(2));
        assertThat(freshness.stale()).isEqualTo(
                new FreshnessConfig.StaleConfig(2, Duration.ZERO, Duration.ofHours(1)));
        assertThat(freshness.lag()).isEqualTo(new FreshnessConfig.LagConfig(Duration.ofMinutes(30), 2, 5));
        assertThat(freshness.tablesFailing()).isEqualTo(new FreshnessConfig.TablesFailingConfig(Duration.ofHours(1), 5));
        assertThat(freshness.tableLabels()).isTrue();
        assertThat(freshness.pricePerThousandMetrics()).isEqualTo(0.03);
    }

    @Test
    void lagWindowDefaultsToSamplesSoThatNMeansNConsecutive() {
        // when
        FreshnessConfig freshness = ConfigLoader.parse("freshness: {lag: {samples: 5}}\n", "lag.yaml", NO_ENV)
                .freshness();

        // then
        assertThat(freshness.lag().samples()).isEqualTo(5);
        assertThat(freshness.lag().window()).isEqualTo(5);
    }

    @Test
    void overridesMatchByNamePatternAndByTagInOrder() {
        // given
        String yaml = """
                freshness:
                  overrides:
                    - match: {name: ["orders-*", "billing-?"]}
                      refresh_interval: 1h
                      factor: 2
                      grace: 30m
                    - match:
                        tags: {freshness: relaxed}
                        kind: rds_integration
                        account_id: "123456789012"
                        region: eu-west-1
                      lag_threshold: 1h
                """;

        // when
        List<FreshnessOverrideConfig> overrides = ConfigLoader.parse(yaml, "overrides.yaml", NO_ENV).freshness()
                .overrides();

        // then
        assertThat(overrides).hasSize(2);
        FreshnessOverrideConfig byName = overrides.get(0);
        assertThat(byName.match().name()).containsExactly("orders-*", "billing-?");
        assertThat(byName.refreshInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(byName.factor()).isEqualTo(2);
        assertThat(byName.grace()).isEqualTo(Duration.ofMinutes(30));
        assertThat(byName.lagThreshold()).isNull();
        FreshnessOverrideConfig byTag = overrides.get(1);
        assertThat(byTag.match().tags()).containsExactly(Map.entry("freshness", "relaxed"));
        assertThat(byTag.match().kind()).containsExactly("rds_integration");
        assertThat(byTag.match().accountId()).containsExactly("123456789012");
        assertThat(byTag.match().region()).containsExactly("eu-west-1");
        assertThat(byTag.lagThreshold()).isEqualTo(Duration.ofHours(1));
        assertThat(byTag.refreshInterval()).isNull();
        assertThat(byTag.factor()).isNull();
        assertThat(byTag.grace()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "interval: 30s | freshness.interval: must be at least 1m, got 30s",
            "period: 30s | freshness.period: must be at least 1m, got 30s",
            "period: 90s | freshness.period: must be whole minutes (CloudWatch periods of 60 s and more are multiples of 60), got 1m30s",
            "lookback: 10m | freshness.lookback: must hold at least lag.samples periods (3 x 5m), got 10m",
            "lookback: 15d | freshness.lookback: must be at most 14d, got 15d",
            "price_per_thousand_metrics: -0.01 | freshness.price_per_thousand_metrics: must be a non-negative number, got -0.01",
            "enabled: maybe | freshness.enabled: expected true or false, got 'maybe'",
            "'stale: {factor: 0}' | freshness.stale.factor: must be between 1 and 100, got 0",
            "'stale: {grace: -1m}' | freshness.stale.grace: invalid duration, got '-1m': durations must not be negative",
            "'stale: {default_refresh_interval: 30s}' | freshness.stale.default_refresh_interval: must be at least 1m, got 30s",
            "'lag: {threshold: 0s}' | freshness.lag.threshold: must be at least 1s, got 0s",
            "'lag: {samples: 0}' | freshness.lag.samples: must be between 1 and 100, got 0",
            "'lag: {window: 101}' | freshness.lag.window: must be between 1 and 100, got 101",
            "'lag: {samples: 3, window: 2}' | freshness.lag.window: must be at least samples (3), got 2",
            "'tables_failing: {window: 30s}' | freshness.tables_failing.window: must be at least 1m, got 30s",
            "'tables_failing: {window: 4h}' | freshness.tables_failing.window: must be at most lookback (3h): older datapoints are not asked for, got 4h",
            "'tables_failing: {max_tables: 0}' | freshness.tables_failing.max_tables: must be between 1 and 1000, got 0"})
    void eachBadValueIsNamedAtItsFullKey(String line, String problem) {
        assertThat(problems("freshness:\n  " + line + "\n")).extracting(ConfigProblem::toString)
                .containsExactly(problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'{refresh_interval: 1h}' | freshness.overrides[0].match: must name the integrations it applies to (kind, account_id, region, name or tags)",
            "'{match: {name: x}}' | freshness.overrides[0]: must set at least one of refresh_interval, factor, grace or lag_threshold",
            "'{match: {name: x, condition: stale}, factor: 2}' | freshness.overrides[0].match.condition: does not apply to freshness overrides: they match integrations, not alerts",
            "'{match: {name: x, status: ACTIVE}, factor: 2}' | freshness.overrides[0].match.status: does not apply to freshness overrides: they match integrations, not alerts",
            "'{match: {name: x}, refresh_interval: 10s}' | freshness.overrides[0].refresh_interval: must be at least 1m, got 10s",
            "'{match: {name: x}, factor: 101}' | freshness.overrides[0].factor: must be between 1 and 100, got 101",
            "'{match: {name: x}, grace: -5m}' | freshness.overrides[0].grace: invalid duration, got '-5m': durations must not be negative",
            "'{match: {name: x}, lag_threshold: 0s}' | freshness.overrides[0].lag_threshold: must be at least 1s, got 0s",
            "'{match: {kind: glue_integraton}, factor: 2}' | freshness.overrides[0].match.kind[0]: must be one of appintegrations_association, glue_inbound_integration, glue_integration, rds_integration, redshift_inbound_integration, redshift_integration, got 'glue_integraton'"})
    void eachBadOverrideIsNamedAtItsFullKey(String override, String problem) {
        assertThat(problems("freshness:\n  overrides:\n    - " + override + "\n")).extracting(ConfigProblem::toString)
                .containsExactly(problem);
    }

    @Test
    void unknownKeysAreRejectedWithTheAllowedKeys() {
        // when
        List<ConfigProblem> top = problems("freshness:\n  intervall: 5m\n");
        List<ConfigProblem> nested = problems("freshness:\n  lag: {treshold: 5m}\n");
        List<ConfigProblem> override = problems("freshness:\n  overrides:\n    - {match: {name: x}, factr: 2}\n");

        // then
        assertThat(top).extracting(ConfigProblem::toString).containsExactly(
                "freshness.intervall: unknown key 'intervall' (did you mean 'interval'?); allowed keys here: enabled,"
                        + " interval, lookback, period, stale, lag, tables_failing, overrides, table_labels,"
                        + " price_per_thousand_metrics");
        assertThat(nested).extracting(ConfigProblem::toString).containsExactly(
                "freshness.lag.treshold: unknown key 'treshold' (did you mean 'threshold'?); allowed keys here:"
                        + " threshold, samples, window");
        assertThat(override).extracting(ConfigProblem::toString).containsExactly(
                "freshness.overrides[0].factr: unknown key 'factr' (did you mean 'factor'?); allowed keys here:"
                        + " match, refresh_interval, factor, grace, lag_threshold");
    }

    private static List<ConfigProblem> problems(String yaml) {
        try {
            ConfigLoader.parse(yaml, "test.yaml", NO_ENV);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected the configuration to be rejected:\n" + yaml);
    }
}
