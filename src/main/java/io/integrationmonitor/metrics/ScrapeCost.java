package io.integrationmonitor.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;

/**
 * What serving {@code /metrics} costs the monitor, per encoding: the time from collecting to the last byte
 * written, and the heap the serving thread allocated meanwhile (the JVM's per-thread allocation counter, so the
 * polls running at the same time are not counted). Recorded when the scrape has been written; a scrape
 * therefore reports those before it.
 */
final class ScrapeCost {
    /** A scrape under way: when it started and what its thread had allocated by then (-1: not measurable). */
    record Started(long nanos, long allocatedBytes) {
    }

    private final Timer plainDuration;
    private final Timer gzipDuration;
    private final DistributionSummary plainAllocated;
    private final DistributionSummary gzipAllocated;
    private final com.sun.management.ThreadMXBean threads;

    ScrapeCost(MeterRegistry registry) {
        this.plainDuration = duration(registry, "identity");
        this.gzipDuration = duration(registry, "gzip");
        this.plainAllocated = allocated(registry, "identity");
        this.gzipAllocated = allocated(registry, "gzip");
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        this.threads = bean instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()
                && sun.isThreadAllocatedMemoryEnabled() ? sun : null;
    }

    Started start() {
        return new Started(System.nanoTime(), allocatedBytes());
    }

    void record(Started started, boolean gzip) {
        (gzip ? gzipDuration : plainDuration).record(System.nanoTime() - started.nanos(), TimeUnit.NANOSECONDS);
        long now = allocatedBytes();
        if (started.allocatedBytes() >= 0 && now >= started.allocatedBytes()) {
            (gzip ? gzipAllocated : plainAllocated).record(now - started.allocatedBytes());
        }
    }

    private long allocatedBytes() {
        return threads == null ? -1 : threads.getCurrentThreadAllocatedBytes();
    }

    private static Timer duration(MeterRegistry registry, String encoding) {
        return Timer.builder("integration.monitor.scrape.duration")
                .description("Time to serve GET /metrics, from collecting to the last byte written")
                .tag("encoding", encoding)
                .register(registry);
    }

    private static DistributionSummary allocated(MeterRegistry registry, String encoding) {
        return DistributionSummary.builder("integration.monitor.scrape.allocated")
                .description("Heap allocated by the thread serving GET /metrics, per scrape")
                .baseUnit("bytes")
                .tag("encoding", encoding)
                .register(registry);
    }
}
