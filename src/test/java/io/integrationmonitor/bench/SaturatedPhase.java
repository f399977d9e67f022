package io.integrationmonitor.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Saturated throughput: every source's interval 1 s, so every target is always due and the poll threads never wait
 * for the schedule. After the cold start burst (every target's first poll) and a warm-up, windows of at least one
 * full cycle's worth of polls each: cycle time = targets / polls completed per second, from the monitor's own poll
 * counters, against {@link BenchEstate#saturatedBound}. CPU and allocation per resource per poll over all windows.
 */
final class SaturatedPhase {
    static final Duration INTERVAL = Duration.ofSeconds(1);
    /** Long enough that no poll of a saturated estate hits its budget (the default is five intervals: 5 s). */
    static final Duration MAX_POLL_DURATION = Duration.ofSeconds(120);
    /** Windows of small estates last at least this long, so that the scrape ending each is a small part of it. */
    static final double MIN_WINDOW_SECONDS = 5;

    record Result(int accounts, int targets, long resources, int concurrency, long callsPerCycle, Duration bound,
                  double coldBurstSeconds, double coldBurstScrapeSeconds, List<PollWindow> windows, PollWindow span,
                  JfrLocks.Summary locks, List<String> notes) {
        Spread cycleSeconds() {
            return Spread.of(windows.stream().map(w -> w.cycleSeconds(callsPerCycle)).toList());
        }

        double boundSeconds() {
            return bound.toNanos() / 1e9;
        }
    }

    private final BenchSettings settings;

    SaturatedPhase(BenchSettings settings) {
        this.settings = settings;
    }

    Result run(int accounts, int concurrency) throws IOException, InterruptedException {
        BenchEstate estate = BenchEstate.of(accounts, settings.scaleSpec());
        int targets = estate.targets();
        Duration bound = estate.saturatedBound(concurrency, settings.apiLatency());
        List<String> notes = new ArrayList<>();
        Bench.log("saturated: %d targets, %d resources, concurrency %d, %d calls per cycle, bound %.2f s",
                targets, estate.resources(), concurrency, estate.minimumCallsPerCycle(), bound.toNanos() / 1e9);
        try (BenchRun run = BenchRun.start(settings, "saturated", estate, concurrency, INTERVAL, null, sim -> { }, null,
                MAX_POLL_DURATION)) {
            Cold c = coldBurst(run, targets, notes);
            BenchRun.Timed cold = c.scrape();
            double coldBurst = c.seconds();
            double coldScrape = c.scrapeSeconds();
            Bench.log("saturated: cold start burst %.2f s (every target polled by the scrape at %.2f s)", coldBurst, coldScrape);

            // Warm-up: the cold burst plus warmupCycles full cycles' worth of polls; its rate sizes the windows.
            long warm = (long) (1 + Math.max(2, settings.warmupCycles())) * targets;
            BenchRun.Timed start = cold;
            while (PollWindow.totalPolls(start.exposition()) < warm) {
                Thread.sleep((long) (Math.max(1, coldBurst) * 500));
                start = run.scrape();
            }
            double estimate = Math.max(MIN_WINDOW_SECONDS, start == cold ? coldBurst
                    : PollWindow.between(cold.exposition(), start.exposition(), start.secondsSince(cold), targets).cycleSeconds());

            List<PollWindow> windows = new ArrayList<>();
            BenchRun.Timed first = start;
            for (int i = 0; i < settings.saturatedWindows(); i++) {
                BenchRun.Timed end = window(run, start, targets, estimate);
                PollWindow w = PollWindow.between(start.exposition(), end.exposition(), end.secondsSince(start), targets);
                windows.add(w);
                estimate = Math.max(MIN_WINDOW_SECONDS, w.cycleSeconds());
                double cycle = w.cycleSeconds(estate.minimumCallsPerCycle());
                Bench.log("saturated: window %d: %d polls, %.0f listing calls in %.2f s = cycle %.2f s (%.2fx bound);"
                                + " polls per target %d-%d", i + 1, w.polls(), w.listingCalls(), w.seconds(), cycle,
                        cycle / (bound.toNanos() / 1e9), w.minPollsPerTarget(), w.maxPollsPerTarget());
                start = end;
            }
            PollWindow span = PollWindow.span(windows, first.exposition(), start.exposition());
            if (span.cycles() < 5) {
                notes.add(String.format(java.util.Locale.ROOT, "CPU and allocation over %.1f cycles (fewer than 5)", span.cycles()));
            }
            JfrLocks.Summary locks = null;
            if (settings.jfr()) {
                Path jfr = run.dir.resolve("saturated-window.jfr");
                run.monitor.jcmd("JFR.start", "name=bench", "settings=profile");
                BenchRun.Timed end = window(run, start, targets, estimate);
                run.monitor.jcmd("JFR.stop", "name=bench", "filename=" + jfr);
                locks = JfrLocks.read(jfr, end.secondsSince(start));
                Bench.log("saturated: JFR window: %s", locks);
            }
            notes.add("each window ends with one harness scrape of /metrics, whose CPU and allocation the window's"
                    + " figures include");
            return new Result(accounts, targets, estate.resources(), concurrency, estate.minimumCallsPerCycle(), bound,
                    coldBurst, coldScrape, windows, span, locks, notes);
        }
    }

    /** The cold start burst, from the first call, and the scrape (and its time) that saw every target polled. */
    private record Cold(BenchRun.Timed scrape, double seconds, double scrapeSeconds) {
    }

    /** From the first call (STS included) until every target has completed its first poll. */
    private static Cold coldBurst(BenchRun run, int targets, List<String> notes) throws IOException, InterruptedException {
        ColdBurst burst = new ColdBurst();
        long deadline = System.nanoTime() + Duration.ofSeconds(600).toNanos();
        BenchRun.Timed t = run.scrape();
        while (!burst.add(t.exposition(), run.epochMillis(t.nanos()) / 1000.0, targets)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not every target completed a poll within 600 s; see "
                        + run.dir.resolve("monitor.log"));
            }
            Thread.sleep(1000);
            t = run.scrape();
        }
        double firstCall = run.epochMillis(run.simulator.calls().firstCallNanos().orElseThrow()) / 1000.0;
        if (burst.upperBounds() > 0) {
            notes.add(burst.upperBounds() + " target(s) had polled more than once when first seen: their first"
                    + " poll's end is taken as that scrape's time (an upper bound)");
        }
        return new Cold(t, burst.lastFirstPollEnd() - firstCall, run.epochMillis(t.nanos()) / 1000.0 - firstCall);
    }

    /**
     * When each target's first poll ended, as seen by successive scrapes: exact (its last-success time) for a target
     * first seen with one poll, else the scrape's time (an upper bound).
     */
    static final class ColdBurst {
        private final java.util.Map<String, Double> firstPollEnd = new java.util.HashMap<>();
        private int upperBounds;

        /** Adds a scrape taken at {@code epochSeconds}; true once every one of {@code targets} has polled. */
        boolean add(Exposition e, double epochSeconds, int targets) {
            var polls = PollWindow.pollsByTarget(e);
            java.util.Map<String, Double> lastSuccess = new java.util.HashMap<>();
            e.series(BenchRun.LAST_SUCCESS).forEach(s -> lastSuccess.put(PollWindow.targetKey(s.labels()), s.value()));
            polls.forEach((target, n) -> {
                if (n >= 1 && !firstPollEnd.containsKey(target)) {
                    boolean exact = n == 1 && lastSuccess.containsKey(target);
                    firstPollEnd.put(target, exact ? lastSuccess.get(target) : epochSeconds);
                    upperBounds += exact ? 0 : 1;
                }
            });
            return firstPollEnd.size() >= targets;
        }

        double lastFirstPollEnd() {
            return firstPollEnd.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }

        int upperBounds() {
            return upperBounds;
        }
    }

    /** Scrapes after about one cycle, and again until the window holds at least one full cycle's worth of polls. */
    private static BenchRun.Timed window(BenchRun run, BenchRun.Timed start, int targets, double estimateSeconds)
            throws IOException, InterruptedException {
        long before = PollWindow.totalPolls(start.exposition());
        Thread.sleep((long) (estimateSeconds * 1000));
        BenchRun.Timed end = run.scrape();
        while (PollWindow.totalPolls(end.exposition()) - before < targets) {
            long missing = targets - (PollWindow.totalPolls(end.exposition()) - before);
            Thread.sleep(Math.max(200, (long) (estimateSeconds * 1000 * missing / targets)));
            end = run.scrape();
        }
        return end;
    }
}
