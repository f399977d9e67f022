package io.integrationmonitor.alert;

import io.integrationmonitor.testing.MutableClock;
import io.integrationmonitor.alert.evaluate.Alert;
import io.integrationmonitor.alert.evaluate.Severity;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.ResourceError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.integrationmonitor.alert.Polls.completed;
import static io.integrationmonitor.alert.Polls.glue;
import static org.assertj.core.api.Assertions.assertThat;

class AlertLifecycleTest {
    private static final String ONE_RECEIVER = """
            alerting:
              receivers: [{name: rec, log: {}}]
            """;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(AlertingHarness.T0);
    private final RecordingReceiver rec = new RecordingReceiver("rec");

    /** One new poll, a second after the previous: the engine evaluates each poll time of a target once. */
    private void poll(AlertingHarness h, ObservedResource... resources) {
        clock.advance(Duration.ofSeconds(1));
        h.engine().onPollCompleted(completed(clock.instant(), List.of(resources)));
        h.dispatcher().drain();
    }

    @Test
    void firesOnceRepeatsAfterTheRepeatIntervalAndResolves() {
        try (AlertingHarness h = new AlertingHarness(dir, clock, ONE_RECEIVER, Map.of("rec", rec))) {
            // given a failed integration, when it is polled repeatedly within the repeat interval
            poll(h, glue("orders-zetl", "FAILED", ResourceError.of("SourceError", "binlog retention too short")));
            clock.advance(Duration.ofMinutes(1));
            poll(h, glue("orders-zetl", "FAILED"));
            clock.advance(Duration.ofHours(3).plusMinutes(58));
            poll(h, glue("orders-zetl", "FAILED"));
            // then exactly one message went out
            assertThat(rec.titles()).containsExactly("[FIRING] orders-zetl FAILED");
            assertThat(rec.received().get(0).alerts().get(0).errors())
                    .containsExactly("SourceError: binlog retention too short");

            // when the repeat interval (4h) has passed, then a reminder
            clock.advance(Duration.ofMinutes(1));
            poll(h, glue("orders-zetl", "FAILED"));
            assertThat(rec.titles()).containsExactly("[FIRING] orders-zetl FAILED", "[FIRING, reminder] orders-zetl FAILED");

            // when it recovers, then one resolved notice, and nothing more afterwards
            clock.advance(Duration.ofMinutes(1));
            poll(h, glue("orders-zetl", "ACTIVE"));
            clock.advance(Duration.ofMinutes(1));
            poll(h, glue("orders-zetl", "ACTIVE"));
            assertThat(rec.titles()).hasSize(3).last().isEqualTo("[RESOLVED] orders-zetl recovered");
            Alert resolved = rec.received().get(2).alerts().get(0);
            assertThat(resolved.resolution()).isEqualTo("recovered (now ACTIVE)");
            assertThat(resolved.endsAt()).isNotNull();
            assertThat(h.engine().alerts()).isEmpty();
        }
    }

    @Test
    void flapDampingNeedsConsecutivePollsToFireAndToResolve() {
        String yaml = """
                alerting:
                  firing_threshold: 3
                  resolve_threshold: 2
                  receivers: [{name: rec, log: {}}]
                """;
        try (AlertingHarness h = new AlertingHarness(dir, clock, yaml, Map.of("rec", rec))) {
            // given a flapping integration: failed, ok, failed, failed -> never three in a row
            poll(h, glue("flappy", "FAILED"));
            poll(h, glue("flappy", "ACTIVE"));
            poll(h, glue("flappy", "FAILED"));
            poll(h, glue("flappy", "FAILED"));
            assertThat(rec.titles()).isEmpty();
            assertThat(h.engine().alerts()).singleElement().satisfies(v -> assertThat(v.firing()).isFalse());

            // when the third consecutive failed poll arrives, then it fires
            poll(h, glue("flappy", "FAILED"));
            assertThat(rec.titles()).containsExactly("[FIRING] flappy FAILED");

            // when one healthy poll is followed by a failure, then it stays firing without any message
            poll(h, glue("flappy", "ACTIVE"));
            poll(h, glue("flappy", "FAILED"));
            assertThat(rec.titles()).hasSize(1);

            // when two healthy polls in a row, then it resolves
            poll(h, glue("flappy", "ACTIVE"));
            assertThat(rec.titles()).hasSize(1);
            poll(h, glue("flappy", "ACTIVE"));
            assertThat(rec.titles()).containsExactly("[FIRING] flappy FAILED", "[RESOLVED] flappy recovered");
        }
    }

    @Test
    void aVanishedResourceResolvesAndAnAppearedUnhealthyOneFires() {
        try (AlertingHarness h = new AlertingHarness(dir, clock, ONE_RECEIVER, Map.of("rec", rec))) {
            // given a resource first seen already in NEEDS_ATTENTION (no ENTERED_* event needed)
            poll(h, glue("legacy", "NEEDS_ATTENTION"));
            assertThat(rec.titles()).containsExactly("[FIRING] legacy NEEDS ATTENTION");
            assertThat(rec.received().get(0).severity()).isEqualTo(Severity.WARNING);
            // when it disappears from a complete poll
            poll(h);
            // then it resolves as vanished
            assertThat(rec.titles()).last().isEqualTo("[RESOLVED] legacy vanished");
        }
    }

    @Test
    void pollFailingFiresAfterTheThresholdAndResolvesOnTheNextCompletedPoll() {
        String yaml = """
                alerting:
                  poll_failure_threshold: 3
                  receivers: [{name: rec, log: {}}]
                """;
        try (AlertingHarness h = new AlertingHarness(dir, clock, yaml, Map.of("rec", rec))) {
            for (int i = 1; i <= 2; i++) {
                clock.advance(Duration.ofSeconds(1));
                h.engine().onPollFailed(Polls.failed(clock.instant(), i));
            }
            h.dispatcher().drain();
            assertThat(rec.titles()).isEmpty();

            clock.advance(Duration.ofSeconds(1));
            h.engine().onPollFailed(Polls.failed(clock.instant(), 3));
            clock.advance(Duration.ofSeconds(1));
            h.engine().onPollFailed(Polls.failed(clock.instant(), 4));
            h.dispatcher().drain();
            assertThat(rec.titles()).containsExactly("[FIRING] glue_integrations/123456789012/us-east-1 CANNOT POLL");
            assertThat(rec.received().get(0).alerts().get(0).errors().get(0)).contains("AccessDeniedException");

            poll(h);
            assertThat(rec.titles()).last().isEqualTo("[RESOLVED] glue_integrations/123456789012/us-east-1 recovered");
        }
    }

    @Test
    void aRestartNeitherResendsNorForgets() {
        AlertingHarness h = new AlertingHarness(dir, clock, ONE_RECEIVER, Map.of("rec", rec));
        poll(h, glue("orders-zetl", "FAILED"));
        h.close();
        // when the monitor restarts on the same database and polls again
        h.reopen(Map.of("rec", rec));
        try (h) {
            clock.advance(Duration.ofMinutes(1));
            poll(h, glue("orders-zetl", "FAILED"));
            assertThat(rec.titles()).containsExactly("[FIRING] orders-zetl FAILED");
            // then it still knows the alert fired: recovery is announced
            poll(h, glue("orders-zetl", "ACTIVE"));
            assertThat(rec.titles()).containsExactly("[FIRING] orders-zetl FAILED", "[RESOLVED] orders-zetl recovered");
        }
    }

    @Test
    void routesMatchInOrderWithContinueAndSendResolvedIsPerReceiver() {
        String yaml = """
                alerting:
                  receivers:
                    - {name: data-team, log: {}}
                    - {name: audit, log: {send_resolved: false}}
                    - {name: fallback, log: {}}
                  routes:
                    - match: {tags: {team: data}, condition: failed}
                      receivers: [audit]
                      continue: true
                    - match: {name: "orders-*"}
                      receivers: [data-team]
                    - match: {name: "*"}
                      receivers: [fallback]
                  default_receivers: [fallback]
                """;
        RecordingReceiver dataTeam = new RecordingReceiver("data-team");
        RecordingReceiver audit = new RecordingReceiver("audit", false, null);
        RecordingReceiver fallback = new RecordingReceiver("fallback");
        try (AlertingHarness h = new AlertingHarness(dir, clock, yaml,
                Map.of("data-team", dataTeam, "audit", audit, "fallback", fallback))) {
            poll(h, glue("orders-zetl", "FAILED"));
            poll(h, glue("orders-zetl", "ACTIVE"));
            // first route continues to the second, which stops before the catch-all
            assertThat(audit.titles()).containsExactly("[FIRING] orders-zetl FAILED");
            assertThat(dataTeam.titles()).containsExactly("[FIRING] orders-zetl FAILED", "[RESOLVED] orders-zetl recovered");
            assertThat(fallback.titles()).isEmpty();
        }
    }

    @Test
    void anAlertmanagerStyleReceiverIsResentAtItsOwnInterval() {
        String yaml = """
                alerting:
                  receivers: [{name: am, log: {}}, {name: chat, log: {}}]
                """;
        RecordingReceiver am = new RecordingReceiver("am", true, Duration.ofMinutes(1));
        RecordingReceiver chat = new RecordingReceiver("chat");
        try (AlertingHarness h = new AlertingHarness(dir, clock, yaml, Map.of("am", am, "chat", chat))) {
            for (int i = 0; i < 3; i++) {
                poll(h, glue("orders-zetl", "FAILED"));
                clock.advance(Duration.ofMinutes(1));
            }
            assertThat(am.received()).hasSize(3);
            assertThat(chat.received()).hasSize(1);
        }
    }
}
