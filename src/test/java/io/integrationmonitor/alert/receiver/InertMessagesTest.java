package io.integrationmonitor.alert.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.alert.evaluate.Alert;
import io.integrationmonitor.alert.evaluate.Condition;
import io.integrationmonitor.alert.evaluate.Json;
import io.integrationmonitor.alert.evaluate.Notification;
import io.integrationmonitor.alert.evaluate.NotificationState;
import io.integrationmonitor.config.AlertmanagerReceiverConfig;
import io.integrationmonitor.config.SnsReceiverConfig;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.model.PublishRequest;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A name and an error message from AWS with a line break and bidi controls reach no receiver raw. */
class InertMessagesTest {
    private static final java.net.URI BASE = java.net.URI.create("http://monitor.example:9108");
    /** Tries to forge a line and to show "lis" reversed, i.e. a different name than the ARN's. */
    private static final String NAME = "orders\nStatus: ACTIVE\u202Esil";
    private static final String ESCAPED_NAME = "orders\\nStatus: ACTIVE\\u202Esil";
    private static final String ERROR = "SourceError: bad\r\n\u2066hidden\u2069";

    private final ObjectMapper json = Json.newMapper();

    private static Notification hostile() {
        String arn = "arn:aws:glue:us-east-1:123456789012:integration:evil";
        Alert alert = Alert.builder(arn + "|failed", Condition.FAILED).kind("glue_integration").name(NAME).arn(arn)
                .accountId("123456789012").region("us-east-1").targetKey("glue_integrations/123456789012/us-east-1")
                .status("FAILED").startsAt(Instant.parse("2025-03-03T08:42:00Z")).errors(List.of(ERROR))
                .refreshInterval("15").build();
        return new Notification("id-1", "r", NotificationState.FIRING, false, List.of(alert),
                Instant.parse("2025-03-03T09:00:00Z"));
    }

    @Test
    void slackShowsTheEscapesInMrkdwnAndPlainText() {
        // when rendered for Slack
        JsonNode root = new SlackMessage(json, 20, BASE).render(hostile(), null, null);

        // then no text carries a raw control or bidi character from AWS, and the escapes are visible
        List<String> texts = texts(root);
        assertThat(texts).noneMatch(InertMessagesTest::hasRawHostileCharacter);
        assertThat(root.get("text").asText()).contains(ESCAPED_NAME);
        assertThat(String.join("\n", texts)).contains("SourceError: bad\\r\\n\\u2066hidden\\u2069");
        assertThat(texts).noneMatch(t -> t.lines().anyMatch(l -> l.startsWith("Status: ACTIVE")));
    }

    @Test
    void snsSubjectAndMessageHaveOnlyTheirOwnLineBreaks() {
        SnsReceiver sns = new SnsReceiver("pager", new SnsReceiverConfig(
                "arn:aws:sns:us-east-1:123456789012:alerts", null, null, null, null), r -> null,
                new WebhookPayload(json, BASE), json, 20, BASE);

        // when published
        PublishRequest publish = sns.request(hostile());

        // then the subject is ASCII with the escapes shown, and the message forges no line
        assertThat(publish.subject()).isEqualTo("[FIRING] " + ESCAPED_NAME + " FAILED");
        assertThat(hasRawHostileCharacter(publish.message())).isFalse();
        assertThat(publish.message()).contains(ESCAPED_NAME + " (glue_integration)",
                "  Error:    SourceError: bad\\r\\n\\u2066hidden\\u2069");
        assertThat(publish.message().lines()).noneMatch(l -> l.startsWith("Status: ACTIVE"));
    }

    @Test
    void webhookAndAlertmanagerEscapeTheirHumanTextAndKeepTheData() {
        // when rendered as the webhook document and as Alertmanager alerts
        JsonNode document = new WebhookPayload(json, BASE).document(hostile());
        AlertmanagerReceiver am = new AlertmanagerReceiver("am", new AlertmanagerReceiverConfig(
                List.of(URI.create("http://127.0.0.1:9")), null, null),
                new HttpDelivery(java.net.http.HttpClient.newHttpClient(), Clock.systemUTC()), json,
                URI.create("http://127.0.0.1:9108"));
        JsonNode alert = am.alerts(hostile()).get(0);

        // then titles, summaries, descriptions and error annotations are inert
        assertThat(document.get("title").asText()).isEqualTo("[FIRING] " + ESCAPED_NAME + " FAILED");
        assertThat(texts(alert.get("annotations"))).noneMatch(InertMessagesTest::hasRawHostileCharacter);
        assertThat(alert.get("annotations").get("summary").asText()).isEqualTo(ESCAPED_NAME + " FAILED");
        // and identifiers stay exact (JSON-escaped on the wire), for matching and deduplication
        assertThat(document.get("alerts").get(0).get("name").asText()).isEqualTo(NAME);
        assertThat(alert.get("labels").get("name").asText()).isEqualTo(NAME);
    }

    static boolean hasRawHostileCharacter(String s) {
        return s.contains("\u202E") || s.contains("\u2066") || s.contains("\u2069") || s.contains("\r")
                || s.contains("orders\n");
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.asText());
        }
        node.forEach(child -> out.addAll(texts(child)));
        return out;
    }
}
