package io.integrationmonitor.bench;

import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark harness: runs the monitor as its own process against the simulator, prints a table and
 * writes it to {@code target/bench/results.md}. Run it with {@code ./mvnw -Pbench -DskipTests package}.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        // Before any JDK HttpServer starts in this JVM: without TCP_NODELAY each response waits ~40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // jetty-http-spi on the test classpath would take over com.sun.net.httpserver (as surefire's config also
        // prevents): the simulator and the fake Slack are measured on the JDK's server, as before
        System.setProperty("com.sun.net.httpserver.HttpServerProvider", "sun.net.httpserver.DefaultHttpServerProvider");
        BenchSettings settings = BenchSettings.fromSystemProperties();
        if (!Files.isRegularFile(settings.jar())) {
            throw new IllegalStateException("no monitor jar at " + settings.jar() + ": build it first (mvn package)");
        }
        Files.createDirectories(settings.outDir());
        Report report = new Report(settings, Machine.describe());
        long started = System.nanoTime();
        List<String> failures = new ArrayList<>();
        // The saturated cycle time of this run sets the sustained, search, memory and latency intervals.
        double saturatedCycle = Double.NaN;
        int accounts = settings.accounts();
        int concurrency = settings.concurrency();
        for (String phase : settings.phases()) {
            try {
                switch (phase) {
                    case "saturated" -> {
                        SaturatedPhase.Result r = new SaturatedPhase(settings).run(accounts, concurrency);
                        report.saturated(r);
                        saturatedCycle = r.cycleSeconds().median();
                    }
                    case "sustained" -> report.sustained(new SchedulePhase(settings).run("sustained", accounts, concurrency,
                            SchedulePhase.sustainedInterval(settings.sustainedInterval(), saturatedCycle),
                            settings.sustainedWindows(), settings.sustainedWindowIntervals()));
                    case "search" -> report.search(new SearchPhase(settings).run(accounts, concurrency, saturatedCycle));
                    case "memory" -> report.memory(new MemoryPhase(settings).run("memory", settings.memoryAccounts(),
                            concurrency, memoryInterval(settings, saturatedCycle, settings.memoryAccounts())));
                    case "growth" -> {
                        for (int a : settings.growthAccounts()) {
                            try {
                                report.growth(new MemoryPhase(settings).run("growth-" + a, a, concurrency,
                                        memoryInterval(settings, saturatedCycle, a)));
                            } catch (RuntimeException | java.io.IOException e) {
                                // one size failing (the monitor out of memory, say) leaves the others' rows
                                log("phase growth-%d failed: %s", a, e);
                                failures.add("growth-" + a + ": " + e.getMessage());
                            }
                        }
                    }
                    case "cycle" -> report.cycle(new CyclePhase(settings).run("cycle", accounts, concurrency));
                    case "baseline" -> report.cycle(new CyclePhase(settings).run("baseline", settings.baselineAccounts(), 1));
                    case "throttle" -> report.throttle(new ThrottlePhase(settings).run(settings.throttleAccounts(), concurrency));
                    case "latency" -> report.latency(new LatencyPhase(settings).run(accounts, concurrency,
                            LatencyPhase.interval(settings.latencyInterval(), saturatedCycle)));
                    case "events" -> report.events(new EventsPhase(settings).run(concurrency));
                    default -> throw new IllegalArgumentException("unknown phase '" + phase + "' (saturated, sustained,"
                            + " search, memory, growth, latency, throttle, events, cycle, baseline)");
                }
            } catch (RuntimeException | java.io.IOException e) {
                log("phase %s failed: %s", phase, e);
                e.printStackTrace();
                failures.add(phase + ": " + e.getMessage());
            }
        }
        report.failures(failures);
        report.took(java.time.Duration.ofNanos(System.nanoTime() - started));
        String markdown = report.render();
        Files.writeString(settings.outDir().resolve("results.md"), markdown);
        System.out.println();
        System.out.println(markdown);
        System.out.println("written to " + settings.outDir().resolve("results.md"));
        if (!failures.isEmpty()) {
            System.exit(1);
        }
    }

    /**
     * {@code bench.memoryIntervalSeconds} (the interval at {@code bench.memoryAccounts}) scaled to the phase's
     * accounts, else the sustained interval (1.5x the saturated cycle time, or 30 s when not measured) scaled from
     * {@code bench.accounts}: a growth size polled at the memory size's interval would be saturated, not sustained.
     */
    private static java.time.Duration memoryInterval(BenchSettings settings, double saturatedCycle, int accounts) {
        if (settings.memoryInterval() != null) {
            return MemoryPhase.scaledInterval(settings.memoryInterval(), settings.memoryAccounts(), accounts);
        }
        java.time.Duration base = Double.isNaN(saturatedCycle) ? java.time.Duration.ofSeconds(30)
                : SchedulePhase.sustainedInterval(null, saturatedCycle);
        return MemoryPhase.scaledInterval(base, settings.accounts(), accounts);
    }

    static void log(String format, Object... args) {
        System.out.println("[bench " + Instant.now().toString().substring(11, 19) + "] " + String.format(format, args));
    }
}
