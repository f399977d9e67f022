package io.integrationmonitor.freshness;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Health of the freshness polls themselves, per {@code account_id, region} (the configured targets' regions: a
 * bounded set):
 * <ul>
 *   <li>{@code integration_monitor_freshness_polls_total{outcome}}: completed, failed, not_permitted; zero
 *       from the first poll of the (account, region) on</li>
 *   <li>{@code integration_monitor_freshness_requests_total}: {@code GetMetricData} requests, one per page (what
 *       CloudWatch bills is the metrics asked: see the next)</li>
 *   <li>{@code integration_monitor_freshness_queries_total}: metric queries asked</li>
 *   <li>{@code integration_monitor_freshness_poll_duration_seconds}: every poll that asked, successful or not</li>
 *   <li>{@code integration_monitor_freshness_last_success_timestamp_seconds}: from the first completed poll on
 *       (a 0 before would be a lie)</li>
 * </ul>
 * A run skipped while not permitted (no request: {@link FreshnessRunner} asks only every 10th) is no poll and
 * is not recorded.
 */
public final class FreshnessPollMetrics {
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(300)};

    private final MeterRegistry registry;
    private final Map<String, RegionMeters> meters = new ConcurrentHashMap<>();

    public FreshnessPollMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Counts one poll that took {@code took}. */
    public void record(FreshnessPollResult result, Duration took) {
        RegionMeters m = meters.computeIfAbsent(FreshnessRunner.key(result.accountId(), result.region()),
                k -> new RegionMeters(registry, result.accountId(), result.region()));
        m.polls.get(result.outcome()).increment();
        m.requests.increment(result.requests());
        m.queries.increment(result.queries());
        m.duration.record(took);
        if (result.outcome() == FreshnessPollResult.Outcome.COMPLETED) {
            m.lastSuccessMillis.set(result.at().toEpochMilli());
            m.registerSuccessGauge();
        }
    }

    private static final class RegionMeters {
        final MeterRegistry registry;
        final Tags tags;
        final Map<FreshnessPollResult.Outcome, Counter> polls = new EnumMap<>(FreshnessPollResult.Outcome.class);
        final Counter requests;
        final Counter queries;
        final Timer duration;
        final AtomicLong lastSuccessMillis = new AtomicLong();
        volatile boolean successGaugeRegistered;

        RegionMeters(MeterRegistry registry, String accountId, String region) {
            this.registry = registry;
            this.tags = Tags.of("account_id", accountId, "region", region);
            for (FreshnessPollResult.Outcome outcome : FreshnessPollResult.Outcome.values()) {
                polls.put(outcome, Counter.builder("integration.monitor.freshness.polls")
                        .description("Freshness polls (CloudWatch GetMetricData) of an account and region, by outcome")
                        .tags(tags)
                        .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                        .register(registry));
            }
            requests = Counter.builder("integration.monitor.freshness.requests")
                    .description("GetMetricData requests sent by the freshness polls, one per page")
                    .tags(tags)
                    .register(registry);
            queries = Counter.builder("integration.monitor.freshness.queries")
                    .description("Metric queries asked by the freshness polls (GetMetricData bills per metric)")
                    .tags(tags)
                    .register(registry);
            duration = Timer.builder("integration.monitor.freshness.poll.duration")
                    .description("Duration of each freshness poll of an account and region, successful or not")
                    .serviceLevelObjectives(BUCKETS)
                    .tags(tags)
                    .register(registry);
        }

        void registerSuccessGauge() {
            if (successGaugeRegistered) {
                return;
            }
            Gauge.builder("integration.monitor.freshness.last.success.timestamp", lastSuccessMillis,
                            v -> v.get() / 1000.0)
                    .description("Unix time of the last completed freshness poll")
                    .baseUnit("seconds")
                    .tags(tags)
                    .register(registry);
            successGaugeRegistered = true;
        }
    }
}
