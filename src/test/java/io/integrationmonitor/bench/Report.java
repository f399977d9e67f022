package io.integrationmonitor.bench;

import io.integrationmonitor.simulator.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Collects the phases' results and renders them as Markdown: a summary against the aims, then details. */
final class Report {
    private final BenchSettings settings;
    private final Machine machine;
    private final Instant startedAt = Instant.now();
    private final List<CyclePhase.Result> cycles = new ArrayList<>();
    private ThrottlePhase.Result throttle;
    private LatencyPhase.Result latency;
    private EventsPhase.Result events;
    private final ScaleReport scale = new ScaleReport();
    private List<String> failures = List.of();
    private Duration took = Duration.ZERO;

    Report(BenchSettings settings, Machine machine) {
        this.settings = settings;
        this.machine = machine;
    }

    void cycle(CyclePhase.Result r) {
        cycles.add(r);
    }

    void saturated(SaturatedPhase.Result r) {
        scale.saturated(r);
    }

    void sustained(SchedulePhase.Run r) {
        scale.sustained(r);
    }

    void search(SearchPhase.Result r) {
        scale.search(r);
    }

    void memory(MemoryPhase.Result r) {
        scale.memory(r);
    }

    void growth(MemoryPhase.Result r) {
        scale.growth(r);
    }

    void throttle(ThrottlePhase.Result r) {
        throttle = r;
    }

    void latency(LatencyPhase.Result r) {
        latency = r;
    }

    void events(EventsPhase.Result r) {
        events = r;
    }

    void failures(List<String> f) {
        failures = List.copyOf(f);
    }

    void took(Duration d) {
        took = d;
    }

    /** The image's environment the monitor ran with, after its JVM options; nothing when run without it. */
    private String environment() {
        if (settings.monitorEnvironment().isEmpty()) {
            return "";
        }
        return ", environment `" + settings.monitorEnvironment().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(" ")) + "`";
    }

    String render() {
        StringBuilder md = new StringBuilder();
        md.append("# integration-monitor benchmark results\n\n");
        md.append("Run at ").append(startedAt).append(", took ").append(took.toSeconds()).append(" s. Load average (1, 5, 15 min)"
                + " at the start: ").append(machine.loadAverage()).append("; at the end: ").append(Machine.currentLoadAverage())
                .append(" (other processes on the machine compete for its CPUs).\n\n");
        md.append("## Machine\n\n| CPUs | CPU model | Memory | Kernel | JDK | Monitor JVM options |\n|---|---|---|---|---|---|\n");
        md.append(row(machine.cpus(), machine.cpuModel(), machine.memoryMb() + " MB", machine.kernel(), machine.jdk(),
                "`" + String.join(" ", settings.jvmArgs()) + "`" + environment()));
        var spec = settings.spec();
        md.append("\n## Estate\n\nThe throttle, events, cycle and baseline phases, per (account, region): ").append(spec.integrations()).append(" Glue integrations, ")
                .append(spec.inboundIntegrations()).append(" Glue inbound integrations, ").append(spec.dataIntegrations())
                .append(" data integrations x ").append(spec.associationsPerDataIntegration()).append(" associations, ")
                .append(spec.rdsIntegrations()).append(" RDS integrations, ").append(spec.redshiftIntegrations())
                .append(" Redshift integrations, ").append(spec.redshiftInboundIntegrations())
                .append(" Redshift inbound integrations = ")
                .append(spec.totalResources()).append(" listed resources; simulator page cap ").append(spec.pageSize())
                .append("; ").append(settings.apiLatency().toMillis()).append(" ms added to every call; regions ")
                .append(BenchEstate.REGIONS).append(".\n");
        var scaleSpec = settings.scaleSpec();
        md.append("\nThe scale phases (saturated, sustained, search, memory, growth, latency) poll ")
                .append(scaleSpec.totalResources()).append(" resources per (account, region) (`").append(describe(scaleSpec))
                .append("`); ").append(settings.accounts()).append(" accounts there, ").append(settings.memoryAccounts())
                .append(" in memory.\n");
        md.append("\n## Summary against the aims\n\n| Figure | Measured | Aim | Met |\n|---|---|---|---|\n");
        scale.summary(md);
        CyclePhase.Result full = find("cycle");
        CyclePhase.Result base = find("baseline");
        if (full != null) {
            long resources = full.resources();
            md.append(row("API calls per warm cycle (" + full.accounts() + " accounts, " + full.targets() + " targets)",
                    full.cycle2Calls() + " (minimum " + full.minimumCalls() + ", " + ratio(full.cycle2Calls(), full.minimumCalls()) + ")",
                    "the minimum", yes(full.cycle2Calls() <= full.minimumCalls())));
            md.append(row("Warm full-cycle wall time (cycle " + full.measuredCycle() + "), concurrency " + full.concurrency(),
                    secs(full.cycle2Wall()) + " (bound " + secs(full.lowerBound()) + ", " + ratio(full.cycle2Wall(), full.lowerBound()) + ")",
                    "<= 1.2x bound", yes(full.cycle2Wall().toNanos() <= full.lowerBound().toNanos() * 1.2)));
            md.append(row("Cold first cycle wall time (incl. " + full.cycle1ByOperation().getOrDefault(Operation.STS_ASSUME_ROLE.qualifiedName(), 0L) + " AssumeRole)",
                    secs(full.cycle1Wall()) + " (" + ratio(full.cycle1Wall(), full.lowerBound()) + " of bound)", "-", "-"));
            md.append(row("CPU per resource per warm cycle", String.format(Locale.ROOT, "%.1f µs (%s CPU for %d resources)",
                    full.cycle2Cpu().toNanos() / 1e3 / resources, secs(full.cycle2Cpu()), resources), "-", "-"));
            md.append(row("Allocation per resource per warm cycle", full.cycle2AllocatedBytes() == null ? "not measured"
                    : String.format(Locale.ROOT, "%.1f KB (%.0f MB in all)", full.cycle2AllocatedBytes() / 1024.0 / resources,
                    full.cycle2AllocatedBytes() / 1048576.0), "-", "-"));
            md.append(row("Heap used after a full cycle / after a forced full GC",
                    mb(full.heapUsedAfterCycle()) + " / " + mb(full.heapUsedAfterGc()), "-", "-"));
            md.append(row("Process RSS after the cycle (peak)", full.rssKb() / 1024 + " MB (" + full.hwmKb() / 1024 + " MB)",
                    "< 256 MB", yes(full.hwmKb() < 256 * 1024)));
            md.append(row("GET /metrics, " + full.scrapes().series() + " samples, median (max of " + CyclePhase.SCRAPES + ")",
                    String.format(Locale.ROOT, "%.1f ms (%.1f) plain, %d KB; %.1f ms (%.1f) gzip, %d KB",
                            full.scrapes().plainMedianMs(), full.scrapes().plainMaxMs(), full.scrapes().plainBytes() / 1024,
                            full.scrapes().gzipMedianMs(), full.scrapes().gzipMaxMs(), full.scrapes().gzipBytes() / 1024), "-", "-"));
        }
        if (base != null) {
            double scale = full == null ? 1 : (double) full.minimumCalls() / base.minimumCalls();
            md.append(row("Naive baseline: concurrency 1, " + base.accounts() + " accounts (" + base.targets() + " targets)",
                    secs(base.cycle2Wall()) + " (bound " + secs(base.lowerBound()) + ", " + ratio(base.cycle2Wall(), base.lowerBound())
                            + "); scaled to the full estate: " + String.format(Locale.ROOT, "%.0f s", base.cycle2Wall().toMillis() / 1000.0 * scale)
                            + (full == null ? "" : String.format(Locale.ROOT, " = %.1fx the concurrency-%d cycle",
                            base.cycle2Wall().toMillis() * scale / full.cycle2Wall().toMillis(), full.concurrency())),
                    "-", "-"));
        }
        if (latency != null) {
            double aim = latency.interval().toMillis() + 1000;
            md.append(row("Status change to Slack, " + latency.delivered() + "/" + latency.changes() + " changes, interval "
                            + latency.interval().toSeconds() + " s",
                    String.format(Locale.ROOT, "p50 %.2f s, p99 %.2f s (p90 %.2f, max %.2f)", latency.p50Ms() / 1000,
                            latency.p99Ms() / 1000, latency.p90Ms() / 1000, latency.maxMs() / 1000),
                    "<= interval + 1 s (" + (long) aim / 1000 + " s)",
                    yes(latency.delivered() == latency.changes() && latency.p99Ms() <= aim)));
        }
        if (throttle != null) {
            int expected = throttle.rounds().stream().mapToInt(ThrottlePhase.Round::expected).sum();
            int detected = throttle.rounds().stream().mapToInt(ThrottlePhase.Round::detected).sum();
            md.append(row(String.format(Locale.ROOT, "Throttling %.0f%%: transitions reported", throttle.share() * 100),
                    detected + " of " + expected, "all", yes(detected == expected)));
            md.append(row("Throttling: false 'vanished' events", Long.toString(throttle.vanished()), "0", yes(throttle.vanished() == 0)));
            md.append(row("Throttling: first cycle completes", (throttle.cycle1Complete() ? "yes, " : "NO, ")
                            + secs(throttle.cycle1Wall()) + " (unthrottled bound " + secs(throttle.lowerBound()) + ")",
                    "completes", yes(throttle.cycle1Complete())));
        }
        if (events != null) {
            for (EventsPhase.RunResult r : events.runs()) {
                boolean viaEvents = r.mode().delivery() != null;
                md.append(row("Change to Slack, " + r.mode().description() + ", " + r.delivered() + "/" + r.changes()
                                + " changes, interval " + events.interval().toSeconds() + " s",
                        String.format(Locale.ROOT, "p50 %s, p99 %s; extra alerts %d; wrong states %d", secs(r.p50Ms()),
                                secs(r.p99Ms()), r.duplicateAlerts(), r.wrongStates().size()),
                        viaEvents ? "p99 <= 2 s, 0, 0" : "-, 0, 0",
                        yes((!viaEvents || r.p99Ms() <= 2000) && r.delivered() == r.changes() && r.duplicateAlerts() == 0
                                && r.wrongStates().isEmpty())));
            }
        }

        scale.details(md);
        for (CyclePhase.Result r : cycles) {
            cycleDetails(md, r);
            callsBySource(md, r, new BenchEstate(List.of(), spec));
        }
        if (throttle != null) {
            throttleDetails(md, throttle);
        }
        if (latency != null) {
            md.append("\n## Change to Slack latency\n\n");
            md.append(String.format(Locale.ROOT, "%d accounts (%d targets), concurrency %d, poll interval %d s; %d Glue integrations"
                            + " set to FAILED at random moments over %d s; %d reached Slack (%d messages). Latency min %.2f s,"
                            + " p50 %.2f s, p90 %.2f s, p99 %.2f s, max %.2f s.\n",
                    latency.accounts(), latency.targets(), latency.concurrency(), latency.interval().toSeconds(),
                    latency.changes(), settings.latencySpread().toSeconds(), latency.delivered(), latency.messages(),
                    latency.minMs() / 1000, latency.p50Ms() / 1000, latency.p90Ms() / 1000, latency.p99Ms() / 1000,
                    latency.maxMs() / 1000));
            md.append("\n- ").append(latency.pollsPerTarget()).append('\n');
            latency.notes().forEach(n -> md.append("\n- note: ").append(n));
            md.append('\n');
        }
        if (events != null) {
            eventsDetails(md, events);
        }
        if (!failures.isEmpty()) {
            md.append("\n## Phases that failed\n\n");
            failures.forEach(f -> md.append("- ").append(f).append('\n'));
        }
        return md.toString();
    }

    private static void eventsDetails(StringBuilder md, EventsPhase.Result e) {
        md.append(String.format(Locale.ROOT, "%n## Events vs polls (issue #13): %d accounts (%d targets, %d resources),"
                        + " concurrency %d, poll interval %d s%n%n", e.accounts(), e.targets(), e.resources(),
                e.concurrency(), e.interval().toSeconds()));
        md.append(String.format(Locale.ROOT, "%d changes to FAILED over %d s (%s), the same ARNs at the same offsets in"
                        + " every run; each run its own simulator and monitor. Event delivery: 100 ms + 0-400 ms.%n%n",
                e.changes(), e.spread().toSeconds(), ops(e.changesByKind().entrySet().stream().collect(
                        java.util.stream.Collectors.toMap(Map.Entry::getKey, x -> (long) x.getValue(), (a, b) -> a,
                                java.util.LinkedHashMap::new)))));
        md.append("| Path | Reached Slack | min | p50 | p90 | p99 | max | Slack firing messages | ARNs alerted more than once"
                + " (extra alerts) | Wrong states after settling |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (EventsPhase.RunResult r : e.runs()) {
            md.append(row(r.mode().description(), r.delivered() + "/" + r.changes(), secs(r.minMs()), secs(r.p50Ms()),
                    secs(r.p90Ms()),
                    secs(r.p99Ms()), secs(r.maxMs()), r.firingMessages(),
                    r.arnsWithDuplicateAlerts() + " (" + r.duplicateAlerts() + ")",
                    r.wrongStates().size() + " of " + r.compared()));
        }
        md.append('\n');
        for (EventsPhase.RunResult r : e.runs()) {
            if (!r.simulatorEvents().isEmpty()) {
                md.append("- ").append(r.mode().label()).append(": simulator ").append(r.simulatorEvents())
                        .append("; monitor ").append(r.eventMetrics()).append('\n');
                List<Double> s = r.fromSendMs();
                md.append(String.format(Locale.ROOT, "- %s: from the simulator sending the event into the queue (after"
                                + " any hold; its 100-500 ms delay still to come) to Slack, %d changes: p50 %s, p90 %s,"
                                + " p99 %s, max %s%n", r.mode().label(), s.size(), secs(Stats.percentile(s, 50)),
                        secs(Stats.percentile(s, 90)), secs(Stats.percentile(s, 99)), secs(Stats.percentile(s, 100))));
            }
            r.wrongStates().stream().limit(10).forEach(w -> md.append("- ").append(r.mode().label())
                    .append(" wrong state: ").append(w).append('\n'));
            r.notes().forEach(n -> md.append("- ").append(r.mode().label()).append(" note: ").append(n).append('\n'));
        }
    }

    private static String secs(double millis) {
        return Double.isNaN(millis) ? "-" : String.format(Locale.ROOT, "%.2f s", millis / 1000);
    }

    private static void cycleDetails(StringBuilder md, CyclePhase.Result r) {
        md.append("\n## Phase '").append(r.label()).append("': ").append(r.accounts()).append(" accounts, concurrency ")
                .append(r.concurrency()).append("\n\n");
        md.append("| | Cold cycle 1 | Warm cycle " + r.measuredCycle() + " |\n|---|---|---|\n");
        md.append(row("API calls", r.cycle1Calls(), r.cycle2Calls() + (r.cycle2Complete() ? "" : " (INCOMPLETE)")));
        md.append(row("Calls by operation", ops(r.cycle1ByOperation()), ops(r.cycle2ByOperation())));
        md.append(row("Wall time (first call to last response)", secs(r.cycle1Wall()), secs(r.cycle2Wall())));
        md.append(String.format(Locale.ROOT, "%n- targets %d, resources %d, poll interval %d s, minimum calls per cycle %d,"
                        + " lower bound %s (ceil(calls / concurrency) x latency)%n", r.targets(), r.resources(),
                r.interval().toSeconds(), r.minimumCalls(), secs(r.lowerBound())));
        md.append(String.format(Locale.ROOT, "- warm cycle CPU %s (%.1f µs per resource); idle CPU between cycles %.1f ms/s;"
                        + " the harness JVM (simulator, %d threads sleeping the latency) used %s CPU over the same cycle%n",
                secs(r.cycle2Cpu()), r.cycle2Cpu().toNanos() / 1e3 / r.resources(), r.idleCpuMillisPerSecond(), 128,
                secs(r.harnessCpu())));
        md.append(String.format(Locale.ROOT, "- live threads %.0f; largest groups: %s%n", r.liveThreads(), ops(r.threadsByName())));
        if (!r.heapTop().isEmpty()) {
            md.append("- largest classes on the heap after the forced GC: ").append(String.join("; ", r.heapTop())).append('\n');
        }
        md.append("- /metrics samples by name (largest): ").append(ops(r.samplesByName())).append('\n');
        if (r.cycle2AllocatedBytes() != null) {
            md.append(String.format(Locale.ROOT, "- warm cycle allocation %.1f MB (%.1f KB per resource), after subtracting"
                            + " %.1f MB per harness scrape%n", r.cycle2AllocatedBytes() / 1048576.0,
                    r.cycle2AllocatedBytes() / 1024.0 / r.resources(), r.scrapeAllocatedBytes() / 1048576.0));
        }
        md.append(String.format(Locale.ROOT, "- heap used %s after the cycle, %s after a forced full GC, %s committed;"
                        + " RSS %d MB, peak %d MB%n", mb(r.heapUsedAfterCycle()), mb(r.heapUsedAfterGc()),
                mb(r.heapCommitted()), r.rssKb() / 1024, r.hwmKb() / 1024));
        if (r.nmtCommittedKb() > 0) {
            md.append("- native memory tracking, committed: total ").append(r.nmtCommittedKb() / 1024).append(" MB; ");
            List<String> parts = new ArrayList<>();
            r.nmtCommittedByCategoryKb().entrySet().stream()
                    .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                    .limit(8)
                    .forEach(e -> parts.add(e.getKey() + " " + e.getValue() / 1024 + " MB"));
            md.append(String.join(", ", parts)).append('\n');
        }
        md.append(String.format(Locale.ROOT, "- /metrics: %d samples; %d bytes plain, %d bytes gzip%n",
                r.scrapes().series(), r.scrapes().plainBytes(), r.scrapes().gzipBytes()));
        md.append(String.format(Locale.ROOT, "- poll errors %.0f; throttled attempts %.0f%n", r.pollErrors(), r.throttledAttempts()));
        r.notes().forEach(n -> md.append("- note: ").append(n).append('\n'));
    }

    /** The computed minimum of each source's operations beside what the simulator counted. */
    private static void callsBySource(StringBuilder md, CyclePhase.Result r, BenchEstate perPartition) {
        long partitions = (long) r.accounts() * BenchEstate.REGIONS.size();
        md.append("\n| Source | Operation | Minimum per (account, region) | Minimum per cycle | Cold cycle 1 | Warm cycle "
                + r.measuredCycle() + " |\n|---|---|---|---|---|---|\n");
        perPartition.callsBySource().forEach((source, ops) -> ops.forEach((op, pages) -> md.append(row(source,
                "`" + op.qualifiedName() + "`", pages, pages * partitions,
                r.cycle1ByOperation().getOrDefault(op.qualifiedName(), 0L),
                r.cycle2ByOperation().getOrDefault(op.qualifiedName(), 0L)))));
        md.append(row("total", "all operations (STS included when measured)", perPartition.callsPerPartition(), r.minimumCalls(), r.cycle1Calls(), r.cycle2Calls()));
    }

    private static void throttleDetails(StringBuilder md, ThrottlePhase.Result t) {
        md.append(String.format(Locale.ROOT, "%n## Throttling: %.0f%% of calls, %d accounts (%d targets), concurrency %d, interval %d s%n%n",
                t.share() * 100, t.accounts(), t.targets(), t.concurrency(), t.interval().toSeconds()));
        md.append(String.format(Locale.ROOT, "- first cycle: %s, %d calls served, %s (unthrottled lower bound %s)%n",
                t.cycle1Complete() ? "complete" : "INCOMPLETE", t.cycle1Calls(), secs(t.cycle1Wall()), secs(t.lowerBound())));
        md.append("\n| Round | Transitions expected | Reported | Calls served | Every target re-polled after |\n|---|---|---|---|---|\n");
        for (ThrottlePhase.Round r : t.rounds()) {
            md.append(row(r.name(), r.expected(), r.detected(), r.callsServed(), secs(r.allPolledAfter())));
            r.missed().stream().limit(10).forEach(m -> md.append("\n- missed: ").append(m.type()).append(' ').append(m.arn()));
        }
        md.append(String.format(Locale.ROOT, "%n- SDK attempts %.0f, throttled %.0f (%.1f%%); failed polls %.0f (%s)%n",
                t.attempts(), t.throttledAttempts(), 100 * t.throttledAttempts() / Math.max(1, t.attempts()),
                t.pollErrors(), t.pollErrorsByReason()));
        md.append(String.format(Locale.ROOT, "- events after the first cycle: vanished %d, appeared %d%n",
                t.vanished(), t.appearedAfterFirstCycle()));
        t.notes().forEach(n -> md.append("- note: ").append(n).append('\n'));
    }

    private static String describe(io.integrationmonitor.simulator.EstateSpec s) {
        return String.format(Locale.ROOT, "integrations=%d,inbound=%d,data-integrations=%d,associations=%d,rds=%d,"
                        + "redshift=%d,redshift-inbound=%d,page-size=%d", s.integrations(), s.inboundIntegrations(),
                s.dataIntegrations(), s.associationsPerDataIntegration(), s.rdsIntegrations(), s.redshiftIntegrations(),
                s.redshiftInboundIntegrations(), s.pageSize());
    }

    private CyclePhase.Result find(String label) {
        return cycles.stream().filter(c -> c.label().equals(label)).findFirst().orElse(null);
    }

    private static String ops(Map<String, Long> byOperation) {
        List<String> parts = new ArrayList<>();
        byOperation.forEach((op, n) -> parts.add(op + " " + n));
        return String.join(", ", parts);
    }

    static String row(Object... cells) {
        StringBuilder b = new StringBuilder("|");
        for (Object c : cells) {
            b.append(' ').append(c).append(" |");
        }
        return b.append('\n').toString();
    }

    private static String secs(Duration d) {
        return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    private static String ratio(double a, double b) {
        return String.format(Locale.ROOT, "%.2fx", a / b);
    }

    private static String ratio(Duration a, Duration b) {
        return ratio(a.toNanos(), b.toNanos());
    }

    private static String yes(boolean met) {
        return met ? "yes" : "**no**";
    }
}
