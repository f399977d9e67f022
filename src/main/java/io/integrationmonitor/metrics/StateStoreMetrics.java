package io.integrationmonitor.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.OptionalLong;
import java.util.function.Supplier;

/** {@code integration_monitor_state_store_size_bytes}: how much space the state takes (NaN when unknown). */
public final class StateStoreMetrics {
    private StateStoreMetrics() {
    }

    public static void register(MeterRegistry registry, Supplier<OptionalLong> sizeBytes) {
        Gauge.builder("integration.monitor.state.store.size", sizeBytes,
                        size -> size.get().stream().mapToDouble(bytes -> bytes).findFirst().orElse(Double.NaN))
                .description("Size of the state store: the embedded database file, or the tables in PostgreSQL")
                .baseUnit("bytes")
                .strongReference(true)
                .register(registry);
    }
}
