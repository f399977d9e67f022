package io.integrationmonitor.metrics;

import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.ResourceEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;

/**
 * {@code integration_monitor_events_total{type,kind}} counts every type of every detected event (one event
 * ENTERED_FAILED that is also STATUS_CHANGED counts once for each);
 * {@code integration_monitor_transitions_total{kind,from,to}} counts status moves, with appearance as
 * {@code from=""} and disappearance as {@code to=""}. Both label sets are bounded by the status sets.
 */
final class EventCounters {
    private final MeterRegistry registry;

    EventCounters(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(ResourceEvent event) {
        String kind = event.kind().label();
        for (EventType type : event.types()) {
            Counter.builder("integration.monitor.events")
                    .description("Events detected, by type and resource kind")
                    .tag("type", type.label())
                    .tag("kind", kind)
                    .register(registry)
                    .increment();
        }
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
        List<EventType> types = event.types();
        if (types.contains(EventType.STATUS_CHANGED)) {
            return !event.fromStatus().isEmpty() && !event.toStatus().isEmpty();
        }
        return types.contains(EventType.APPEARED) || types.contains(EventType.VANISHED);
    }
}
