package io.integrationmonitor.alert;

import io.integrationmonitor.testing.MutableClock;
import io.integrationmonitor.alert.outbox.Delivery;
import io.integrationmonitor.alert.outbox.OutboxEntry;
import io.integrationmonitor.alert.receiver.HttpDelivery;
import io.integrationmonitor.alert.receiver.Receivers;
import io.integrationmonitor.simulator.AwsSimulator;
import io.integrationmonitor.simulator.PublishedMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.integrationmonitor.alert.Polls.glue;
import static org.assertj.core.api.Assertions.assertThat;

/** Alerts through the outbox and the real SnsClient to the embedded AWS simulator's SNS Publish. */
class SnsSimulatorTest {
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:alerts";
    private static final String FIFO_TOPIC = "arn:aws:sns:us-east-1:123456789012:alerts.fifo";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(AlertingHarness.T0);
    private AwsSimulator simulator;
    private SnsClient client;

    @BeforeEach
    void setUp() {
        simulator = AwsSimulator.start(0);
        simulator.sns().requireExistingTopics(true);
        simulator.sns().createTopic(TOPIC);
        simulator.sns().createTopic(FIFO_TOPIC);
        client = SnsClient.builder()
                .endpointOverride(simulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIASIMULATOR0000001", "simulator-secret")))
                .build();
    }

    @AfterEach
    void tearDown() {
        client.close();
        simulator.close();
    }

    private AlertingHarness harness(String topic) {
        String yaml = """
                alerting:
                  max_age: 1h
                  receivers:
                    - name: pager
                      sns: {topic_arn: "%s", subject_prefix: "[prod]"}
                """.formatted(topic);
        Function<String, SnsClient> clients = region -> client;
        return new AlertingHarness(dir, clock, yaml,
                Receivers.create(AlertingHarness.config(yaml), clients, HttpDelivery.defaultClient(), clock));
    }

    private void poll(AlertingHarness h, List<io.integrationmonitor.poll.ObservedResource> resources) {
        clock.advance(Duration.ofSeconds(1));
        h.engine().onPollCompleted(Polls.completed(clock.instant(), resources));
    }

    private static Map<String, String> attributes(PublishedMessage m) {
        return m.attributes().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stringValue()));
    }

    @Test
    void firingAndResolvedArePublishedWithABoundedSubjectAndFilterAttributes() throws Exception {
        try (AlertingHarness h = harness(TOPIC)) {
            // given an integration with a very long name fails, then recovers
            String longName = "orders-" + "x".repeat(150);
            poll(h, List.of(glue(longName, "FAILED")));
            h.dispatcher().drain();
            poll(h, List.of(glue(longName, "ACTIVE")));
            h.dispatcher().drain();

            // then SNS accepted both, in order
            List<PublishedMessage> messages = simulator.sns().awaitMessages(2, Duration.ofSeconds(10));
            assertThat(messages).hasSize(2);
            PublishedMessage firing = messages.get(0);
            assertThat(firing.topicArn()).isEqualTo(TOPIC);
            assertThat(firing.subject()).hasSizeLessThanOrEqualTo(100).startsWith("[prod] [FIRING] orders-xxx")
                    .endsWith("...");
            assertThat(firing.message()).contains("ARN:      " + Polls.arn(longName));
            assertThat(firing.messageGroupId()).isNull();
            assertThat(firing.messageDeduplicationId()).isNull();
            assertThat(attributes(firing)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "severity", "critical", "condition", "failed", "kind", "glue_integration",
                    "account_id", Polls.ACCOUNT, "region", Polls.REGION, "state", "firing"));
            assertThat(firing.attributes().values()).allSatisfy(v -> assertThat(v.dataType()).isEqualTo("String"));
            PublishedMessage resolved = messages.get(1);
            assertThat(resolved.subject()).hasSizeLessThanOrEqualTo(100).startsWith("[prod] [RESOLVED] orders-xxx");
            assertThat(attributes(resolved)).containsEntry("state", "resolved").containsEntry("condition", "failed");
            assertThat(h.outbox().entries("pager")).extracting(OutboxEntry::delivery)
                    .containsExactly(Delivery.DELIVERED, Delivery.DELIVERED);
        }
    }

    @Test
    void aGroupOfSeveralAccountsAndConditionsCarriesArrayAttributes() throws Exception {
        try (AlertingHarness h = harness(TOPIC)) {
            poll(h, List.of(glue("a", "FAILED"), glue("b", "NEEDS_ATTENTION")));
            h.dispatcher().drain();

            PublishedMessage m = simulator.sns().awaitMessages(1, Duration.ofSeconds(10)).get(0);
            assertThat(m.subject()).isEqualTo("[prod] [FIRING] 2 alerts: FAILED, NEEDS ATTENTION");
            assertThat(m.attributes().get("condition"))
                    .isEqualTo(new PublishedMessage.MessageAttribute("String.Array", "[\"failed\",\"needs_attention\"]"));
            assertThat(attributes(m)).containsEntry("severity", "critical").containsEntry("account_id", Polls.ACCOUNT);
        }
    }

    @Test
    void aFifoTopicGetsTheMessageGroupAndTheIdempotencyKeyAsDeduplicationId() throws Exception {
        try (AlertingHarness h = harness(FIFO_TOPIC)) {
            poll(h, List.of(glue("orders-zetl", "FAILED")));
            h.dispatcher().drain();

            PublishedMessage m = simulator.sns().awaitMessages(1, Duration.ofSeconds(10)).get(0);
            String key = h.outbox().entries("pager").get(0).notification().idempotencyKey();
            assertThat(m.topicArn()).isEqualTo(FIFO_TOPIC);
            assertThat(m.messageGroupId()).isEqualTo("integration-monitor");
            assertThat(m.messageDeduplicationId()).isEqualTo(key);
            assertThat(m.subject()).isEqualTo("[prod] [FIRING] orders-zetl FAILED");
        }
    }

    @Test
    void aMissingTopicCountsFailuresThenDeadLettersAfterMaxAge() {
        try (AlertingHarness h = harness("arn:aws:sns:us-east-1:123456789012:deleted")) {
            // given the topic does not exist (NotFound), when the dispatcher keeps trying for over an hour
            poll(h, List.of(glue("orders-zetl", "FAILED")));
            for (int i = 0; i < 13; i++) {
                h.dispatcher().runOnce();
                clock.advance(Duration.ofMinutes(5));
            }
            h.dispatcher().runOnce();

            // then every attempt failed and counted, and the notification is a dead letter that says why
            assertThat(simulator.sns().messages()).isEmpty();
            assertThat(h.outbox().entries("pager")).singleElement().satisfies(e -> {
                assertThat(e.delivery()).isEqualTo(Delivery.DEAD);
                assertThat(e.lastError()).isEqualTo("undeliverable for PT1H");
                assertThat(e.attempts()).isBetween(3, 13);
            });
            double failed = h.registry.counter("integration.monitor.notifications", "receiver", "pager",
                    "outcome", "failed").count();
            assertThat(failed).isBetween(3.0, 13.0);
            assertThat(h.registry.counter("integration.monitor.dead.letters", "receiver", "pager").count()).isEqualTo(1);
        }
    }

    @Test
    void theNotFoundErrorIsRecordedOnTheRowWhileRetrying() {
        try (AlertingHarness h = harness("arn:aws:sns:us-east-1:123456789012:deleted")) {
            poll(h, List.of(glue("orders-zetl", "FAILED")));
            h.dispatcher().runOnce();

            assertThat(h.outbox().entries("pager")).singleElement().satisfies(e -> {
                assertThat(e.delivery()).isEqualTo(Delivery.PENDING);
                assertThat(e.lastError()).isEqualTo("SNS 404 NotFound");
                assertThat(e.claimedBy()).as("no send in flight").isNull();
            });
        }
    }
}
