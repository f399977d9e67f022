package io.integrationmonitor.metrics;

import io.integrationmonitor.http.Exposition;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.lang.management.OperatingSystemMXBean;
import java.util.concurrent.TimeUnit;

/**
 * The process's metric registry: Micrometer on top of the Prometheus client, with JVM and process
 * metrics and {@code integration_monitor_build_info}. Close it on shutdown (the GC binder holds
 * JMX notification listeners).
 *
 * <p>Two of Micrometer's default process metrics break the Prometheus naming rules that
 * {@code promtool check metrics} lints, so they are exported under conventional names instead:
 * {@code system_cpu_count} (a {@code _count} suffix outside a histogram) as {@code system_cpu_processors}, and
 * {@code process_cpu_time_ns_total} (an abbreviated, non-base unit) as {@code process_cpu_seconds_total}, the
 * name every Prometheus client library uses.
 */
public final class PrometheusMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gcMetrics;
    private final RenderedExposition rendered = new RenderedExposition();
    private final CombinedExposition exposition;

    private PrometheusMetrics(PrometheusMeterRegistry registry, JvmGcMetrics gcMetrics) {
        this.registry = registry;
        this.gcMetrics = gcMetrics;
        this.exposition = new CombinedExposition(registry.getPrometheusRegistry(), rendered, new ScrapeCost(registry));
    }

    public static PrometheusMetrics create() {
        return create(BuildVersion.fromClasspath());
    }

    static PrometheusMetrics create(String version) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        conventionalProcessNames(registry);
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

    /** Configured before any binder binds: a filter applies only to meters registered after it. */
    private static void conventionalProcessNames(MeterRegistry registry) {
        registry.config()
                .meterFilter(new MeterFilter() {
                    @Override
                    public Meter.Id map(Meter.Id id) {
                        return id.getName().equals("system.cpu.count") ? id.withName("system.cpu.processors") : id;
                    }
                })
                .meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time")));
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean process && process.getProcessCpuTime() >= 0) {
            FunctionCounter.builder("process.cpu", process,
                            p -> p.getProcessCpuTime() / (double) TimeUnit.SECONDS.toNanos(1))
                    .description("CPU time used by the JVM process")
                    .baseUnit("seconds")
                    .register(registry);
        }
    }

    /** For Micrometer meters (timers, counters, gauges) of any package. */
    public PrometheusMeterRegistry meterRegistry() {
        return registry;
    }

    /** The underlying Prometheus client registry, where collectors go: part of what {@code /metrics} renders. */
    public PrometheusRegistry prometheusRegistry() {
        return registry.getPrometheusRegistry();
    }

    /** What {@code /metrics} serves: the registry's families and the pre-rendered ones, in one name order. */
    public Exposition exposition() {
        return exposition;
    }

    /** The whole exposition as Prometheus text, as {@code /metrics} serves it (not gzipped). */
    public String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            exposition.collect(false).write(out, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: does not happen
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The families kept pre-rendered instead of as registered collectors. */
    RenderedExposition rendered() {
        return rendered;
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
