package io.integrationmonitor.metrics;

import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.PollTarget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One target's poll meters and the samples they render to. The timer and counters are Micrometer's Prometheus
 * meters (in a registry that is never scraped); the gauges are plain values, set by the poll events as the
 * registered gauges' state objects were. A target's events come one at a time from its own polls; the lock is
 * the target's, never shared with another target.
 */
final class TargetPollMeters {

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
                .serviceLevelObjectives(MeterRows.POLL_DURATION_BUCKETS.toArray(Duration[]::new))
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
        HistogramSnapshot h = duration.takeSnapshot();
        families.publish(families.duration, target, List.of(MeterRows.histogram(families.duration, labels, h)));
        families.publish(families.durationMax, target, List.of(MeterRows.max(families.durationMax, labels, h)));
        List<DataPointBlock.Row> errorRows = new ArrayList<>();
        errors.forEach((reason, counter) -> errorRows.add(MeterRows.counter(families.errors,
                labels.add("reason", reason.label()), counter.count())));
        families.publish(families.errors, target, errorRows);
        families.publish(families.consecutiveFailures, target,
                List.of(MeterRows.gauge(families.consecutiveFailures, labels, consecutiveFailures)));
        families.publish(families.permitted, target, List.of(MeterRows.gauge(families.permitted, labels, permitted)));
        if (succeeded) {
            families.publish(families.lastSuccess, target,
                    List.of(MeterRows.gauge(families.lastSuccess, labels, lastSuccessMillis / 1000.0)));
            families.publish(families.resources, target, List.of(MeterRows.gauge(families.resources, labels, resources)));
        }
    }
}
