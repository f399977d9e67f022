package io.integrationmonitor.metrics;

import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.ResourceEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code integration_monitor_events_total{type,kind}} counts every detected event;
 * {@code integration_monitor_transitions_total{kind,from,to}} counts status moves, with appearance as
 * {@code from=""} and disappearance as {@code to=""}. Both label sets are bounded by the status sets.
 */
final class EventCounters {
    private final MeterRegistry registry;

    EventCounters(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(ResourceEvent event) {
        String kind = event.resource().kind().label();
        Counter.builder("integration.monitor.events")
                .description("Events detected, by type and resource kind")
                .tag("type", event.type().label())
                .tag("kind", kind)
                .register(registry)
                .increment();
        if (isTransition(event)) {
            Counter.builder("integration.monitor.transitions")
                    .description("Status transitions; from=\"\" when a resource appeared, to=\"\" when it vanished")
                    .tag("kind", kind)
                    .tag("from", event.fromStatus())
                    .tag("to", event.toStatus())
                    .register(registry)
                    .increment();
        }
    }

    /**
     * STATUS_CHANGED between two statuses, APPEARED and VANISHED; a STATUS_CHANGED that a detector might
     * emit alongside an appearance or disappearance (one side empty) is not counted twice.
     */
    private static boolean isTransition(ResourceEvent event) {
        EventType type = event.type();
        if (type == EventType.STATUS_CHANGED) {
            return !event.fromStatus().isEmpty() && !event.toStatus().isEmpty();
        }
        return type == EventType.APPEARED || type == EventType.VANISHED;
    }
}
