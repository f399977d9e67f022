package io.integrationmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo} end to end in a child JVM: the simulator's EventBridge events reach the monitor through SQS, so a
 * failure is detected by the event-driven poll (logged on the SQS consumer's thread) and the story's table failure
 * fires and resolves, which no poll could see.
 */
class DemoEventsEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void theDemoDetectsAnAnnouncedFailureThroughItsEventAndAlertsTheTableFailureAndItsRecovery() throws Exception {
        // given the demo, ten times faster (the story's table fails at 1.8 s and completes at 4.8 s)
        ChildJvm demo = ChildJvm.start(List.of("-Djava.io.tmpdir=" + tmp), "demo", "--port", "0", "--speed", "10",
                "--duration", "12");

        // when it has played the story
        ChildJvm.Result result = demo.awaitExit();

        // then the Glue failure was detected on the SQS consumer's thread, and the table alert fired and resolved
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.stdout()).as(result.all())
                .containsPattern("\\[events-sqs-integration-events\\] \\S+ - event entered_failed glue_integration")
                .containsPattern("\\[FIRING\\] .* table customers TABLE INGESTION FAILED")
                .containsPattern("\\[RESOLVED\\] .* table customers recovered");
    }
}
