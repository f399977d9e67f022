package io.integrationmonitor.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The scale phases' part of the report (issue #15): saturated throughput, the sustained schedule, the interval search,
 * memory and scrapes, growth. Summary rows against the aims, then the details; each repeated figure with its
 * spread.
 */
final class ScaleReport {
    static final double BOUND_FACTOR = 1.2;
    static final double WITHIN_ONE_SECOND = 0.99;
    static final long RSS_AIM_KB = 256 * 1024;
    static final double SCRAPE_AIM_MS = 50;
    static final double SCRAPE_ALLOCATION_AIM = 2 * 1048576;

    private SaturatedPhase.Result saturated;
    private SchedulePhase.Run sustained;
    private SearchPhase.Result search;
    private MemoryPhase.Result memory;
    private final List<MemoryPhase.Result> growth = new ArrayList<>();

    void saturated(SaturatedPhase.Result r) {
        saturated = r;
    }

    void sustained(SchedulePhase.Run r) {
        sustained = r;
    }

    void search(SearchPhase.Result r) {
        search = r;
    }

    void memory(MemoryPhase.Result r) {
        memory = r;
    }

    void growth(MemoryPhase.Result r) {
        growth.add(r);
    }

    void summary(StringBuilder md) {
        if (saturated != null) {
            SaturatedPhase.Result s = saturated;
            Spread cycle = s.cycleSeconds();
            double bound = s.boundSeconds();
            md.append(Report.row("Saturated cycle time (calls per cycle / listing call rate), " + s.targets() + " targets, concurrency "
                            + s.concurrency(), cycle.format(Spread::seconds, "windows") + String.format(Locale.ROOT,
                            "; bound %.2f s (%d calls), %.2fx", bound, s.callsPerCycle(), cycle.median() / bound),
                    "<= 1.2x bound", yes(cycle.median() <= BOUND_FACTOR * bound)));
            md.append(Report.row("Cold start burst (every target's first poll, from the first call)",
                    Spread.seconds(s.coldBurstSeconds()) + String.format(Locale.ROOT, " (%.2fx bound)",
                            s.coldBurstSeconds() / bound), "-", "-"));
            md.append(Report.row(String.format(Locale.ROOT, "CPU per resource per poll (saturated, over %.1f cycles)",
                            s.span().cycles()), Spread.micros(s.span().cpuPerResourcePoll()) + "; per window "
                            + Spread.of(s.windows().stream().map(PollWindow::cpuPerResourcePoll).toList())
                            .format(Spread::micros, "windows"), "-", "-"));
            md.append(Report.row("Allocation per resource per poll (same cycles)", Spread.kb(s.span().allocatedPerResourcePoll())
                            + "; per window " + Spread.of(s.windows().stream().map(PollWindow::allocatedPerResourcePoll).toList())
                            .format(Spread::kb, "windows"), "-", "-"));
            if (s.locks() != null) {
                JfrLocks.Summary l = s.locks();
                double pollThreadSeconds = l.windowSeconds() * s.concurrency();
                double blocked = l.monitorEnterTotal().toNanos() / 1e9;
                md.append(Report.row("Poll threads blocked on a monitor lock (JFR, one saturated window, events >= 10 ms)",
                        String.format(Locale.ROOT, "%d waits, %.2f s = %.2f%% of poll-thread time; parks %d, %.2f s",
                                l.monitorEnters(), blocked, 100 * blocked / pollThreadSeconds, l.parks(),
                                l.parkTotal().toNanos() / 1e9), "~0 (< 1% of poll-thread time)",
                        yes(blocked < 0.01 * pollThreadSeconds)));
            }
        }
        if (sustained != null) {
            SchedulePhase.Run r = sustained;
            Spread share = r.shareWithinOneSecond();
            md.append(Report.row("Polls started within 1 s of due, interval " + r.interval().toSeconds() + " s"
                            + (saturated == null ? "" : " (1.5x saturated)"), share.format(Spread::percent, "windows"),
                    ">= 99% (every window)", share.isEmpty() ? "n/a" : yes(share.min() >= WITHIN_ONE_SECOND)));
            boolean fair = r.windows().stream().allMatch(w -> w.maxPollsPerTarget() - w.minPollsPerTarget() <= 1);
            md.append(Report.row("Polls per target per window of " + r.intervalsPerWindow() + " intervals (min-max)",
                    r.pollsPerTarget(), "equal (within 1)", yes(fair)));
            md.append(Report.row("The monitor's estimate of the shortest sustainable interval",
                    Spread.seconds(r.minIntervalGauge()), "-", "-"));
        }
        if (search != null) {
            IntervalSearch end = search.end();
            md.append(Report.row("Shortest interval sustained (" + search.trials().size() + " trials)",
                    String.format(Locale.ROOT, "%d s%s; %d s %s", end.sustainingSeconds(),
                            end.sustainingTested() ? "" : " (assumed: 2x saturated, untried)", end.failingSeconds(),
                            end.failingSeconds() == search.start().failingSeconds()
                                    ? "assumed not to (the saturated cycle, rounded down; untried)" : "did not"),
                    "-", "-"));
        }
        if (memory != null) {
            MemoryPhase.Result m = memory;
            md.append(Report.row("RSS at " + m.resources() + " resources after " + String.format(Locale.ROOT, "%.0f", m.cycles() + 1)
                            + " cycles and the scrapes (peak)", m.rssKb() / 1024 + " MB (" + m.hwmKb() / 1024 + " MB)",
                    "<= 256 MB", yes(m.rssKb() <= RSS_AIM_KB)));
            md.append(Report.row("GET /metrics p50 of " + MemoryPhase.TIMED_SCRAPES + ", " + m.samples() + " samples",
                    "plain " + m.plainMs().format(Spread::millis, "scrapes") + ", " + m.plainBytes() / 1024 + " KB; gzip "
                            + m.gzipMs().format(Spread::millis, "scrapes") + ", " + m.gzipBytes() / 1024 + " KB",
                    "<= 50 ms", yes(m.plainMs().median() <= SCRAPE_AIM_MS && m.gzipMs().median() <= SCRAPE_AIM_MS)));
            md.append(Report.row("Allocation per scrape, plain / gzip (the serving thread's)",
                    Spread.mb(m.allocatedPerPlainScrape()) + " / " + Spread.mb(m.allocatedPerGzipScrape()),
                    "<= 2 MB", Double.isNaN(m.allocatedPerScrape()) ? "n/a" : yes(m.allocatedPerScrape() <= SCRAPE_ALLOCATION_AIM)));
        }
        if (!growth.isEmpty()) {
            growthSummary(md);
        }
    }

    private void growthSummary(StringBuilder md) {
        List<String> points = new ArrayList<>();
        growth.forEach(g -> points.add(String.format(Locale.ROOT, "%,d: %d MB, %s CPU/cycle", g.resources(), g.rssKb() / 1024,
                Spread.seconds(g.cpuPerCycleSeconds()))));
        MemoryPhase.Result largest = growth.stream().max(java.util.Comparator.comparingLong(MemoryPhase.Result::resources))
                .orElseThrow();
        md.append(Report.row("Growth: resources -> RSS, CPU per cycle", String.join("; ", points),
                "<= 512 MB at 102,000 (and linear: see the points)", largest.resources() < 102_000 ? "n/a (" + largest.resources() + " at most)"
                        : yes(largest.rssKb() <= 2 * RSS_AIM_KB)));
    }

    void details(StringBuilder md) {
        if (saturated != null) {
            saturatedDetails(md, saturated);
        }
        if (sustained != null) {
            md.append("\n## Sustained schedule\n\n");
            scheduleTable(md, List.of(sustained), true);
        }
        if (search != null) {
            md.append(String.format(Locale.ROOT, "%n## Shortest sustained interval%n%nBisection between %d s (assumed"
                            + " failing: the saturated cycle time %.2f s, rounded down) and %d s (assumed sustaining: twice"
                            + " it), a fresh monitor per trial, its start burst and %d intervals skipped, then %d intervals; a trial sustains"
                            + " when >= 99%% of polls started within 1 s of due (without the lag timer: every target polled"
                            + " at least the intervals less one) and every target's poll count is within 1 of the others.%n%n",
                    search.start().failingSeconds(), search.saturatedCycleSeconds(), search.start().sustainingSeconds(),
                    SchedulePhase.SKIPPED_INTERVALS, search.trials().isEmpty() ? 0 : search.trials().get(0).intervalsPerWindow()));
            scheduleTable(md, search.trials(), false);
        }
        if (memory != null) {
            memoryDetails(md, memory);
        }
        if (!growth.isEmpty()) {
            md.append("\n## Growth with the estate\n\n| Accounts | Resources | Interval | RSS (peak) | Heap after GC /"
                    + " committed | NMT committed | CPU per cycle | CPU per resource per cycle | Scrape p50 plain / gzip |\n"
                    + "|---|---|---|---|---|---|---|---|---|\n");
            for (MemoryPhase.Result g : growth) {
                md.append(Report.row(g.accounts(), g.resources(), g.interval().toSeconds() + " s",
                        g.rssKb() / 1024 + " MB (" + g.hwmKb() / 1024 + ")",
                        Spread.mb(g.heapAfterGc()) + " / " + Spread.mb(g.heapCommitted()), g.nmtCommittedKb() / 1024 + " MB",
                        Spread.seconds(g.cpuPerCycleSeconds()), Spread.micros(g.cpuPerResourcePerCycle()),
                        Spread.millis(g.plainMs().median()) + " / " + Spread.millis(g.gzipMs().median())));
            }
            growth.forEach(g -> memoryDetails(md, g));
        }
    }

    private static void saturatedDetails(StringBuilder md, SaturatedPhase.Result s) {
        md.append(String.format(Locale.ROOT, "%n## Saturated throughput: %d accounts, %d targets, %d resources, concurrency %d%n%n"
                        + "Every source's interval %d s (always due), max_poll_duration %d s. Bound ceil(%d calls / %d) x"
                        + " latency = %.2f s. Cold start burst %.2f s from the first call (all targets' first polls seen by"
                        + " the scrape at %.2f s).%n%n", s.accounts(), s.targets(), s.resources(), s.concurrency(),
                SaturatedPhase.INTERVAL.toSeconds(), SaturatedPhase.MAX_POLL_DURATION.toSeconds(), s.callsPerCycle(),
                s.concurrency(), s.boundSeconds(), s.coldBurstSeconds(), s.coldBurstScrapeSeconds()));
        md.append("| Window | Seconds | Polls | Listing calls | Cycle time (calls of a cycle / call rate) | x bound | Polls per target | CPU per resource per poll |"
                + " Allocation per resource per poll |\n|---|---|---|---|---|---|---|---|---|\n");
        int i = 1;
        for (PollWindow w : s.windows()) {
            double cycle = w.cycleSeconds(s.callsPerCycle());
            md.append(Report.row(i++, String.format(Locale.ROOT, "%.2f", w.seconds()), w.polls(),
                    String.format(Locale.ROOT, "%.0f", w.listingCalls()), Spread.seconds(cycle),
                    String.format(Locale.ROOT, "%.2fx", cycle / s.boundSeconds()),
                    w.minPollsPerTarget() + "-" + w.maxPollsPerTarget(), Spread.micros(w.cpuPerResourcePoll()),
                    Spread.kb(w.allocatedPerResourcePoll())));
        }
        if (s.locks() != null) {
            md.append("\n- JFR (settings=profile, one more window, `saturated-window.jfr`): ").append(s.locks()).append('\n');
        }
        s.notes().forEach(n -> md.append("- note: ").append(n).append('\n'));
    }

    private static void scheduleTable(StringBuilder md, List<SchedulePhase.Run> runs, boolean perWindow) {
        md.append("| Interval | Window | Polls started (lag timer) | Within 1 s of due | Polls completed | Polls per target"
                + " (min-max) | Monitor's min-interval estimate | Sustains |\n|---|---|---|---|---|---|---|---|\n");
        for (SchedulePhase.Run r : runs) {
            int i = 1;
            for (PollWindow w : r.windows()) {
                md.append(Report.row(r.interval().toSeconds() + " s", (perWindow ? i++ + " of " + r.windows().size() : "1")
                                + String.format(Locale.ROOT, " (%.1f s)", w.seconds()),
                        Double.isNaN(w.lagStarted()) ? "n/a" : String.format(Locale.ROOT, "%.0f", w.lagStarted()),
                        Spread.percent(w.shareWithinOneSecond()), w.polls(), w.minPollsPerTarget() + "-" + w.maxPollsPerTarget(),
                        Spread.seconds(r.minIntervalGauge()), IntervalSearch.sustains(w.shareWithinOneSecond(),
                                w.minPollsPerTarget(), w.maxPollsPerTarget(), r.intervalsPerWindow()) ? "yes" : "no"));
            }
        }
    }

    private static void memoryDetails(StringBuilder md, MemoryPhase.Result m) {
        md.append(String.format(Locale.ROOT, "%n## Memory and scrapes ('%s'): %d accounts, %d targets, %d resources,"
                        + " interval %d s%n%n", m.label(), m.accounts(), m.targets(), m.resources(), m.interval().toSeconds()));
        md.append(String.format(Locale.ROOT, "- after %.1f cycles' worth of polls past the first: CPU per cycle %s (%s per"
                        + " resource); heap used %s of %s committed; after a forced GC %s%n", m.cycles(),
                Spread.seconds(m.cpuPerCycleSeconds()), Spread.micros(m.cpuPerResourcePerCycle()), Spread.mb(m.heapUsed()),
                Spread.mb(m.heapCommitted()), Spread.mb(m.heapAfterGc())));
        md.append(String.format(Locale.ROOT, "- after %d warm-up and %d timed scrapes of each kind: RSS %d MB, peak %d MB%n",
                MemoryPhase.WARMUP_SCRAPES, MemoryPhase.TIMED_SCRAPES, m.rssKb() / 1024, m.hwmKb() / 1024));
        if (m.nmtCommittedKb() > 0) {
            List<String> parts = new ArrayList<>();
            m.nmtCommittedByCategoryKb().entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                    .limit(10).forEach(e -> parts.add(e.getKey() + " " + e.getValue() / 1024 + " MB"));
            md.append("- native memory tracking, committed: total ").append(m.nmtCommittedKb() / 1024).append(" MB; ")
                    .append(String.join(", ", parts)).append('\n');
        }
        md.append(String.format(Locale.ROOT, "- GET /metrics: %d samples, %d bytes plain, %d bytes gzip; plain %s, gzip %s%n",
                m.samples(), m.plainBytes(), m.gzipBytes(), m.plainMs().format(Spread::millis, "scrapes"),
                m.gzipMs().format(Spread::millis, "scrapes")));
        md.append(String.format(Locale.ROOT, "- allocation per scrape by the serving thread (%s): plain %s, gzip %s%n",
                MemoryPhase.SCRAPE_ALLOCATED, Spread.mb(m.allocatedPerPlainScrape()), Spread.mb(m.allocatedPerGzipScrape())));
        m.notes().forEach(n -> md.append("- note: ").append(n).append('\n'));
    }

    private static String yes(boolean met) {
        return met ? "yes" : "**no**";
    }
}
