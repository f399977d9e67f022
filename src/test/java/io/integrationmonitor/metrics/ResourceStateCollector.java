package io.integrationmonitor.metrics;

import io.integrationmonitor.poll.PollTarget;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reference of IdenticalExpositionTest: the per-resource families as client_java snapshots, as the monitor
 * served them before they were pre-rendered. Registered with the Prometheus client
 * directly rather than as Micrometer gauges: tens of thousands of resources would otherwise mean
 * hundreds of thousands of Meter objects, and the exact kube-state-metrics names are kept as written.
 */
final class ResourceStateCollector implements MultiCollector {
    /** Replaced whole per target on every successful poll, so vanished resources simply drop out. */
    private final Map<PollTarget, List<ResourceSeries>> byTarget = new ConcurrentHashMap<>();

    void replace(PollTarget target, List<ResourceSeries> series) {
        byTarget.put(target, List.copyOf(series));
    }

    @Override
    public MetricSnapshots collect() {
        Map<ResourceFamilies, Points> byFamilies = new EnumMap<>(ResourceFamilies.class);
        for (List<ResourceSeries> targetSeries : byTarget.values()) {
            for (ResourceSeries series : targetSeries) {
                byFamilies.computeIfAbsent(series.families(), f -> new Points()).add(series);
            }
        }
        List<MetricSnapshot> snapshots = new ArrayList<>();
        byFamilies.forEach((families, points) -> points.addSnapshots(families, snapshots));
        return new MetricSnapshots(snapshots);
    }

    private static final class Points {
        final List<GaugeDataPointSnapshot> status = new ArrayList<>();
        final List<GaugeDataPointSnapshot> stuck = new ArrayList<>();
        final List<InfoDataPointSnapshot> info = new ArrayList<>();
        final List<GaugeDataPointSnapshot> errors = new ArrayList<>();
        final List<GaugeDataPointSnapshot> since = new ArrayList<>();

        void add(ResourceSeries series) {
            status.addAll(series.status());
            stuck.add(series.stuck());
            info.add(series.info());
            if (series.errors() != null) {
                errors.add(series.errors());
            }
            since.add(series.statusSince());
        }

        void addSnapshots(ResourceFamilies families, List<MetricSnapshot> out) {
            String kind = families.kind().label();
            out.add(new GaugeSnapshot(new MetricMetadata(families.statusName(),
                    "Current status of each " + kind + ": 1 for the current status, 0 for every other"), status));
            out.add(new GaugeSnapshot(new MetricMetadata(families.stuckName(),
                    "1 when each " + kind + " has been in a transient status for at least its stuck.* threshold, "
                            + "else 0"), stuck));
            out.add(new InfoSnapshot(new MetricMetadata(families.infoName(),
                    "Fixed properties of each " + kind + "; always 1"), info));
            if (families.errorsName() != null) {
                out.add(new GaugeSnapshot(new MetricMetadata(families.errorsName(),
                        "Number of errors AWS reports on each " + kind), errors));
            }
            out.add(new GaugeSnapshot(new MetricMetadata(families.sinceName(),
                    "Unix time when each " + kind + "'s current status was first observed"), since));
        }
    }
}
