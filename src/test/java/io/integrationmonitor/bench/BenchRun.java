package io.integrationmonitor.bench;

import io.integrationmonitor.simulator.AwsSimulator;
import io.integrationmonitor.simulator.EventQueue;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** One simulator (in this JVM) with one monitor process polling it; closed together. */
final class BenchRun implements AutoCloseable {
    static final String LAST_SUCCESS = "integration_monitor_poll_last_success_timestamp_seconds";
    private static final Duration QUIET = Duration.ofMillis(400);

    final BenchEstate estate;
    final AwsSimulator simulator;
    final MonitorProcess monitor;
    final int concurrency;
    final Duration interval;
    final Path dir;
    private final long epochMillisAtNanoZero;

    private BenchRun(BenchEstate estate, AwsSimulator simulator, MonitorProcess monitor, int concurrency,
                     Duration interval, Path dir) {
        this.estate = estate;
        this.simulator = simulator;
        this.monitor = monitor;
        this.concurrency = concurrency;
        this.interval = interval;
        this.dir = dir;
        this.epochMillisAtNanoZero = System.currentTimeMillis() - System.nanoTime() / 1_000_000;
    }

    static BenchRun start(BenchSettings settings, String label, BenchEstate estate, int concurrency,
                          Duration interval, URI slackWebhook) throws IOException, InterruptedException {
        return start(settings, label, estate, concurrency, interval, slackWebhook, sim -> { });
    }

    /** {@code prepare} sets up the simulator (faults) before the monitor makes its first call. */
    static BenchRun start(BenchSettings settings, String label, BenchEstate estate, int concurrency,
                          Duration interval, URI slackWebhook, Consumer<AwsSimulator> prepare)
            throws IOException, InterruptedException {
        return start(settings, label, estate, concurrency, interval, slackWebhook, prepare, null);
    }

    /** {@code eventQueue}: the simulator queue the monitor's {@code events:} section reads; null for none. */
    static BenchRun start(BenchSettings settings, String label, BenchEstate estate, int concurrency,
                          Duration interval, URI slackWebhook, Consumer<AwsSimulator> prepare, EventQueue eventQueue)
            throws IOException, InterruptedException {
        return start(settings, label, estate, concurrency, interval, slackWebhook, prepare, eventQueue, null);
    }

    /** {@code maxPollDuration}: every source's poll budget; null for the monitor's default (five intervals). */
    static BenchRun start(BenchSettings settings, String label, BenchEstate estate, int concurrency,
                          Duration interval, URI slackWebhook, Consumer<AwsSimulator> prepare, EventQueue eventQueue,
                          Duration maxPollDuration) throws IOException, InterruptedException {
        Path dir = settings.outDir().resolve(label).toAbsolutePath();
        deleteRecursively(dir);
        Files.createDirectories(dir);
        AwsSimulator simulator = AwsSimulator.start("127.0.0.1", 0, estate.populate(), 128);
        simulator.faults().addLatency(settings.apiLatency());
        prepare.accept(simulator);
        int port = MonitorProcess.freePort();
        MonitorYaml yaml = new MonitorYaml(estate, simulator.endpoint(), concurrency, interval, port,
                dir.resolve("data"), slackWebhook, settings.liftAwsLimits(), eventQueue, maxPollDuration);
        Path config = dir.resolve("monitor.yaml");
        Files.writeString(config, yaml.render());
        MonitorProcess monitor = MonitorProcess.start(settings.jar().toAbsolutePath(), config, settings.jvmArgs(),
                settings.monitorEnvironment(),
                dir.resolve("monitor.log"), port);
        BenchRun run = new BenchRun(estate, simulator, monitor, concurrency, interval, dir);
        try {
            monitor.awaitHealthy(Duration.ofSeconds(90));
        } catch (RuntimeException | InterruptedException e) {
            run.close();
            throw e;
        }
        return run;
    }

    /** Scrapes every {@code every} until every one of {@code targets} has completed {@code polls} polls. */
    Timed awaitAllPolled(int targets, long polls, Duration timeout, Duration every)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Timed t = scrape();
            if (PollWindow.allPolledAtLeast(t.exposition(), targets, polls)) {
                return t;
            }
            Thread.sleep(every.toMillis());
        }
        throw new IllegalStateException("not every target completed " + polls + " poll(s) within " + timeout
                + "; see " + dir.resolve("monitor.log"));
    }

    /** Scrapes {@code /metrics}, with the moment the request was sent ({@link System#nanoTime()}). */
    Timed scrape() throws IOException, InterruptedException {
        long at = System.nanoTime();
        try {
            return new Timed(monitor.metrics(), at);
        } catch (IOException e) {
            if (!monitor.alive()) {
                // e.g. -XX:+ExitOnOutOfMemoryError: say so rather than "connection refused"
                throw new IllegalStateException("the monitor exited; see " + dir.resolve("monitor.log"), e);
            }
            throw e;
        }
    }

    record Timed(Exposition exposition, long nanos) {
        double secondsSince(Timed earlier) {
            return (nanos - earlier.nanos) / 1e9;
        }
    }

    /** Epoch milliseconds of a {@link System#nanoTime()} reading taken in this JVM. */
    long epochMillis(long nanos) {
        return epochMillisAtNanoZero + nanos / 1_000_000;
    }

    /**
     * Waits until every target's last successful poll is at or after {@code sinceEpochMillis}; returns that
     * scrape, or null on timeout. A scrape of a large estate costs the monitor real CPU, so it scrapes only
     * when the simulator has been idle for a moment (a cycle has ended), or every {@code every} at most.
     */
    Exposition awaitAllPolledSince(long sinceEpochMillis, Duration timeout, Duration every)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastScrape = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long lastCall = simulator.calls().lastCallNanos().orElse(Long.MIN_VALUE);
            boolean quiet = lastCall != Long.MIN_VALUE && System.nanoTime() - lastCall > QUIET.toNanos();
            if (quiet || System.nanoTime() - lastScrape > every.toNanos()) {
                lastScrape = System.nanoTime();
                Exposition e = monitor.metrics();
                long done = e.series(LAST_SUCCESS).stream()
                        .filter(s -> s.value() * 1000 >= sinceEpochMillis - 1).count();
                if (done >= estate.targets()) {
                    return e;
                }
            }
            Thread.sleep(quiet ? 500 : 100);
        }
        return null;
    }

    /** Waits until the simulator has served at least {@code calls} calls and then none for {@code quiet}. */
    boolean awaitCallsThenQuiet(long calls, Duration quiet, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long last = simulator.calls().lastCallNanos().orElse(Long.MAX_VALUE);
            if (simulator.calls().total() >= calls && System.nanoTime() - last >= quiet.toNanos()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Waits until {@code queue} holds no message (every event received and deleted by the monitor). */
    boolean awaitQueueDrained(EventQueue queue, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (simulator.sqs().messages(queue.partition(), queue.name()).isEmpty()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    static void sleepUntilNanos(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            monitor.close();
        } finally {
            simulator.close();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
