package io.integrationmonitor.alert.receiver;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.alert.evaluate.Alert;
import io.integrationmonitor.alert.evaluate.Condition;
import io.integrationmonitor.alert.evaluate.Json;
import io.integrationmonitor.alert.evaluate.Notification;
import io.integrationmonitor.alert.evaluate.NotificationState;
import io.integrationmonitor.config.AlertmanagerReceiverConfig;
import io.integrationmonitor.config.LogReceiverConfig;
import io.integrationmonitor.config.SnsReceiverConfig;
import io.integrationmonitor.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.KeyValuePair;
import software.amazon.awssdk.services.sns.model.PublishRequest;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A freshness alert's detail reaches every receiver, and the AWS text in it (the name, the failing tables'
 * names) reaches none raw: no mention, no markup, no forged line.
 */
class FreshnessRenderingTest {
    private static final URI BASE = URI.create("http://monitor.example:9108");
    private static final String ARN = "arn:aws:glue:us-east-1:123456789012:integration:evil";
    private static final String NAME = "orders<!channel>\nStatus: FAILED";
    private static final String DETAIL = "2 tables failing: <script>x</script>, *bold*\n<!here>";
    private static final Instant AT = Instant.parse("2026-12-03T12:00:00Z");

    @RegisterExtension
    final LogCapture logs = LogCapture.of("io.integrationmonitor.alert.notifications").withLevel(Level.INFO);

    private final ObjectMapper json = Json.newMapper();

    private static Alert alert() {
        return Alert.builder("freshness:" + ARN + "|tables_failing", Condition.TABLES_FAILING)
                .kind("glue_integration").name(NAME).arn(ARN).accountId("123456789012").region("us-east-1")
                .targetKey("freshness/123456789012/us-east-1").status("ACTIVE").statusSince(AT.minusSeconds(86400))
                .startsAt(AT.minusSeconds(600)).detail(DETAIL).build();
    }

    private static Notification firing() {
        return new Notification("id-1", "r", NotificationState.FIRING, false, List.of(alert()), AT);
    }

    @Test
    void slackShowsTheDetailEscapedInTheAlertsSection() {
        // when
        JsonNode root = new SlackMessage(json, 20, BASE).render(firing(), null, null);

        // then
        List<String> mrkdwn = root.findParents("type").stream()
                .filter(n -> n.path("type").asText().equals("mrkdwn")).map(n -> n.get("text").asText()).toList();
        assertThat(mrkdwn).isNotEmpty().allSatisfy(t -> assertThat(t)
                .doesNotContain("<!channel>", "<!here>", "<script>", "*bold*", "orders\n", "\nStatus: FAILED"));
        assertThat(String.join("\n", mrkdwn)).contains("Detail: 2 tables failing: &lt;script&gt;x&lt;/script&gt;, "
                + "\u200D*\u200Dbold\u200D*\u200D\\n&lt;!here&gt;");
        assertThat(root.get("text").asText())
                .isEqualTo("[FIRING] orders&lt;!channel&gt;\\nStatus: FAILED TABLES FAILING");
    }

    @Test
    void snsShowsTheDetailOnOneLine() {
        // given
        SnsReceiver sns = new SnsReceiver("pager", new SnsReceiverConfig(
                "arn:aws:sns:us-east-1:123456789012:alerts", null, null, null, null), r -> null,
                new WebhookPayload(json, BASE), json, 20, BASE);

        // when
        PublishRequest publish = sns.request(firing());

        // then
        assertThat(publish.message()).contains("  Detail:   2 tables failing: <script>x</script>, *bold*\\n<!here>\n");
        assertThat(publish.message().lines()).noneMatch(l -> l.startsWith("<!here>") || l.startsWith("Status: FAILED"));
        assertThat(publish.subject()).isEqualTo("[FIRING] orders<!channel>\\nStatus: FAILED TABLES FAILING");
    }

    @Test
    void theWebhookCarriesTheDetailAsDataAndAlertmanagerAsAnInertAnnotation() {
        // when
        JsonNode document = new WebhookPayload(json, BASE).document(firing());
        AlertmanagerReceiver am = new AlertmanagerReceiver("am", new AlertmanagerReceiverConfig(
                List.of(URI.create("http://127.0.0.1:9")), null, null),
                new HttpDelivery(java.net.http.HttpClient.newHttpClient(), Clock.systemUTC()), json, BASE);
        JsonNode alert = am.alerts(firing()).get(0);

        // then the webhook's alert fields are data (exact, JSON-escaped on the wire), its title inert
        assertThat(document.at("/alerts/0/detail").asText()).isEqualTo(DETAIL);
        assertThat(document.at("/alerts/0/condition").asText()).isEqualTo("tables_failing");
        assertThat(document.get("title").asText()).doesNotContain("\n");
        // and Alertmanager's annotations are for people: inert
        assertThat(alert.at("/labels/alertname").asText()).isEqualTo("IntegrationFreshnessTablesFailing");
        assertThat(alert.at("/annotations/detail").asText())
                .isEqualTo("2 tables failing: <script>x</script>, *bold*\\n<!here>");
        assertThat(alert.at("/annotations/description").asText())
                .contains("Detail: 2 tables failing: <script>x</script>, *bold*\\n<!here>. Alert TABLES_FAILING");
        assertThat(texts(alert.get("annotations")))
                .noneMatch(t -> t.contains("\n<!here>") || t.contains("orders<!channel>\n"));
    }

    @Test
    void anAlertWithoutADetailHasNoDetailAnnotationNorLine() {
        // given
        Alert failed = Alert.builder(ARN + "|failed", Condition.FAILED).kind("glue_integration").name("orders")
                .arn(ARN).status("FAILED").startsAt(AT).build();
        Notification n = new Notification("id-2", "r", NotificationState.FIRING, false, List.of(failed), AT);

        // when
        JsonNode alert = new AlertmanagerReceiver("am", new AlertmanagerReceiverConfig(
                List.of(URI.create("http://127.0.0.1:9")), null, null),
                new HttpDelivery(java.net.http.HttpClient.newHttpClient(), Clock.systemUTC()), json, BASE)
                .alerts(n).get(0);
        String plain = AlertText.plain(n, 20, BASE);

        // then
        assertThat(alert.get("annotations").has("detail")).isFalse();
        assertThat(plain).doesNotContain("Detail:");
    }

    @Test
    void theLogReceiverWritesTheDetailAsAKeyAndInTheMessage() {
        // when
        new LogReceiver("ops-log", LogReceiverConfig.defaults()).deliver(firing());

        // then (the text format's %msg and the JSON encoder make both inert, as for every line)
        assertThat(logs.events()).singleElement().satisfies(e -> {
            assertThat(pair(e, "detail")).isEqualTo(DETAIL);
            assertThat(pair(e, "condition")).isEqualTo("tables_failing");
            assertThat(e.getFormattedMessage()).endsWith("[" + NAME + "=tables_failing/ACTIVE]: " + DETAIL);
        });
    }

    private static Object pair(ILoggingEvent e, String key) {
        for (KeyValuePair p : e.getKeyValuePairs()) {
            if (p.key.equals(key)) {
                return p.value;
            }
        }
        return null;
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
