package io.integrationmonitor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@code integration-monitor} as a child JVM on the test class path, set up as the jar runs: production logback.xml. */
final class ChildJvm {
    private final Process process;
    private final StringBuffer stdout = new StringBuffer();
    private final CompletableFuture<Void> stdoutRead;
    private final CompletableFuture<String> stderr;

    private ChildJvm(Process process) {
        this.process = process;
        this.stdoutRead = CompletableFuture.runAsync(() -> copy(process.getInputStream(), stdout));
        this.stderr = CompletableFuture.supplyAsync(() -> {
            StringBuffer err = new StringBuffer();
            copy(process.getErrorStream(), err);
            return err.toString();
        });
    }

    /** Starts {@code Main} with these arguments; {@code jvmOptions} go before the main class. */
    static ChildJvm start(List<String> jvmOptions, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=logback.xml",
                // as in the jar: the JDK's HttpServer, not jetty-http-spi's JVM-wide registration (the pom drops it)
                "-Dcom.sun.net.httpserver.HttpServerProvider=sun.net.httpserver.DefaultHttpServerProvider"));
        command.addAll(jvmOptions);
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        return new ChildJvm(process);
    }

    /** Runs to its end (at most 60 s) and returns what it said. */
    static Result run(String... args) throws Exception {
        return start(List.of(), args).awaitExit();
    }

    /** Standard output so far. */
    String stdoutSoFar() {
        return stdout.toString();
    }

    /** SIGTERM, as {@code docker stop} or Ctrl-C would send. */
    void terminate() throws Exception {
        // Process.destroy() would also close our end of its output, losing what it prints while stopping.
        Process kill = new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -TERM " + process.pid() + " failed");
        }
    }

    Result awaitExit() throws Exception {
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        stdoutRead.get(10, TimeUnit.SECONDS);
        Result result = new Result(process.exitValue(), stdout.toString(), stderr.get(10, TimeUnit.SECONDS));
        if (!exited) {
            throw new AssertionError("did not exit within 60 s:\n" + result.all());
        }
        return result;
    }

    private static void copy(InputStream in, StringBuffer to) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                to.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Result(int exitCode, String stdout, String stderr) {
        String all() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }

        List<String> errorLines() {
            return stderr.lines().filter(line -> !line.isBlank()).toList();
        }
    }
}
