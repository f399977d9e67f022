package io.integrationmonitor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Memory and scrapes at one estate size, with the monitor JVM's options as configured (by default the image's,
 * {@link ImageJvmOptions}): after at least five cycles' worth of polls, heap, RSS and NMT; CPU per cycle; then
 * timed {@code GET /metrics} (plain and gzip) and the allocation per scrape, as the monitor counts it.
 */
final class MemoryPhase {
    static final int CYCLES = 5;
    static final int WARMUP_SCRAPES = 2;
    static final int TIMED_SCRAPES = 7;

    record Result(String label, int accounts, int targets, long resources, Duration interval, double cycles,
                  double cpuPerCycleSeconds, long heapUsed, long heapCommitted, long heapAfterGc, long rssKb,
                  long hwmKb, long nmtCommittedKb, Map<String, Long> nmtCommittedByCategoryKb, int samples,
                  long plainBytes, long gzipBytes, Spread plainMs, Spread gzipMs, double allocatedPerPlainScrape,
                  double allocatedPerGzipScrape, List<String> notes) {
        double cpuPerResourcePerCycle() {
            return cpuPerCycleSeconds / resources;
        }

        double allocatedPerScrape() {
            return Math.max(allocatedPerPlainScrape, allocatedPerGzipScrape);
        }
    }

    static final String SCRAPE_ALLOCATED = "integration_monitor_scrape_allocated_bytes";

    /** Mean bytes per scrape of one encoding between two readings of the monitor's scrape-allocation summary. */
    static double perScrape(Exposition before, Exposition after, String encoding) {
        String label = "encoding=\"" + encoding + "\"";
        double scrapes = after.sum(SCRAPE_ALLOCATED + "_count", label) - before.sum(SCRAPE_ALLOCATED + "_count", label);
        double bytes = after.sum(SCRAPE_ALLOCATED + "_sum", label) - before.sum(SCRAPE_ALLOCATED + "_sum", label);
        return scrapes > 0 ? bytes / scrapes : Double.NaN;
    }

    private final BenchSettings settings;

    MemoryPhase(BenchSettings settings) {
        this.settings = settings;
    }

    /**
     * The interval for {@code accounts} when {@code baseInterval} suits {@code baseAccounts}: scaled with the estate
     * (the saturated cycle time grows with the calls), at least 5 s.
     */
    static Duration scaledInterval(Duration baseInterval, int baseAccounts, int accounts) {
        return Duration.ofSeconds(Math.max(5, (long) Math.ceil(baseInterval.toSeconds() * (double) accounts / baseAccounts)));
    }

    Result run(String label, int accounts, int concurrency, Duration interval) throws IOException, InterruptedException {
        BenchEstate estate = BenchEstate.of(accounts, settings.scaleSpec());
        int targets = estate.targets();
        List<String> notes = new ArrayList<>();
        Bench.log("%s: %d targets, %d resources, concurrency %d, interval %d s, JVM %s", label, targets,
                estate.resources(), concurrency, interval.toSeconds(), String.join(" ", settings.jvmArgs()));
        try (BenchRun run = BenchRun.start(settings, label, estate, concurrency, interval, null)) {
            Duration timeout = interval.multipliedBy(CYCLES * 3L).plusSeconds(300);
            BenchRun.Timed first = run.awaitAllPolled(targets, 1, timeout, interval.dividedBy(4).plusSeconds(1));
            BenchRun.Timed after = first;
            while (PollWindow.totalPolls(after.exposition()) < (long) CYCLES * targets) {
                Thread.sleep(interval.toMillis());
                after = run.scrape();
            }
            PollWindow cycles = PollWindow.between(first.exposition(), after.exposition(), after.secondsSince(first), targets);
            double cpuPerCycle = cycles.cpuSeconds() / cycles.cycles();
            Exposition e = after.exposition();
            long heapUsed = (long) e.sum(CyclePhase.HEAP_USED, "area=\"heap\"");
            long heapCommitted = (long) e.sum("jvm_memory_committed_bytes", "area=\"heap\"");
            Bench.log("%s: %.1f cycles after the first, CPU per cycle %.2f s", label, cycles.cycles(), cpuPerCycle);

            for (int i = 0; i < WARMUP_SCRAPES; i++) {
                run.monitor.timedGet("/metrics", false);
                run.monitor.timedGet("/metrics", true);
            }
            // Allocation per scrape: the monitor's own count of what the serving thread allocated, so the polls
            // allocating meanwhile are not counted (integration_monitor_scrape_allocated_bytes, per encoding).
            Exposition b = run.monitor.metrics();
            List<Double> plain = new ArrayList<>();
            List<Double> gzip = new ArrayList<>();
            long plainBytes = 0;
            long gzipBytes = 0;
            for (int i = 0; i < TIMED_SCRAPES; i++) {
                long t = System.nanoTime();
                plainBytes = run.monitor.timedGet("/metrics", false)[1];
                plain.add((System.nanoTime() - t) / 1e6);
                t = System.nanoTime();
                gzipBytes = run.monitor.timedGet("/metrics", true)[1];
                gzip.add((System.nanoTime() - t) / 1e6);
            }
            Exposition c = run.monitor.metrics();
            double plainAllocated = perScrape(b, c, "identity");
            double gzipAllocated = perScrape(b, c, "gzip");
            if (Double.isNaN(plainAllocated) || Double.isNaN(gzipAllocated)) {
                notes.add("allocation per scrape not measured: no " + SCRAPE_ALLOCATED + " in the exposition");
            }

            int samples = (int) Exposition.total(run.monitor.sampleCounts());
            CyclePhase.gc(run);
            Exposition afterGc = run.monitor.metrics();
            long heapAfterGc = (long) afterGc.sum(CyclePhase.HEAP_USED, "area=\"heap\"");
            long rss = run.monitor.statusKb("VmRSS");
            long hwm = run.monitor.statusKb("VmHWM");
            String nmt = run.monitor.jcmd("VM.native_memory", "summary");
            long nmtTotal = CyclePhase.nmtTotalCommittedKb(nmt);
            if (nmtTotal >= 0) {
                Files.writeString(run.dir.resolve("native-memory.txt"), nmt);
            } else {
                notes.add("no NMT summary (the JVM options lack -XX:NativeMemoryTracking=summary?)");
            }
            String histogram = run.monitor.jcmd("GC.class_histogram");
            if (histogram != null) {
                Files.writeString(run.dir.resolve("class-histogram.txt"), histogram);
            }
            Result r = new Result(label, accounts, targets, estate.resources(), interval, cycles.cycles(), cpuPerCycle,
                    heapUsed, heapCommitted, heapAfterGc, rss, hwm, nmtTotal, CyclePhase.nmtCommittedByCategoryKb(nmt),
                    samples, plainBytes, gzipBytes, Spread.of(plain), Spread.of(gzip), plainAllocated, gzipAllocated, notes);
            Bench.log("%s: RSS %d MB (peak %d), heap after GC %s, scrape p50 %s plain / %s gzip, %s / %s per scrape",
                    label, rss / 1024, hwm / 1024, Spread.mb(heapAfterGc), Spread.millis(r.plainMs().median()),
                    Spread.millis(r.gzipMs().median()), Spread.mb(plainAllocated), Spread.mb(gzipAllocated));
            return r;
        }
    }
}
