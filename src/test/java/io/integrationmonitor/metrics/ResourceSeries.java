package io.integrationmonitor.metrics;

import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.ResourceHealth;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.ResourceStatus;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;

import java.util.ArrayList;
import java.util.List;

/**
 * The reference for the pre-rendered resource families: every data point of one resource as the client
 * library models it, as the monitor built them before the families were pre-rendered.
 *
 * @param errors null when the kind has no errors family
 */
record ResourceSeries(
        ResourceFamilies families,
        List<GaugeDataPointSnapshot> status,
        GaugeDataPointSnapshot stuck,
        InfoDataPointSnapshot info,
        GaugeDataPointSnapshot errors,
        GaugeDataPointSnapshot statusSince) {

    static ResourceSeries of(KnownResource known) {
        ObservedResource resource = known.resource();
        ResourceFamilies families = ResourceFamilies.of(resource.kind());
        Labels identity = labels(families.identity(), resource);

        List<ResourceStatus> statuses = resource.kind().statuses();
        // a status outside the kind's closed set must still light up exactly one series of it
        ResourceStatus current = statuses.contains(resource.status()) ? resource.status() : ResourceStatus.UNKNOWN;
        List<GaugeDataPointSnapshot> status = new ArrayList<>(statuses.size());
        for (ResourceStatus s : statuses) {
            status.add(gauge(s == current ? 1 : 0, identity.add("status", s.label())));
        }

        // as the detector recorded it, from the configured stuck.* thresholds: the one rule, never re-derived here
        GaugeDataPointSnapshot stuck = gauge(ResourceHealth.of(known) == ResourceHealth.Verdict.STUCK ? 1 : 0, identity);
        InfoDataPointSnapshot info = new InfoDataPointSnapshot(identity.merge(labels(families.infoOnly(), resource)));
        GaugeDataPointSnapshot errors =
                families.errorsName() == null ? null : gauge(resource.errors().size(), identity);
        GaugeDataPointSnapshot since = gauge(known.statusSince().toEpochMilli() / 1000.0, identity);
        return new ResourceSeries(families, List.copyOf(status), stuck, info, errors, since);
    }

    private static Labels labels(List<ResourceFamilies.LabelSource> sources, ObservedResource resource) {
        String[] names = new String[sources.size()];
        String[] values = new String[sources.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = sources.get(i).name();
            values[i] = sources.get(i).valueOf(resource);
        }
        return Labels.of(names, values);
    }

    private static GaugeDataPointSnapshot gauge(double value, Labels labels) {
        return new GaugeDataPointSnapshot(value, labels, null);
    }
}
