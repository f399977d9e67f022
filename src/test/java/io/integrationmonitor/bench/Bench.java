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
        for (String phase : settings.phases()) {
            try {
                switch (phase) {
                    case "cycle" -> report.cycle(new CyclePhase(settings).run("cycle", settings.accounts(), settings.concurrency()));
                    case "baseline" -> report.cycle(new CyclePhase(settings).run("baseline", settings.baselineAccounts(), 1));
                    case "throttle" -> report.throttle(new ThrottlePhase(settings).run(settings.throttleAccounts(), settings.concurrency()));
                    case "latency" -> report.latency(new LatencyPhase(settings).run(settings.accounts(), settings.concurrency()));
                    case "events" -> report.events(new EventsPhase(settings).run(settings.concurrency()));
                    default -> throw new IllegalArgumentException("unknown phase '" + phase + "' (cycle, baseline, throttle, latency, events)");
                }
            } catch (RuntimeException e) {
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

    static void log(String format, Object... args) {
        System.out.println("[bench " + Instant.now().toString().substring(11, 19) + "] " + String.format(format, args));
    }
}
