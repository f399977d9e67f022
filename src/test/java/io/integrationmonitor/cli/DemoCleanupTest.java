package io.integrationmonitor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code demo} removes the temporary state directory it made, whether it ends by {@code --duration} or by
 * SIGTERM, and keeps a directory given with {@code --data-dir}. A child JVM whose temporary directory is
 * this test's.
 */
class DemoCleanupTest {
    @TempDir
    Path tmp;

    @Test
    void a_demo_that_ends_by_its_duration_leaves_no_temporary_state() throws Exception {
        ChildJvm demo = ChildJvm.start(List.of("-Djava.io.tmpdir=" + tmp), "demo", "--port", "0", "--duration", "3");
        await().atMost(Duration.ofSeconds(60)).until(() -> !demoDirectories().isEmpty()); // it did make one

        ChildJvm.Result result = demo.awaitExit();

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.stdout()).contains("integration-monitor demo is running.");
        assertThat(demoDirectories()).as(result.all()).isEmpty();
    }

    @Test
    void a_demo_stopped_by_sigterm_leaves_no_temporary_state() throws Exception {
        ChildJvm demo = ChildJvm.start(List.of("-Djava.io.tmpdir=" + tmp), "demo", "--port", "0");
        await().atMost(Duration.ofSeconds(60)).until(() -> demo.stdoutSoFar().contains("Ctrl-C to stop."));
        assertThat(demoDirectories()).hasSize(1);

        demo.terminate();
        ChildJvm.Result result = demo.awaitExit();

        assertThat(result.exitCode()).as("SIGTERM: 128 + 15; " + result.all()).isEqualTo(143);
        assertThat(demoDirectories()).as(result.all()).isEmpty();
        assertThat(result.all()).doesNotContain("\tat ");
    }

    @Test
    void a_data_directory_given_by_the_user_is_kept() throws Exception {
        Path data = tmp.resolve("kept");

        ChildJvm.Result result = ChildJvm.start(List.of("-Djava.io.tmpdir=" + tmp),
                "demo", "--port", "0", "--duration", "2", "--data-dir", data.toString()).awaitExit();

        assertThat(result.exitCode()).as(result.all()).isZero();
        try (var files = Files.list(data)) {
            assertThat(files.toList()).as("the database").isNotEmpty();
        }
    }

    private List<Path> demoDirectories() throws Exception {
        try (var files = Files.list(tmp)) {
            return files.filter(p -> p.getFileName().toString().startsWith("integration-monitor-demo")).toList();
        }
    }
}
