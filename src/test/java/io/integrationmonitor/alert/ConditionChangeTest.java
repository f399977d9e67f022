package io.integrationmonitor.alert;

import io.integrationmonitor.testing.MutableClock;
import io.integrationmonitor.alert.evaluate.Condition;
import io.integrationmonitor.alert.evaluate.Notification;
import io.integrationmonitor.alert.evaluate.NotificationState;
import io.integrationmonitor.poll.ObservedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.integrationmonitor.alert.Polls.completed;
import static io.integrationmonitor.alert.Polls.glue;
import static org.assertj.core.api.Assertions.assertThat;

/** FAILED → NEEDS_ATTENTION is one change notice, never a recovery (rendering: ChangedNoticeRenderingTest). */
class ConditionChangeTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(AlertingHarness.T0);

    private void poll(AlertingHarness h, ObservedResource... resources) {
        clock.advance(Duration.ofSeconds(1));
        h.engine().onPollCompleted(completed(clock.instant(), List.of(resources)));
        h.dispatcher().drain();
    }

    @Test
    void failedToNeedsAttentionIsOneChangedNoticeEvenWithDamping() {
        String yaml = """
                alerting:
                  firing_threshold: 2
                  resolve_threshold: 2
                  receivers: [{name: rec, log: {}}, {name: quiet, log: {send_resolved: false}}]
                """;
        RecordingReceiver rec = new RecordingReceiver("rec");
        RecordingReceiver quiet = new RecordingReceiver("quiet", false, null);
        try (AlertingHarness h = new AlertingHarness(dir, clock, yaml, Map.of("rec", rec, "quiet", quiet))) {
            // given a FAILED integration that fired
            poll(h, glue("orders-zetl", "FAILED"));
            poll(h, glue("orders-zetl", "FAILED"));
            assertThat(rec.titles()).containsExactly("[FIRING] orders-zetl FAILED");

            // when it is NEEDS_ATTENTION in the next poll
            poll(h, glue("orders-zetl", "NEEDS_ATTENTION"));

            // then each receiver gets one change notice at once (no threshold to wait for), never "recovered"
            assertThat(rec.titles()).containsExactly("[FIRING] orders-zetl FAILED",
                    "[CHANGED] orders-zetl FAILED → NEEDS_ATTENTION");
            assertThat(quiet.titles()).containsExactly("[FIRING] orders-zetl FAILED",
                    "[CHANGED] orders-zetl FAILED → NEEDS_ATTENTION");
            Notification changed = rec.received().get(1);
            assertThat(changed.state()).isEqualTo(NotificationState.CHANGED);
            assertThat(changed.alerts()).singleElement()
                    .satisfies(a -> assertThat(a.condition()).isEqualTo(Condition.NEEDS_ATTENTION));
            assertThat(changed.previous()).singleElement().satisfies(p -> {
                assertThat(p.condition()).isEqualTo(Condition.FAILED);
                assertThat(p.endsAt()).isNotNull();
                assertThat(p.resolution()).isEqualTo("changed to NEEDS_ATTENTION");
            });
            assertThat(h.engine().alerts()).singleElement().satisfies(v -> {
                assertThat(v.alert().condition()).isEqualTo(Condition.NEEDS_ATTENTION);
                assertThat(v.firing()).isTrue();
            });

            // when it is ACTIVE for the resolve threshold, then that is the recovery
            poll(h, glue("orders-zetl", "ACTIVE"));
            poll(h, glue("orders-zetl", "ACTIVE"));
            assertThat(rec.titles()).hasSize(3).last().isEqualTo("[RESOLVED] orders-zetl recovered");
            assertThat(quiet.titles()).hasSize(2);
        }
    }
}
