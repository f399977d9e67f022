package io.integrationmonitor.metrics;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One multi-series gauge rendered from the shared state, whose series keep their value holder from refresh to
 * refresh: a series that stays is updated in place, never removed and registered again (a scrape racing with that
 * sees the series twice and fails); only series that come or go are registered or removed. Not thread-safe: its
 * owner renders from one refresh at a time.
 */
final class GaugeFamily {
    private final MultiGauge gauge;
    private Map<Tags, AtomicReference<Double>> holders = Map.of();

    GaugeFamily(MultiGauge gauge) {
        this.gauge = gauge;
    }

    /** The series now: one per entry, by its labels. */
    void render(Map<Tags, Double> values) {
        Map<Tags, AtomicReference<Double>> next = new LinkedHashMap<>();
        List<MultiGauge.Row<?>> rows = new ArrayList<>(values.size());
        values.forEach((tags, value) -> {
            AtomicReference<Double> holder = holders.getOrDefault(tags, new AtomicReference<>());
            holder.set(value);
            next.put(tags, holder);
            rows.add(MultiGauge.Row.of(tags, holder, AtomicReference::get));
        });
        gauge.register(rows, false);
        holders = next;
    }
}
