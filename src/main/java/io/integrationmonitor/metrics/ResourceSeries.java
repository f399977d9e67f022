package io.integrationmonitor.metrics;

import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.ResourceKind.Statuses;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every data point of one resource, built once per poll so that a scrape only concatenates lists.
 *
 * @param errors null when the kind has no errors family
 */
record ResourceSeries(
        ResourceFamilies families,
        List<GaugeDataPointSnapshot> status,
        InfoDataPointSnapshot info,
        GaugeDataPointSnapshot errors,
        GaugeDataPointSnapshot statusSince) {

    static ResourceSeries of(KnownResource known) {
        ObservedResource resource = known.resource();
        ResourceFamilies families = ResourceFamilies.of(resource.kind());
        List<ResourceFamilies.LabelSource> identity = families.identity();
        int n = identity.size();

        // one extra slot for the status label, or for the info-only labels
        List<ResourceFamilies.LabelSource> infoOnly = families.infoOnly();
        String[] names = new String[n + Math.max(1, infoOnly.size())];
        String[] values = new String[names.length];
        for (int i = 0; i < n; i++) {
            names[i] = identity.get(i).name();
            values[i] = identity.get(i).valueOf(resource);
        }
        Labels identityLabels = Labels.of(trim(names, n), trim(values, n));

        List<String> statuses = resource.kind().statuses();
        // an unrecognised status must still light up exactly one series
        String current = statuses.contains(resource.status())
                ? resource.status() : Statuses.UNKNOWN;
        List<GaugeDataPointSnapshot> status = new ArrayList<>(statuses.size());
        names[n] = "status";
        String[] statusNames = trim(names, n + 1);
        for (String s : statuses) {
            values[n] = s;
            status.add(gauge(s.equals(current) ? 1 : 0, Labels.of(statusNames, trim(values, n + 1))));
        }

        for (int i = 0; i < infoOnly.size(); i++) {
            names[n + i] = infoOnly.get(i).name();
            values[n + i] = infoOnly.get(i).valueOf(resource);
        }
        int infoSize = n + infoOnly.size();
        InfoDataPointSnapshot info = new InfoDataPointSnapshot(Labels.of(trim(names, infoSize), trim(values, infoSize)));

        GaugeDataPointSnapshot errors =
                families.errorsName() == null ? null : gauge(resource.errors().size(), identityLabels);
        GaugeDataPointSnapshot since = gauge(known.statusSince().toEpochMilli() / 1000.0, identityLabels);
        return new ResourceSeries(families, List.copyOf(status), info, errors, since);
    }

    private static GaugeDataPointSnapshot gauge(double value, Labels labels) {
        return new GaugeDataPointSnapshot(value, labels, null);
    }

    private static String[] trim(String[] array, int length) {
        return Arrays.copyOf(array, length);
    }
}
