package io.integrationmonitor.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The process's metric registry: Micrometer on top of the Prometheus client, with JVM and process
 * metrics and {@code integration_monitor_build_info}. Close it on shutdown (the GC binder holds
 * JMX notification listeners).
 */
public final class PrometheusMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gcMetrics;

    private PrometheusMetrics(PrometheusMeterRegistry registry, JvmGcMetrics gcMetrics) {
        this.registry = registry;
        this.gcMetrics = gcMetrics;
    }

    public static PrometheusMetrics create() {
        return create(BuildVersion.fromClasspath());
    }

    static PrometheusMetrics create(String version) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        // Micrometer exposes a gauge whose name ends in ".info" as a Prometheus info metric (value 1).
        Gauge.builder("integration.monitor.build.info", () -> 1)
                .description("Build information; always 1")
                .tag("version", version)
                .register(registry);
        return new PrometheusMetrics(registry, gcMetrics);
    }

    /** For Micrometer meters (timers, counters, gauges) of any package. */
    public PrometheusMeterRegistry meterRegistry() {
        return registry;
    }

    /** The underlying Prometheus client registry: what {@code /metrics} renders, and where collectors go. */
    public PrometheusRegistry prometheusRegistry() {
        return registry.getPrometheusRegistry();
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
