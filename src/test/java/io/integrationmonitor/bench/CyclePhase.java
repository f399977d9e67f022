package io.integrationmonitor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Full cycles of one estate at one concurrency: the cold first cycle, then a warm one measured for API
 * calls, wall time, CPU and allocation; then heap, RSS, native memory and {@code /metrics} scrape times.
 */
final class CyclePhase {
    static final String ALLOCATED = "jvm_gc_memory_allocated_bytes_total";
    static final String HEAP_USED = "jvm_memory_used_bytes";
    private static final Pattern NMT_LINE =
            Pattern.compile("^-\\s+(.+?) \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)", Pattern.MULTILINE);
    private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB");

    record Result(String label, int accounts, int targets, long resources, int concurrency, Duration interval,
                  long minimumCalls, long cycle1Calls, Map<String, Long> cycle1ByOperation, Duration cycle1Wall,
                  long cycle2Calls, Map<String, Long> cycle2ByOperation, Duration cycle2Wall, Duration lowerBound,
                  boolean cycle2Complete, Duration cycle2Cpu, double idleCpuMillisPerSecond, Long cycle2AllocatedBytes,
                  Long scrapeAllocatedBytes, long heapUsedAfterCycle, long heapUsedAfterGc, long heapCommitted,
                  long rssKb, long hwmKb, long nmtCommittedKb, Map<String, Long> nmtCommittedByCategoryKb,
                  Scrapes scrapes, double pollErrors, double throttledAttempts, int measuredCycle,
                  Duration harnessCpu, Map<String, Long> threadsByName, double liveThreads, List<String> heapTop,
                  Map<String, Long> samplesByName, List<String> notes) {
    }

    /** Timings of GET /metrics. */
    record Scrapes(int series, long plainBytes, long gzipBytes, double plainMedianMs, double plainMaxMs,
                   double gzipMedianMs, double gzipMaxMs) {
    }

    static final int SCRAPES = 7;

    private final BenchSettings settings;

    CyclePhase(BenchSettings settings) {
        this.settings = settings;
    }

    Result run(String label, int accounts, int concurrency) throws IOException, InterruptedException {
        BenchEstate estate = BenchEstate.of(accounts, settings.spec());
        long minimum = estate.minimumCallsPerCycle();
        long latencyNanos = settings.apiLatency().toNanos();
        Duration lowerBound = lowerBound(estate, concurrency);
        // The next cycle must not start before this one ends, whatever the CPU makes of the bound.
        Duration interval = settings.cycleInterval() != null ? settings.cycleInterval()
                : Duration.ofSeconds(Math.max(20, lowerBound.multipliedBy(3).toSeconds() + 5));
        List<String> notes = new ArrayList<>();
        Bench.log("%s: %d accounts x %d regions, %d targets, %d resources, concurrency %d, interval %ds, minimum %d calls/cycle, bound %.2fs",
                label, accounts, BenchEstate.REGIONS.size(), estate.targets(), estate.resources(), concurrency,
                interval.toSeconds(), minimum, lowerBound.toMillis() / 1000.0);
        try (BenchRun run = BenchRun.start(settings, label, estate, concurrency, interval, null)) {
            var calls = run.simulator.calls();

            // Cycle 1, cold: every target due at once.
            Exposition first = run.awaitAllPolledSince(0, interval.plus(Duration.ofSeconds(120)), Duration.ofSeconds(5));
            if (first == null) {
                throw new IllegalStateException(label + ": the first cycle did not complete; see " + run.dir.resolve("monitor.log"));
            }
            long first1 = calls.firstCallNanos().orElseThrow();
            long last1 = calls.lastCallNanos().orElseThrow();
            long cycle1Calls = calls.total();
            Map<String, Long> cycle1Ops = calls.snapshot();
            Duration cycle1Wall = Duration.ofNanos(last1 + latencyNanos - first1);
            Bench.log("%s: cycle 1 (cold) %d calls in %.2fs", label, cycle1Calls, cycle1Wall.toMillis() / 1000.0);

            // Idle until just before the measured cycle (the last few seconds of it measure idle CPU), then a
            // baseline: full GC, allocation counter, CPU.
            int measured = 1 + Math.max(1, settings.warmupCycles());
            long cycle2Due = first1 + interval.toNanos() * (measured - 1);
            BenchRun.sleepUntilNanos(cycle2Due - Duration.ofSeconds(7).toNanos());
            if (run.simulator.calls().lastCallNanos().orElse(0) > System.nanoTime() - Duration.ofSeconds(1).toNanos()) {
                notes.add("the cycle before the measured one was still running 7 s before it was due:"
                        + " idle CPU and the measured cycle may include part of it");
            }
            Duration cpuA = run.monitor.cpuTime();
            long tA = System.nanoTime();
            BenchRun.sleepUntilNanos(cycle2Due - Duration.ofMillis(1500).toNanos());
            Duration cpuIdleEnd = run.monitor.cpuTime();
            long tIdleEnd = System.nanoTime();
            boolean gcWorks = gc(run);
            int scrapesBefore = run.monitor.scrapes();
            Exposition before = run.monitor.metrics();
            Duration cpuB = run.monitor.cpuTime();
            Duration harnessB = harnessCpu();
            calls.reset();
            if (settings.jfr()) {
                run.monitor.jcmd("JFR.start", "name=bench", "settings=profile");
            }

            // Cycle 2, warm.
            boolean complete = run.awaitCallsThenQuiet(minimum, Duration.ofMillis(600), interval.plus(Duration.ofSeconds(120)));
            Duration cpuC = run.monitor.cpuTime();
            Duration harnessC = harnessCpu();
            if (settings.jfr()) {
                run.monitor.jcmd("JFR.stop", "name=bench", "filename=" + run.dir.resolve("warm-cycle.jfr"));
            }
            long first2 = calls.firstCallNanos().orElseThrow();
            long last2 = calls.lastCallNanos().orElseThrow();
            long cycle2Calls = calls.total();
            Map<String, Long> cycle2Ops = calls.snapshot();
            Duration cycle2Wall = Duration.ofNanos(last2 + latencyNanos - first2);
            Exposition end = run.awaitAllPolledSince(run.epochMillis(first2) - 50, Duration.ofSeconds(30), Duration.ofSeconds(5));
            complete &= end != null;
            if (end == null) {
                end = run.monitor.metrics();
                notes.add("not every target completed a poll in cycle 2");
            }
            long heapUsed = (long) end.sum(HEAP_USED, "area=\"heap\"");
            gc(run);
            int harnessScrapes = run.monitor.scrapes() - scrapesBefore;
            Exposition afterGc = run.monitor.metrics();
            long heapAfterGc = (long) afterGc.sum(HEAP_USED, "area=\"heap\"");
            long heapCommitted = (long) afterGc.sum("jvm_memory_committed_bytes", "area=\"heap\"");
            long rss = run.monitor.statusKb("VmRSS");
            long hwm = run.monitor.statusKb("VmHWM");
            Bench.log("%s: cycle " + measured + " (warm) %d calls in %.2fs; RSS %d MB", label, cycle2Calls, cycle2Wall.toMillis() / 1000.0, rss / 1024);

            // One scrape's own allocation, to take the harness's scrapes out of the cycle's figure.
            Long scrapeAlloc = null;
            Long cycleAlloc = null;
            if (gcWorks && !before.series(ALLOCATED).isEmpty()) {
                gc(run);
                Exposition x = run.monitor.metrics();
                gc(run);
                Exposition y = run.monitor.metrics();
                scrapeAlloc = (long) (y.sum(ALLOCATED) - x.sum(ALLOCATED));
                // Between the two readings the harness scraped itself: "before" and the cycle-end waits.
                cycleAlloc = (long) (afterGc.sum(ALLOCATED) - before.sum(ALLOCATED)) - harnessScrapes * scrapeAlloc;
            } else {
                notes.add("allocation not measured: jcmd GC.run unavailable or " + ALLOCATED + " not exported");
            }

            // the whole exposition counted once, for the sample total and the largest families
            Map<String, Long> sampleCounts = run.monitor.sampleCounts();
            Scrapes scrapes = timeScrapes(run, (int) Exposition.total(sampleCounts));
            String nmt = run.monitor.jcmd("VM.native_memory", "summary");
            long nmtTotal = nmtTotalCommittedKb(nmt);
            Map<String, Long> nmtByCategory = nmtCommittedByCategoryKb(nmt);
            if (nmtTotal >= 0) {
                Files.writeString(run.dir.resolve("native-memory.txt"), nmt);
            }
            Exposition last = run.monitor.metrics();
            Map<String, Long> threads = threadsByName(run.monitor.jcmd("Thread.print"));
            List<String> heapTop = heapTop(run, run.monitor.jcmd("GC.class_histogram"));
            Map<String, Long> samplesByName = new java.util.LinkedHashMap<>();
            sampleCounts.entrySet().stream().limit(8).forEach(e -> samplesByName.put(e.getKey(), e.getValue()));
            double pollErrors = last.sum("integration_monitor_poll_errors_total");
            double throttled = last.sum("integration_monitor_aws_requests_total", "outcome=\"throttled\"");
            return new Result(label, accounts, estate.targets(), estate.resources(), concurrency, interval, minimum,
                    cycle1Calls, cycle1Ops, cycle1Wall, cycle2Calls, cycle2Ops, cycle2Wall, lowerBound, complete,
                    cpuC.minus(cpuB), (cpuIdleEnd.minus(cpuA).toNanos() / 1e6) / ((tIdleEnd - tA) / 1e9),
                    cycleAlloc, scrapeAlloc, heapUsed, heapAfterGc, heapCommitted, rss, hwm, nmtTotal, nmtByCategory,
                    scrapes, pollErrors, throttled, measured, harnessC.minus(harnessB), threads,
                    last.sum("jvm_threads_live_threads"), heapTop, samplesByName, notes);
        }
    }

    /** NMT's committed total in KB ({@code jcmd VM.native_memory summary}); -1 when there is none. */
    static long nmtTotalCommittedKb(String nmt) {
        Matcher t = nmt == null ? null : NMT_TOTAL.matcher(nmt);
        return t != null && t.find() ? Long.parseLong(t.group(2)) : -1;
    }

    /** NMT's committed KB by category, in its order. */
    static Map<String, Long> nmtCommittedByCategoryKb(String nmt) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        if (nmt != null) {
            Matcher m = NMT_LINE.matcher(nmt);
            while (m.find()) {
                out.put(m.group(1).trim(), Long.parseLong(m.group(3)));
            }
        }
        return out;
    }

    /** Calls at the fixed latency spread over the concurrency limit, or the longest single poll if that is longer. */
    Duration lowerBound(BenchEstate estate, int concurrency) {
        return estate.saturatedBound(concurrency, settings.apiLatency());
    }

    /** This JVM's CPU time: mostly the simulator answering the monitor. */
    private static Duration harnessCpu() throws IOException {
        String stat = Files.readString(java.nio.file.Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Duration.ofMillis((Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10);
    }

    /** Thread counts by name with the numbers taken out ({@code poll-N}, {@code sdk-ScheduledExecutor-N-N}). */
    private static Map<String, Long> threadsByName(String dump) {
        Map<String, Long> counts = new java.util.HashMap<>();
        if (dump != null) {
            for (String line : dump.split("\n")) {
                if (line.startsWith("\"")) {
                    String name = line.substring(1, line.indexOf('"', 1)).replaceAll("\\d+", "N");
                    counts.merge(name, 1L, Long::sum);
                }
            }
        }
        Map<String, Long> sorted = new java.util.LinkedHashMap<>();
        counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(6)
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** The largest classes on the heap (after the forced GC), also saved whole next to the run's log. */
    private static List<String> heapTop(BenchRun run, String histogram) throws IOException {
        if (histogram == null) {
            return List.of();
        }
        Files.writeString(run.dir.resolve("class-histogram.txt"), histogram);
        List<String> top = new ArrayList<>();
        for (String line : histogram.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":") && top.size() < 8) {
                top.add(String.format(java.util.Locale.ROOT, "%s %.1f MB (%s)", f[3], Long.parseLong(f[2]) / 1048576.0, f[1]));
            }
        }
        return top;
    }

    static boolean gc(BenchRun run) throws InterruptedException {
        boolean ok = run.monitor.jcmd("GC.run") != null;
        Thread.sleep(300); // the GC notification that updates the allocation counter is delivered asynchronously
        return ok;
    }

    private static Scrapes timeScrapes(BenchRun run, int series) throws IOException, InterruptedException {
        for (int i = 0; i < 2; i++) {
            run.monitor.timedGet("/metrics", false);
            run.monitor.timedGet("/metrics", true);
        }
        List<Double> plain = new ArrayList<>();
        List<Double> gzip = new ArrayList<>();
        long plainBytes = 0;
        long gzipBytes = 0;
        for (int i = 0; i < SCRAPES; i++) {
            long t = System.nanoTime();
            plainBytes = run.monitor.timedGet("/metrics", false)[1];
            plain.add((System.nanoTime() - t) / 1e6);
            t = System.nanoTime();
            gzipBytes = run.monitor.timedGet("/metrics", true)[1];
            gzip.add((System.nanoTime() - t) / 1e6);
        }
        return new Scrapes(series, plainBytes, gzipBytes, Stats.percentile(plain, 50), Stats.percentile(plain, 100),
                Stats.percentile(gzip, 50), Stats.percentile(gzip, 100));
    }
}
