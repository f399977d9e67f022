package io.integrationmonitor.alert.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.alert.evaluate.Alert;
import io.integrationmonitor.alert.evaluate.Condition;
import io.integrationmonitor.alert.evaluate.Json;
import io.integrationmonitor.alert.evaluate.Notification;
import io.integrationmonitor.alert.evaluate.NotificationState;
import io.integrationmonitor.config.AlertmanagerReceiverConfig;
import io.integrationmonitor.poll.PollErrorReason;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every receiver renders a change notice as a change, never a recovery; every alert says what to do. */
class ChangedNoticeRenderingTest {
    private static final java.net.URI BASE = java.net.URI.create("http://monitor.example:9108");
    private static final Instant AT = Instant.parse("2025-03-03T09:00:00Z");

    private final ObjectMapper json = Json.newMapper();

    @Test
    void everyReceiverRendersTheChange() {
        // given a changed notice
        Notification n = changed();

        // then SNS / plain text names the change, the previous condition and the new hint
        String plain = AlertText.plain(n, 20, BASE);
        assertThat(plain).startsWith("[CHANGED] orders-zetl FAILED → NEEDS_ATTENTION\n")
                .contains("  Changed from FAILED (alert failed, firing since 2025-03-03T08:42:00Z)\n",
                        "  What to do: " + Runbook.hint(n.alerts().get(0)))
                .doesNotContain("recovered");
        // and the SNS subject stays ASCII
        assertThat(SnsReceiver.subject("", n.title())).isEqualTo("[CHANGED] orders-zetl FAILED -> NEEDS_ATTENTION");
        // and Slack shows the same in its section
        String slack = new SlackMessage(json, 20, BASE).render(n, null, null).toString();
        assertThat(slack).contains("[CHANGED] orders-zetl FAILED → NEEDS_ATTENTION",
                "Changed from FAILED", "primary key").doesNotContain("recovered");
        // and the webhook document pairs the new alert with the previous one
        JsonNode document = new WebhookPayload(json, BASE).document(n);
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
        assertThat(AlertText.plain(failed, 20, BASE)).contains(
                "  What to do: A FAILED zero-ETL integration cannot recover: delete it and create it again.\n");
        // and a resolved one carries no hint
        Notification resolved = new Notification("id-2", "r", NotificationState.RESOLVED, false,
                List.of(alert("failed", "ACTIVE", "").resolved(AT, "recovered (now ACTIVE)")), AT);
        assertThat(AlertText.plain(resolved, 20, BASE)).doesNotContain("What to do");

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
    void everyRenderingLinksTheResourcesPageOnTheMonitorAndItsConsolePage() {
        // given a firing alert of a resource
        Notification n = new Notification("id-5", "r", NotificationState.FIRING, false,
                List.of(alert("failed", "FAILED", "")), AT);
        String arn = n.alerts().get(0).arn();
        String page = "http://monitor.example:9108/resource?arn=" + java.net.URLEncoder.encode(arn,
                java.nio.charset.StandardCharsets.UTF_8);

        // then SNS, Slack, webhook and Alertmanager all carry the monitor's page of it
        assertThat(AlertText.plain(n, 20, BASE)).contains("  Monitor:  " + page + "\n").contains("  Console:  https://");
        assertThat(new SlackMessage(json, 20, BASE).render(n, null, null).toString())
                .contains("<" + page + "|").contains("|AWS console>");
        assertThat(new WebhookPayload(json, BASE).document(n).at("/alerts/0/monitor_url").asText()).isEqualTo(page);
        assertThat(alertmanager().alerts(n).get(0).get("generatorURL").asText()).isEqualTo(page);
    }

    @Test
    void anInboundIntegrationsAlertNamesItsSourceAccount() {
        // given an alert of an inbound integration owned by another account
        Notification n = new Notification("id-3", "r", NotificationState.FIRING, false,
                List.of(alert("failed", "FAILED", "210987654321")), AT);

        // then every rendering names the owner
        assertThat(AlertText.plain(n, 20, BASE)).contains("  Source account (owner): 210987654321\n");
        assertThat(new SlackMessage(json, 20, BASE).render(n, null, null).toString())
                .contains("Source account (owner) 210987654321");
        assertThat(new WebhookPayload(json, BASE).document(n).get("alerts").get(0).get("source_account_id").asText())
                .isEqualTo("210987654321");
        assertThat(alertmanager().alerts(n).get(0).get("labels").get("source_account_id").asText())
                .isEqualTo("210987654321");
        // and an alert without one names none
        Notification local = new Notification("id-4", "r", NotificationState.FIRING, false,
                List.of(alert("failed", "FAILED", "")), AT);
        assertThat(AlertText.plain(local, 20, BASE)).doesNotContain("Source account");
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
                BASE);
    }
}
