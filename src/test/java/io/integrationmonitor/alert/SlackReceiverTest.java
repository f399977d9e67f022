package io.integrationmonitor.alert;

import io.integrationmonitor.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.alert.receiver.HttpDelivery;
import io.integrationmonitor.alert.receiver.Receivers;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.ResourceError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SlackReceiverTest {
    private static final String HOSTILE = "<!channel> <@U123> <http://x|y> *bold* _it_ ~strike~ `code` a & b < c > d";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(AlertingHarness.T0);
    private final ObjectMapper json = new ObjectMapper();
    private FakeHttpReceiver slack;
    private AlertingHarness h;

    @BeforeEach
    void setUp() throws Exception {
        slack = new FakeHttpReceiver();
        String yaml = """
                alerting:
                  receivers:
                    - name: oncall
                      slack: {webhook_url: "%s"}
                """.formatted(slack.uri("/services/T000/B000/secret"));
        h = new AlertingHarness(dir, clock, yaml, Receivers.create(AlertingHarness.config(yaml), r -> null,
                HttpDelivery.defaultClient(), clock));
    }

    @AfterEach
    void tearDown() {
        h.close();
        slack.close();
    }

    @Test
    void sixtyFailuresInOnePollAreOneMessageListingTheCapAndNMore() throws Exception {
        List<ObservedResource> failing = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            failing.add(Polls.glue("integration-" + i, "FAILED", ResourceError.of("E" + i, "broken " + i)));
        }
        h.engine().onPollCompleted(Polls.completed(clock.instant(), failing));
        h.dispatcher().drain();

        assertThat(slack.acceptedBodies()).hasSize(1);
        JsonNode message = json.readTree(slack.acceptedBodies().get(0));
        JsonNode blocks = message.at("/attachments/0/blocks");
        assertThat(blocks.size()).isLessThanOrEqualTo(50);
        assertThat(message.at("/attachments/0/color").asText()).isEqualTo("#E01E5A");
        assertThat(blocks.get(0).at("/text/text").asText()).isEqualTo(":rotating_light: [FIRING] 60 alerts: FAILED");
        String all = blocks.toString();
        long listed = 0;
        for (int i = 0; i < 60; i++) {
            if (all.contains("integration-" + i + "|") || all.contains("integration-" + i + ">")) {
                listed++;
            }
        }
        assertThat(listed).isEqualTo(20);
        assertThat(all).contains("…and 40 more");
    }

    @Test
    void awsTextIsEscapedAndCannotMentionOrFormat() throws Exception {
        h.engine().onPollCompleted(Polls.completed(clock.instant(),
                List.of(Polls.glue("evil<!here>*x*", "FAILED", ResourceError.of("Code<@U1>", HOSTILE)))));
        h.dispatcher().drain();

        JsonNode message = json.readTree(slack.acceptedBodies().get(0));
        List<JsonNode> textObjects = new ArrayList<>();
        message.findParents("type").stream().filter(n -> n.has("text") && n.get("text").isTextual()).forEach(textObjects::add);
        for (JsonNode t : textObjects) {
            String text = t.get("text").asText();
            if (t.get("type").asText().equals("mrkdwn")) {
                // The only links and bold allowed are our own: the name, linked to the monitor's page of the
                // resource, and the console link.
                String awsParts = text.replaceFirst("^\\*<http://localhost:9108/resource\\?arn=[^|>]+\\|", "")
                        .replaceFirst(">\\*  ", "")
                        .replaceFirst("<https://console\\.aws\\.amazon\\.com/go/view\\?arn=[^|>]+\\|AWS console>", "");
                assertThat(awsParts)
                        .doesNotContain("<!", "<@", "<http").doesNotContainPattern("(?<!\u200D)[*_~`](?!\u200D)");
            } else {
                assertThat(t.get("type").asText()).isEqualTo("plain_text");
            }
        }
        String top = message.get("text").asText();
        assertThat(top).doesNotContain("<!here>").contains("&lt;!here&gt;");
        // The hostile error text is delivered verbatim as plain_text (rendered literally by Slack).
        assertThat(message.toString()).contains(json.writeValueAsString(HOSTILE).replace("\"", ""));
        assertThat(message.at("/attachments/0/blocks/2/text/type").asText()).isEqualTo("plain_text");
        assertThat(message.at("/attachments/0/blocks/1/text/text").asText()).contains("&lt;!here&gt;");
    }

    @Test
    void aThreeThousandCharacterErrorIsTruncatedWithAMarker() throws Exception {
        String longMessage = "x".repeat(3000);
        h.engine().onPollCompleted(Polls.completed(clock.instant(),
                List.of(Polls.glue("big", "FAILED", ResourceError.of("TooLong", longMessage)))));
        h.dispatcher().drain();

        JsonNode errors = json.readTree(slack.acceptedBodies().get(0)).at("/attachments/0/blocks/2/text/text");
        assertThat(errors.asText()).hasSize(3000).endsWith("… [truncated]").startsWith("Errors:\nTooLong: xxx");
    }

    @Test
    void aRateLimitedMessageWaitsForRetryAfter() {
        slack.respond(n -> n == 0 ? 429 : 200);
        slack.retryAfter("120");
        h.engine().onPollCompleted(Polls.completed(clock.instant(), List.of(Polls.glue("orders-zetl", "FAILED"))));
        h.dispatcher().drain();
        assertThat(slack.requests()).hasSize(1);

        clock.advance(Duration.ofSeconds(119));
        h.dispatcher().drain();
        assertThat(slack.requests()).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        h.dispatcher().drain();
        assertThat(slack.acceptedBodies()).hasSize(1);
    }

    @Test
    void theWebhookUrlIsNeverInConfigTextOrMetricLabels() {
        assertThat(h.config.receivers().toString()).doesNotContain("secret");
        assertThat(h.registry.getMeters()).allSatisfy(m ->
                assertThat(m.getId().getTags().toString()).doesNotContain("secret", "127.0.0.1"));
        assertThat(h.registry.find("integration.monitor.notifications").tag("receiver", "oncall").counters()).isNotEmpty();
    }
}
