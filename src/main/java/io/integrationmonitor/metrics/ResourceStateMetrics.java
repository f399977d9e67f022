package io.integrationmonitor.metrics;

import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.poll.PollTarget;
import java.util.List;

import io.integrationmonitor.detect.EventListener;
import io.integrationmonitor.detect.PollCompleted;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Per-resource state metrics from each completed poll (one-hot status, {@code _stuck}, {@code _info}, error count,
 * status-since) and the transition/event counters. Series of resources absent from a target's latest
 * successful poll are removed; a failed poll leaves the last known series in place.
 */
public final class ResourceStateMetrics implements EventListener {
    private final ResourceStateCollector collector = new ResourceStateCollector();
    private final EventCounters counters;

    public ResourceStateMetrics(PrometheusMeterRegistry registry) {
        registry.getPrometheusRegistry().register(collector);
        this.counters = new EventCounters(registry);
    }

    @Override
    public void onPollCompleted(PollCompleted event) {
        collector.replace(event.target(), event.current().stream().map(ResourceSeries::of).toList());
        event.events().forEach(counters::count);
    }

    /**
     * Replaces a target's series with state read from the shared store, so that in clustered mode every
     * replica serves the whole estate, not only what it polled itself. Counters are not touched.
     */
    public void refresh(PollTarget target, List<KnownResource> current) {
        collector.replace(target, current.stream().map(ResourceSeries::of).toList());
    }
}
