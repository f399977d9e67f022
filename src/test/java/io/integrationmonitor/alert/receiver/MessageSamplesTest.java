package io.integrationmonitor.alert.receiver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.integrationmonitor.alert.evaluate.Alert;
import io.integrationmonitor.alert.evaluate.Condition;
import io.integrationmonitor.alert.evaluate.Json;
import io.integrationmonitor.alert.evaluate.Notification;
import io.integrationmonitor.alert.evaluate.NotificationState;
import io.integrationmonitor.config.SnsReceiverConfig;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.model.PublishRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Renders the sample messages the README shows, into target/alerting-samples/. */
class MessageSamplesTest {
    private static final java.net.URI BASE = java.net.URI.create("http://monitor.example:9108");
    static Notification sample(String state) {
        Instant since = Instant.parse("2025-03-03T08:41:00Z");
        String arn = "arn:aws:glue:us-east-1:123456789012:integration:6f2a1c3e-0b7d-4c1e-9a57-1d2e3f4a5b6c";
        Alert alert = Alert.builder(arn + "|failed", Condition.FAILED).kind("glue_integration").name("orders-zetl")
                .arn(arn).accountId("123456789012").region("us-east-1")
                .targetKey("glue_integrations/123456789012/us-east-1")
                .status(state.equals("firing") ? "FAILED" : "ACTIVE").statusSince(since)
                .startsAt(Instant.parse("2025-03-03T08:42:00Z"))
                .endsAt(state.equals("firing") ? null : Instant.parse("2025-03-03T10:12:00Z"))
                .errors(List.of("SourceError: Binary log retention on the source is shorter than 24 hours"))
                .refreshInterval("15").tags(Map.of("team", "data"))
                .resolution(state.equals("firing") ? "" : "recovered (now ACTIVE)").build();
        return new Notification("8d4be1a0-8f8e-4c52-9a55-2a3c0f1e7b11", "oncall-slack",
                NotificationState.fromLabel(state), false, List.of(alert),
                Instant.parse("2025-03-03T09:00:00Z"));
    }

    @Test
    void writesSlackAndSnsSamples() throws Exception {
        ObjectMapper json = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path out = Path.of("target", "alerting-samples");
        Files.createDirectories(out);

        String slack = json.writeValueAsString(new SlackMessage(json, 20, BASE).render(sample("firing"), null, null));
        Files.writeString(out.resolve("slack-firing.json"), slack);
        Files.writeString(out.resolve("slack-resolved.json"),
                json.writeValueAsString(new SlackMessage(json, 20, BASE).render(sample("resolved"), null, null)));

        SnsReceiver sns = new SnsReceiver("pager", new SnsReceiverConfig(
                "arn:aws:sns:us-east-1:123456789012:alerts", null, "[prod]", null, null), r -> null,
                new WebhookPayload(json, BASE), json, 20, BASE);
        PublishRequest publish = sns.request(sample("firing"));
        Files.writeString(out.resolve("sns-firing.txt"), "Subject: " + publish.subject() + "\n"
                + "MessageAttributes: " + publish.messageAttributes().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().stringValue()).toList() + "\n\n" + publish.message());
        Files.writeString(out.resolve("webhook-firing.json"),
                json.writeValueAsString(new WebhookPayload(json, BASE).document(sample("firing"))));

        assertThat(slack).contains("[FIRING] orders-zetl FAILED");
        assertThat(publish.subject()).isEqualTo("[prod] [FIRING] orders-zetl FAILED");
    }
}
