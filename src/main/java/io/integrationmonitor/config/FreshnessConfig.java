package io.integrationmonitor.config;

import java.time.Duration;
import java.util.List;

/**
 * Freshness and lag from CloudWatch (issue #14; on by default): per (account, region) one {@code GetMetricData}
 * batch per poll for every ACTIVE watched integration, on a schedule of its own. Where the role lacks
 * {@code cloudwatch:GetMetricData} the source is reported once as not permitted and the status polls go on.
 *
 * @param enabled          on by default
 * @param interval         how often each (account, region) is asked (CloudWatch's zero-ETL metrics come per minute
 *                         or slower; every poll is billed per metric requested)
 * @param lookback         the window each poll asks for ({@code StartTime = now - lookback})
 * @param period           the period of each query (seconds, a multiple of 60)
 * @param stale            when an integration counts as stale
 * @param lag              when a Redshift integration counts as lagging
 * @param tablesFailing    when an integration counts as having failing tables
 * @param overrides        per-integration thresholds, by name pattern or tags; the first match wins
 * @param tableLabels      opt-in: per-table series of the ingestion-failed gauge (AWS's table names: unbounded,
 *                         hence off by default and capped in series)
 * @param pricePerThousandMetrics USD per 1,000 metrics requested, for the cost estimate of {@code validate-config}
 *                         (CloudWatch's list price in most regions: 0.01)
 */
public record FreshnessConfig(
        Boolean enabled,
        Duration interval,
        Duration lookback,
        Duration period,
        StaleConfig stale,
        LagConfig lag,
        TablesFailingConfig tablesFailing,
        List<FreshnessOverrideConfig> overrides,
        Boolean tableLabels,
        Double pricePerThousandMetrics) {

    public FreshnessConfig {
        enabled = enabled == null || enabled;
        interval = interval == null ? Duration.ofMinutes(5) : interval;
        lookback = lookback == null ? Duration.ofHours(3) : lookback;
        period = period == null ? Duration.ofMinutes(5) : period;
        stale = stale == null ? StaleConfig.defaults() : stale;
        lag = lag == null ? LagConfig.defaults() : lag;
        tablesFailing = tablesFailing == null ? TablesFailingConfig.defaults() : tablesFailing;
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
        tableLabels = tableLabels != null && tableLabels;
        pricePerThousandMetrics = pricePerThousandMetrics == null ? 0.01 : pricePerThousandMetrics;
        Validation.atLeast(interval, Duration.ofMinutes(1), "interval");
        Validation.atLeast(period, Duration.ofMinutes(1), "period");
        if (period.toSeconds() % 60 != 0 || period.toNanosPart() != 0) {
            throw KeyProblem.at("period", "must be whole minutes (CloudWatch periods of 60 s and more are multiples "
                    + "of 60)").got(period).exception();
        }
        if (lookback.compareTo(period.multipliedBy(lag.samples())) < 0) {
            throw KeyProblem.at("lookback", "must hold at least lag.samples periods (" + lag.samples() + " x "
                    + Durations.format(period) + ")").involving("period").got(lookback).exception();
        }
        if (lookback.compareTo(Duration.ofDays(14)) > 0) {
            throw KeyProblem.at("lookback", "must be at most 14d").got(lookback).exception();
        }
        if (tablesFailing.window().compareTo(lookback) > 0) {
            throw KeyProblem.at("tables_failing.window", "must be at most lookback (" + Durations.format(lookback)
                    + "): older datapoints are not asked for").involving("lookback").got(tablesFailing.window())
                    .exception();
        }
        if (pricePerThousandMetrics < 0 || pricePerThousandMetrics.isNaN() || pricePerThousandMetrics.isInfinite()) {
            throw KeyProblem.at("price_per_thousand_metrics", "must be a non-negative number")
                    .got(pricePerThousandMetrics).exception();
        }
    }

    public static FreshnessConfig defaults() {
        return new FreshnessConfig(null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * Stale: the last sync is older than {@code factor x RefreshInterval + grace}.
     *
     * @param factor                 k (default 3)
     * @param grace                  added to k refresh intervals (default 15m)
     * @param defaultRefreshInterval for integrations without a {@code RefreshInterval} (RDS, Redshift, and Glue
     *                               integrations that report none): default 15m, Glue's smallest
     */
    public record StaleConfig(Integer factor, Duration grace, Duration defaultRefreshInterval) {
        public StaleConfig {
            factor = factor == null ? 3 : factor;
            grace = grace == null ? Duration.ofMinutes(15) : grace;
            defaultRefreshInterval = defaultRefreshInterval == null ? Duration.ofMinutes(15) : defaultRefreshInterval;
            Validation.range(factor, 1, 100, "factor");
            Validation.notNegative(grace, "grace");
            Validation.atLeast(defaultRefreshInterval, Duration.ofMinutes(1), "default_refresh_interval");
        }

        public static StaleConfig defaults() {
            return new StaleConfig(null, null, null);
        }

        /** The age beyond which an integration with this refresh interval is stale. */
        public Duration threshold(Duration refreshInterval) {
            return refreshInterval.multipliedBy(factor).plus(grace);
        }
    }

    /**
     * Lagging: {@code IntegrationLag} above {@code threshold} in at least {@code samples} of the last
     * {@code window} samples; it clears once at least {@code samples} of the last {@code window} are at or below.
     *
     * @param threshold default 15m
     * @param samples   N (default 3)
     * @param window    M (default 3: N consecutive samples)
     */
    public record LagConfig(Duration threshold, Integer samples, Integer window) {
        public LagConfig {
            threshold = threshold == null ? Duration.ofMinutes(15) : threshold;
            samples = samples == null ? 3 : samples;
            window = window == null ? samples : window;
            Validation.atLeast(threshold, Duration.ofSeconds(1), "threshold");
            Validation.range(samples, 1, 100, "samples");
            Validation.range(window, 1, 100, "window");
            if (window < samples) {
                throw KeyProblem.at("window", "must be at least samples (" + samples + ")").involving("samples")
                        .got(window).exception();
            }
        }

        public static LagConfig defaults() {
            return new LagConfig(null, null, null);
        }
    }

    /**
     * Tables failing: Redshift {@code IntegrationNumTablesFailedReplication > 0}, or Glue {@code IngestionFailed > 0}
     * within {@code window}.
     *
     * @param window    how far back a Glue ingestion failure counts (default 15m; at most the lookback)
     * @param maxTables at most this many table names in a message (default 20); more are counted
     */
    public record TablesFailingConfig(Duration window, Integer maxTables) {
        public TablesFailingConfig {
            window = window == null ? Duration.ofMinutes(15) : window;
            maxTables = maxTables == null ? 20 : maxTables;
            Validation.atLeast(window, Duration.ofMinutes(1), "window");
            Validation.range(maxTables, 1, 1000, "max_tables");
        }

        public static TablesFailingConfig defaults() {
            return new TablesFailingConfig(null, null);
        }
    }
}
