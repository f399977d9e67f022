package io.integrationmonitor.cli;

import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.PollFailed;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.ResourceError;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;
import io.integrationmonitor.poll.Source;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code once} table keeps one row per resource whatever its name holds. */
class HealthTableTest {
    @Test
    void aNameWithALineBreakAndBidiControlsStaysInItsRow() {
        // given a failed integration named with a line break and U+202E, and a poll error message with one
        Instant now = Instant.parse("2025-03-03T09:00:00Z");
        ObservedResource r = new ObservedResource(ResourceKind.GLUE_INTEGRATION,
                "arn:aws:glue:us-east-1:123456789012:integration:x", "orders\nOK fake\u202Elis", "123456789012",
                "us-east-1", ResourceStatus.FAILED, List.of(ResourceError.of("E", "bad\u2066")), Map.of(), Map.of(),
                null);
        KnownResource known = new KnownResource(r, now.minus(Duration.ofMinutes(5)), now, false);
        PollFailed failed = new PollFailed(new PollTarget(Source.APPINTEGRATIONS_ASSOCIATIONS, "123456789012", "us-east-1"), now,
                Duration.ofSeconds(1), PollErrorReason.ACCESS_DENIED, "denied\n\u202Eforged", 1);
        HealthReport report = new HealthReport(HealthReport.Level.CRITICAL,
                List.of(new HealthReport.Row(known, HealthReport.Level.CRITICAL, "FAILED")), List.of(failed));

        // when printed
        StringWriter out = new StringWriter();
        new HealthTable(report, now, true).print(new PrintWriter(out, true));

        // then: summary, the poll failure, the header and exactly one row, with the escapes visible
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).endsWith("denied\\n\\u202Eforged");
        assertThat(lines.get(3)).contains("orders\\nOK fake\\u202Elis", "bad\\u2066");
        assertThat(out.toString()).doesNotContain("\u202E", "\u2066");
    }
}
