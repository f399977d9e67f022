package io.integrationmonitor.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The schedule at a given interval: a fresh monitor, its cold start burst (every target's first poll, all due at
 * once) and two intervals after it skipped (the schedule settles onto its phases), then
 * windows of whole intervals, each read from the monitor's counters: the share of polls started within 1 s of due
 * and polls per target. The {@code sustained} phase runs it at 1.5x the saturated cycle time; {@code search} runs it
 * per bisection trial ({@link IntervalSearch}).
 */
final class SchedulePhase {
    static final int SKIPPED_INTERVALS = 2;

    /** @param minIntervalGauge the monitor's own estimate at the end, NaN when the build has none */
    record Run(String label, int targets, long resources, int concurrency, Duration interval, int intervalsPerWindow,
               List<PollWindow> windows, double minIntervalGauge) {
        Spread shareWithinOneSecond() {
            return Spread.of(windows.stream().map(PollWindow::shareWithinOneSecond).toList());
        }

        /** Every window sustains the interval ({@link IntervalSearch#sustains}). */
        boolean sustained() {
            return windows.stream().allMatch(w -> IntervalSearch.sustains(w.shareWithinOneSecond(),
                    w.minPollsPerTarget(), w.maxPollsPerTarget(), intervalsPerWindow));
        }

        String pollsPerTarget() {
            List<String> parts = new ArrayList<>();
            windows.forEach(w -> parts.add(w.minPollsPerTarget() == w.maxPollsPerTarget() ? Long.toString(w.minPollsPerTarget())
                    : w.minPollsPerTarget() + "-" + w.maxPollsPerTarget()));
            return String.join(", ", parts);
        }
    }

    private final BenchSettings settings;

    SchedulePhase(BenchSettings settings) {
        this.settings = settings;
    }

    Run run(String label, int accounts, int concurrency, Duration interval, int windows, int intervalsPerWindow)
            throws IOException, InterruptedException {
        BenchEstate estate = BenchEstate.of(accounts, settings.scaleSpec());
        int targets = estate.targets();
        Bench.log("%s: %d targets, concurrency %d, interval %d s; the start burst and %d intervals skipped, then %d"
                        + " window(s) of %d intervals",
                label, targets, concurrency, interval.toSeconds(), SKIPPED_INTERVALS, windows, intervalsPerWindow);
        try (BenchRun run = BenchRun.start(settings, label, estate, concurrency, interval, null)) {
            awaitFirstCall(run);
            // the cold burst can outlast several intervals: its end, not the first call, starts the skipped ones
            BenchRun.Timed burst = run.awaitAllPolled(targets, 1, Duration.ofSeconds(600), Duration.ofSeconds(1));
            BenchRun.sleepUntilNanos(burst.nanos() + interval.multipliedBy(SKIPPED_INTERVALS).toNanos());
            BenchRun.Timed start = run.scrape();
            List<PollWindow> measured = new ArrayList<>();
            for (int i = 0; i < windows; i++) {
                BenchRun.sleepUntilNanos(start.nanos() + interval.multipliedBy(intervalsPerWindow).toNanos());
                BenchRun.Timed end = run.scrape();
                PollWindow w = PollWindow.between(start.exposition(), end.exposition(), end.secondsSince(start), targets);
                measured.add(w);
                Bench.log("%s: window %d: %s; polls per target %d-%d", label, i + 1, Double.isNaN(w.lagStarted())
                                ? "no schedule-lag timer in this build" : Spread.percent(w.shareWithinOneSecond())
                                + " of " + Math.round(w.lagStarted()) + " polls started within 1 s of due",
                        w.minPollsPerTarget(), w.maxPollsPerTarget());
                start = end;
            }
            return new Run(label, targets, estate.resources(), concurrency, interval, intervalsPerWindow, measured,
                    PollWindow.minIntervalGauge(start.exposition()));
        }
    }

    /** The sustained phase's interval: the given one, or ceil(1.5 x the saturated cycle time). */
    static Duration sustainedInterval(Duration given, double saturatedCycleSeconds) {
        if (given != null) {
            return given;
        }
        if (Double.isNaN(saturatedCycleSeconds)) {
            throw new IllegalStateException("no saturated cycle time in this run: run the saturated phase first or set"
                    + " -Dbench.sustainedInterval=SECONDS");
        }
        return Duration.ofSeconds((long) Math.ceil(1.5 * saturatedCycleSeconds));
    }

    static String describe(Run r) {
        return String.format(Locale.ROOT, "%d s: %s within 1 s, polls per target %s -> %s", r.interval().toSeconds(),
                r.shareWithinOneSecond().format(Spread::percent, "windows"), r.pollsPerTarget(),
                r.sustained() ? "sustains" : "does not sustain");
    }

    private static long awaitFirstCall(BenchRun run) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            var first = run.simulator.calls().firstCallNanos();
            if (first.isPresent()) {
                return first.getAsLong();
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the monitor made no call within 60 s; see " + run.dir.resolve("monitor.log"));
    }
}
