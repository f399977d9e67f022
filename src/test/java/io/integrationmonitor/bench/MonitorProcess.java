package io.integrationmonitor.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The monitor as its own JVM ({@code java -jar integration-monitor.jar run}), so its memory and CPU are its
 * own; read through {@code /proc}, {@code jcmd} and its {@code /metrics}.
 */
final class MonitorProcess implements AutoCloseable {
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicInteger scrapes = new AtomicInteger();

    private MonitorProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MonitorProcess start(Path jar, Path config, List<String> jvmArgs, Map<String, String> environment, Path log,
                                int port) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        // every collection, beside the monitor's log: a stall or a failed run shows whether the heap was the cause
        command.add("-Xlog:gc:file=" + log.resolveSibling("gc.log"));
        command.add("-jar");
        command.add(jar.toString());
        command.add("run");
        command.add("--config");
        command.add(config.toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // Base credentials only: every target assumes its role through the simulator's STS. Nothing ambient leaks in,
        // and the JVM and malloc settings are the image's (environment), not the shell's.
        var env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("MALLOC_") || k.equals("JAVA_TOOL_OPTIONS"));
        env.putAll(environment);
        env.put("AWS_ACCESS_KEY_ID", "AKIDBENCHMARKBASE001");
        env.put("AWS_SECRET_ACCESS_KEY", "bench-secret");
        env.put("AWS_CONFIG_FILE", "/nonexistent");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        return new MonitorProcess(pb.start(), port);
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    void awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the monitor exited with " + process.exitValue() + "; see its log");
            }
            try {
                if (get("/healthz", false).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the monitor did not answer /healthz within " + timeout);
    }

    /** A GET whose body is discarded ({@link TimedGet}); returns the status and the body's size on the wire. */
    long[] timedGet(String path, boolean gzip) throws IOException {
        TimedGet.Response r = TimedGet.get(port, path, gzip, 60_000);
        if (r.status() != 200) {
            throw new IOException(path + " answered " + r.status());
        }
        return new long[] {r.status(), r.bodyBytes()};
    }

    HttpResponse<byte[]> get(String path, boolean gzip) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (gzip) {
            b.header("Accept-Encoding", "gzip");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** How many times {@link #metrics()} scraped so far (each scrape allocates in the monitor). */
    int scrapes() {
        return scrapes.get();
    }

    /**
     * The families the harness reads, asked for by name ({@code /metrics?name[]=...}): the per-resource families
     * are most of a large estate's exposition (400 MB of text at 102,000 resources), which the harness would
     * otherwise fetch and parse on the machine's two cores, beside the simulator and the monitor it measures.
     */
    static final List<String> HARNESS_FAMILIES = List.of(BenchRun.LAST_SUCCESS, PollWindow.POLLS, PollWindow.RESOURCES,
            PollWindow.CPU, PollWindow.LAG, PollWindow.MIN_INTERVAL, PollWindow.AWS_REQUESTS, CyclePhase.ALLOCATED,
            CyclePhase.HEAP_USED, "jvm_memory_committed_bytes", "jvm_threads_live_threads",
            "integration_monitor_poll_errors_total", MemoryPhase.SCRAPE_ALLOCATED,
            "integration_monitor_event_messages_received_total", "integration_monitor_event_messages_deleted_total",
            "integration_monitor_event_duplicates_total", "integration_monitor_event_parse_failures_total");
    private static final String HARNESS_QUERY = "?" + HARNESS_FAMILIES.stream().map(n -> "name[]=" + n)
            .collect(java.util.stream.Collectors.joining("&"));

    /** The monitor's own series the harness reads ({@link #HARNESS_FAMILIES}). */
    Exposition metrics() throws IOException, InterruptedException {
        scrapes.incrementAndGet();
        try (var lines = lines("/metrics" + HARNESS_QUERY)) {
            return Exposition.parse(lines);
        }
    }

    /** Samples per metric name of the whole exposition, counted as it streams by, largest first. */
    java.util.LinkedHashMap<String, Long> sampleCounts() throws IOException, InterruptedException {
        scrapes.incrementAndGet();
        try (var lines = lines("/metrics")) {
            return Exposition.countByName(lines);
        }
    }

    private java.util.stream.Stream<String> lines(String path) throws IOException, InterruptedException {
        // line by line: a large estate's whole exposition is hundreds of megabytes
        HttpResponse<java.util.stream.Stream<String>> r = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(120)).build(),
                HttpResponse.BodyHandlers.ofLines());
        if (r.statusCode() != 200) {
            r.body().close();
            throw new IllegalStateException("/metrics answered " + r.statusCode());
        }
        return r.body();
    }

    String getText(String path) throws IOException, InterruptedException {
        return new String(get(path, false).body(), StandardCharsets.UTF_8);
    }

    /** User plus system CPU time of the whole process so far, from {@code /proc/PID/stat}. */
    Duration cpuTime() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return Duration.ofMillis(ticks * 1000 / CLOCK_TICKS_PER_SECOND);
    }

    /** A {@code kB} field of {@code /proc/PID/status}, e.g. VmRSS or VmHWM. */
    long statusKb(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException("no " + field + " in /proc/" + pid() + "/status");
    }

    /** Runs {@code jcmd PID args}; null when jcmd is not there or fails. */
    String jcmd(String... args) throws InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return null;
        }
        List<String> command = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid())));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
