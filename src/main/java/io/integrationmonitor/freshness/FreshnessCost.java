package io.integrationmonitor.freshness;

import io.integrationmonitor.config.Durations;
import io.integrationmonitor.config.FreshnessConfig;
import io.integrationmonitor.config.MonitorConfig;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What freshness costs in CloudWatch, as {@code validate-config} prints it and the README tabulates it:
 * {@code GetMetricData} is billed per metric requested, whatever the datapoints. Each poll asks 2 metrics per
 * integration: Glue {@code LastSyncTimestamp} and {@code IngestionFailed} (a {@code SEARCH}, billed 1 per table
 * series it returns, so a Glue integration costs at least that), Redshift and RDS {@code IntegrationLag} and
 * {@code IntegrationNumTablesFailedReplication}. A month is 30 days. Pure: configuration in, figures out.
 *
 * @param interval                the freshness poll interval
 * @param pricePerThousandMetrics USD per 1,000 metrics requested
 */
public record FreshnessCost(Duration interval, double pricePerThousandMetrics) {
    /** Metrics requested per integration and poll (at least, for Glue). */
    public static final int METRICS_PER_INTEGRATION = 2;
    /** The month the estimate is for. */
    public static final Duration MONTH = Duration.ofDays(30);
    /** The estates the estimate is shown for. */
    static final List<Integer> EXAMPLE_ESTATES = List.of(10, 100, 1000);

    public FreshnessCost {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
    }

    public static FreshnessCost of(FreshnessConfig config) {
        return new FreshnessCost(config.interval(), config.pricePerThousandMetrics());
    }

    /** Polls of one (account, region) in 30 days: whole polls only. */
    public long pollsPerMonth() {
        return MONTH.dividedBy(interval);
    }

    /** Metrics requested for one integration in 30 days. */
    public long metricsPerIntegrationPerMonth() {
        return pollsPerMonth() * METRICS_PER_INTEGRATION;
    }

    /** USD for one integration in 30 days. */
    public double usdPerIntegrationPerMonth() {
        return usdPerMonth(1);
    }

    /** USD for {@code integrations} integrations in 30 days. */
    public double usdPerMonth(long integrations) {
        return metricsPerIntegrationPerMonth() * integrations * pricePerThousandMetrics / 1000.0;
    }

    /**
     * The block {@code validate-config} prints: interval, metrics and USD per integration and month, and what 10,
     * 100 and 1,000 integrations cost; a single line when freshness is off.
     */
    public static List<String> describe(MonitorConfig config) {
        FreshnessConfig freshness = config.freshness();
        if (!freshness.enabled()) {
            return List.of("freshness: disabled (no CloudWatch requests, no cost)");
        }
        FreshnessCost cost = of(freshness);
        StringBuilder estates = new StringBuilder();
        for (int estate : EXAMPLE_ESTATES) {
            estates.append(estates.isEmpty() ? "" : ", ").append(count(estate)).append(" integrations ")
                    .append(usd(cost.usdPerMonth(estate)));
        }
        return List.of(
                "freshness: every " + Durations.format(freshness.interval()) + ", "
                        + count(cost.pollsPerMonth()) + " polls a month (30 days), CloudWatch GetMetricData at "
                        + usd(cost.pricePerThousandMetrics()) + " per 1,000 metrics requested",
                "  per integration and month: " + count(cost.metricsPerIntegrationPerMonth()) + " metrics ("
                        + METRICS_PER_INTEGRATION + " a poll; Glue at least: IngestionFailed counts 1 per table it"
                        + " returns) = " + usd(cost.usdPerIntegrationPerMonth()),
                "  a month: " + estates);
    }

    /** {@code 17,280}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code $0.17}; amounts under a cent that are not zero show as such rather than as {@code $0.00}. */
    static String usd(double amount) {
        if (amount > 0 && amount < 0.005) {
            return "< $0.01";
        }
        return String.format(Locale.ROOT, "$%,.2f", amount);
    }
}
