package io.integrationmonitor.metrics;

import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.PollTarget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One target's poll meters and the samples they render to. The timer and counters are Micrometer's Prometheus
 * meters (in a registry that is never scraped); the gauges are plain values, set by the poll events as the
 * registered gauges' state objects were. A target's events come one at a time from its own polls; the lock is
 * the target's, never shared with another target.
 */
final class TargetPollMeters {
    /** Poll latency buckets: a page is sub-second, a large estate with retries takes minutes. */
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(300)};

    private final PollTarget target;
    private final Labels labels;
    private final Timer duration;
    private final Map<PollErrorReason, Counter> errors = new EnumMap<>(PollErrorReason.class);
    private long consecutiveFailures;
    private long resources;
    private long lastSuccessMillis;
    private long permitted = 1;
    /** A timestamp of 0 or a resource count of 0 before any success would be a lie: absent until then. */
    private boolean succeeded;

    TargetPollMeters(MeterRegistry meters, PollTarget target) {
        this.target = target;
        this.labels = Labels.of("account_id", target.accountId(), "region", target.region(),
                "source", target.source().label());
        String[] tags = {"source", target.source().label(), "account_id", target.accountId(), "region", target.region()};
        this.duration = Timer.builder("integration.monitor.poll.duration")
                .description(PollFamilies.DURATION_HELP)
                .serviceLevelObjectives(BUCKETS)
                .tags(tags)
                .register(meters);
        for (PollErrorReason reason : PollErrorReason.values()) {
            errors.put(reason, Counter.builder("integration.monitor.poll.errors")
                    .tags(tags)
                    .tag("reason", reason.label())
                    .register(meters));
        }
    }

    synchronized void update(PollFamilies families, Consumer<TargetPollMeters> change) {
        change.accept(this);
        publish(families);
    }

    void succeeded(Duration took, int resourceCount, Instant at) {
        duration.record(took);
        consecutiveFailures = 0;
        resources = resourceCount;
        lastSuccessMillis = at.toEpochMilli();
        permitted = 1;
        succeeded = true;
    }

    void failed(Duration took, long failuresInARow, PollErrorReason reason) {
        duration.record(took);
        consecutiveFailures = failuresInARow;
        errors.get(reason).increment();
        permitted = 1;
    }

    void notPermitted(Duration took) {
        duration.record(took);
        consecutiveFailures = 0;
        permitted = 0;
    }

    /** Renders every family's rows of this target, as Micrometer's registry would have built their snapshots. */
    synchronized void publish(PollFamilies families) {
        io.micrometer.core.instrument.distribution.HistogramSnapshot h = duration.takeSnapshot();
        families.publish(families.duration, target, List.of(DataPointBlock.row(new HistogramSnapshot(
                families.duration.metadata(), List.of(new HistogramDataPointSnapshot(buckets(h),
                        h.total(TimeUnit.SECONDS), labels, Exemplars.EMPTY, 0))))));
        families.publish(families.durationMax, target, List.of(gauge(families.durationMax, h.max(TimeUnit.SECONDS))));
        List<DataPointBlock.Row> errorRows = new ArrayList<>();
        errors.forEach((reason, counter) -> errorRows.add(DataPointBlock.row(new CounterSnapshot(
                families.errors.metadata(), List.of(new CounterDataPointSnapshot(counter.count(),
                        labels.add("reason", reason.label()), null, 0))))));
        families.publish(families.errors, target, errorRows);
        families.publish(families.consecutiveFailures, target,
                List.of(gauge(families.consecutiveFailures, consecutiveFailures)));
        families.publish(families.permitted, target, List.of(gauge(families.permitted, permitted)));
        if (succeeded) {
            families.publish(families.lastSuccess, target, List.of(gauge(families.lastSuccess, lastSuccessMillis / 1000.0)));
            families.publish(families.resources, target, List.of(gauge(families.resources, resources)));
        }
    }

    private DataPointBlock.Row gauge(RenderedFamily family, double value) {
        return DataPointBlock.row(new GaugeSnapshot(family.metadata(),
                List.of(new GaugeDataPointSnapshot(value, labels, null))));
    }

    /** Micrometer's cumulative bucket counts as the client's per-bucket counts, with the {@code +Inf} bucket. */
    private static ClassicHistogramBuckets buckets(io.micrometer.core.instrument.distribution.HistogramSnapshot h) {
        CountAtBucket[] cumulative = h.histogramCounts();
        List<Double> bounds = new ArrayList<>(cumulative.length + 1);
        List<Double> counts = new ArrayList<>(cumulative.length + 1);
        double below = 0;
        for (CountAtBucket bucket : cumulative) {
            bounds.add(bucket.bucket(TimeUnit.SECONDS));
            counts.add(bucket.count() - below);
            below = bucket.count();
        }
        bounds.add(Double.POSITIVE_INFINITY);
        counts.add(Math.max(0, h.count() - below));
        return ClassicHistogramBuckets.of(bounds, counts);
    }
}
