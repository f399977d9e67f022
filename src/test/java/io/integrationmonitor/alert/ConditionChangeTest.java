package io.integrationmonitor.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.config.AlertmanagerReceiverConfig;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.PollErrorReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.integrationmonitor.alert.Polls.completed;
import static io.integrationmonitor.alert.Polls.glue;
import static org.assertj.core.api.Assertions.assertThat;

/** FAILED → NEEDS_ATTENTION is one change notice, never a recovery; every alert says what to do. */
class ConditionChangeTest {
    private static final Instant AT = Instant.parse("2025-03-03T09:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(AlertingHarness.T0);
    private final ObjectMapper json = Json.newMapper();

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

    @Test
    void everyReceiverRendersTheChange() {
        // given a changed notice
        Notification n = changed();

        // then SNS / plain text names the change, the previous condition and the new hint
        String plain = AlertText.plain(n, 20);
        assertThat(plain).startsWith("[CHANGED] orders-zetl FAILED → NEEDS_ATTENTION\n")
                .contains("  Changed from FAILED (alert failed, firing since 2025-03-03T08:42:00Z)\n",
                        "  What to do: " + Runbook.hint(n.alerts().get(0)))
                .doesNotContain("recovered");
        // and the SNS subject stays ASCII
        assertThat(SnsReceiver.subject("", n.title())).isEqualTo("[CHANGED] orders-zetl FAILED -> NEEDS_ATTENTION");
        // and Slack shows the same in its section
        String slack = new SlackMessage(json, 20).render(n, null, null).toString();
        assertThat(slack).contains("[CHANGED] orders-zetl FAILED → NEEDS_ATTENTION",
                "Changed from FAILED", "primary key").doesNotContain("recovered");
        // and the webhook document pairs the new alert with the previous one
        JsonNode document = new WebhookPayload(json).document(n);
        assertThat(document.get("state").asText()).isEqualTo("changed");
        assertThat(document.get("alerts").get(0).get("condition").asText()).isEqualTo("needs_attention");
        assertThat(document.get("alerts").get(0).get("runbook").asText()).contains("resync");
        assertThat(document.get("previous").get(0).get("condition").asText()).isEqualTo("failed");

        // and Alertmanager, whose identity is the label set, gets the new alert firing and the old one resolved
        JsonNode alerts = alertmanager().alerts(n);
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0).get("labels").get("condition").asText()).isEqualTo("needs_attention");
        assertThat(alerts.get(0).has("endsAt")).isFalse();
        assertThat(alerts.get(0).get("annotations").get("summary").asText())
                .isEqualTo("orders-zetl NEEDS ATTENTION (was FAILED)");
        assertThat(alerts.get(1).get("labels").get("condition").asText()).isEqualTo("failed");
        assertThat(alerts.get(1).get("endsAt").asText()).isEqualTo("2025-03-03T09:00:00Z");
        assertThat(alerts.get(1).get("annotations").get("summary").asText())
                .isEqualTo("[RESOLVED] orders-zetl FAILED: changed to NEEDS_ATTENTION");
    }

    @Test
    void aFailedIntegrationIsToldToBeRecreatedAndEveryConditionAndReasonHasAHint() {
        // given a firing FAILED alert, then its text says that it cannot recover
        Notification failed = new Notification("id-1", "r", NotificationState.FIRING, false,
                List.of(alert("failed", "FAILED", "")), AT);
        assertThat(AlertText.plain(failed, 20)).contains(
                "  What to do: A FAILED zero-ETL integration cannot recover: delete it and create it again.\n");
        // and a resolved one carries no hint
        Notification resolved = new Notification("id-2", "r", NotificationState.RESOLVED, false,
                List.of(alert("failed", "ACTIVE", "").resolved(AT, "recovered (now ACTIVE)")), AT);
        assertThat(AlertText.plain(resolved, 20)).doesNotContain("What to do");

        // and every condition, and every poll error reason, has a hint of its own
        for (Condition c : Condition.values()) {
            assertThat(Runbook.hint(alert(c.label(), "X", ""))).as(c.label()).isNotBlank();
        }
        List<String> byReason = java.util.Arrays.stream(PollErrorReason.values())
                .map(r -> Runbook.hint(alert("poll_failing", r.label(), ""))).toList();
        assertThat(byReason).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(Runbook.hint(alert("poll_failing", "access_denied", ""))).contains("permission");
        assertThat(Runbook.hint(alert("execution_failed", "FAILED", ""))).contains("API quota", "permissions");
    }

    @Test
    void anInboundIntegrationsAlertNamesItsSourceAccount() {
        // given an alert of an inbound integration owned by another account
        Notification n = new Notification("id-3", "r", NotificationState.FIRING, false,
                List.of(alert("failed", "FAILED", "210987654321")), AT);

        // then every rendering names the owner
        assertThat(AlertText.plain(n, 20)).contains("  Source account (owner): 210987654321\n");
        assertThat(new SlackMessage(json, 20).render(n, null, null).toString())
                .contains("Source account (owner) 210987654321");
        assertThat(new WebhookPayload(json).document(n).get("alerts").get(0).get("source_account_id").asText())
                .isEqualTo("210987654321");
        assertThat(alertmanager().alerts(n).get(0).get("labels").get("source_account_id").asText())
                .isEqualTo("210987654321");
        // and an alert without one names none
        Notification local = new Notification("id-4", "r", NotificationState.FIRING, false,
                List.of(alert("failed", "FAILED", "")), AT);
        assertThat(AlertText.plain(local, 20)).doesNotContain("Source account");
        assertThat(alertmanager().alerts(local).get(0).get("labels").has("source_account_id")).isFalse();
    }

    private Notification changed() {
        Alert previous = alert("failed", "FAILED", "").resolved(AT, "changed to NEEDS_ATTENTION");
        Alert now = alert("needs_attention", "NEEDS_ATTENTION", "").withStartsAt(AT);
        return new Notification("id-5", "r", NotificationState.CHANGED, false, List.of(now), AT, List.of(previous));
    }

    private static Alert alert(String condition, String status, String sourceAccountId) {
        String arn = "arn:aws:glue:us-east-1:123456789012:integration:orders";
        return Alert.builder(arn + "|" + condition, Condition.fromLabel(condition)).kind("glue_integration")
                .name("orders-zetl").arn(arn).accountId("123456789012").region("us-east-1")
                .targetKey("glue_integrations/123456789012/us-east-1").status(status)
                .startsAt(Instant.parse("2025-03-03T08:42:00Z")).sourceAccountId(sourceAccountId).build();
    }

    private AlertmanagerReceiver alertmanager() {
        return new AlertmanagerReceiver("am", new AlertmanagerReceiverConfig(
                List.of(URI.create("http://127.0.0.1:9")), null, null),
                new HttpDelivery(HttpClient.newHttpClient(), Clock.systemUTC()), json,
                URI.create("http://127.0.0.1:9108"));
    }
}
