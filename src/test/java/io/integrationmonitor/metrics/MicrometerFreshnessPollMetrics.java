package io.integrationmonitor.metrics;

import io.integrationmonitor.freshness.FreshnessPollResult;
import io.integrationmonitor.freshness.FreshnessRunner;

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
 * The freshness polls' meters as they were registered with the exposition's registry before they were kept
 * rendered ({@link FreshnessPollMetrics}): the reference the rendered text is compared with, kept verbatim.
 */
final class MicrometerFreshnessPollMetrics {
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(300)};

    private final MeterRegistry registry;
    private final Map<String, RegionMeters> meters = new ConcurrentHashMap<>();

    MicrometerFreshnessPollMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Counts one poll that took {@code took}. */
    void record(FreshnessPollResult result, Duration took) {
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
