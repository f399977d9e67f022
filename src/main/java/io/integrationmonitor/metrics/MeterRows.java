package io.integrationmonitor.metrics;

import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Micrometer meter's current value as the {@link DataPointBlock} row Micrometer's Prometheus registry would
 * have written for it: the same snapshot, built the same way (a timer's cumulative bucket counts become the
 * client's per-bucket counts with a {@code +Inf} bucket; its maximum is a gauge family of its own), written by
 * the client's writer.
 */
final class MeterRows {
    /**
     * The buckets of both poll timers (status polls and freshness polls): a page is sub-second, a large estate with
     * retries takes minutes.
     */
    static final List<Duration> POLL_DURATION_BUCKETS = List.of(
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(300));

    private MeterRows() {
    }

    /** The {@code _bucket}, {@code _count} and {@code _sum} lines of a timer with service level objectives. */
    static DataPointBlock.Row histogram(RenderedFamily family, Labels labels, HistogramSnapshot timer) {
        return DataPointBlock.row(new io.prometheus.metrics.model.snapshots.HistogramSnapshot(family.metadata(),
                List.of(new HistogramDataPointSnapshot(buckets(timer), timer.total(TimeUnit.SECONDS), labels,
                        Exemplars.EMPTY, 0))));
    }

    /** The timer's {@code _max} family's line: the maximum of its decaying window. */
    static DataPointBlock.Row max(RenderedFamily family, Labels labels, HistogramSnapshot timer) {
        return gauge(family, labels, timer.max(TimeUnit.SECONDS));
    }

    static DataPointBlock.Row counter(RenderedFamily family, Labels labels, double count) {
        return DataPointBlock.row(new CounterSnapshot(family.metadata(),
                List.of(new CounterDataPointSnapshot(count, labels, null, 0))));
    }

    static DataPointBlock.Row gauge(RenderedFamily family, Labels labels, double value) {
        return DataPointBlock.row(new GaugeSnapshot(family.metadata(),
                List.of(new GaugeDataPointSnapshot(value, labels, null))));
    }

    private static ClassicHistogramBuckets buckets(HistogramSnapshot h) {
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
