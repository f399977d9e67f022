package io.integrationmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line gives {@code validate-config} the freshness cost estimate (config itself knows no feature). */
class ValidateConfigEstimateTest {
    @TempDir
    Path dir;

    @Test
    void validateConfigThroughTheCommandLinePrintsTheFreshnessCost() throws Exception {
        // given: an empty file, freshness on by default
        Path file = Files.writeString(dir.resolve("empty.yaml"), "");
        StringWriter out = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(new StringWriter(), true));

        // when
        int code = commandLine.execute("validate-config", file.toString());

        // then
        assertThat(code).isZero();
        assertThat(out.toString())
                .contains("  freshness: every 5m, 8,640 polls a month (30 days)")
                .contains("per integration and month: 17,280 metrics")
                .contains("= $0.17");
    }
}
