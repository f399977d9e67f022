package io.integrationmonitor;

import static io.integrationmonitor.MonitorFixture.ACCOUNT;
import static io.integrationmonitor.MonitorFixture.HOME;
import static io.integrationmonitor.MonitorFixture.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.poll.ResourceStatus;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.SimError;
import io.integrationmonitor.simulator.SimIntegration;
import io.integrationmonitor.simulator.SqsQueues;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AWS events through SQS, end to end: the simulator's queue, the real SDK {@code SqsClient}, the whole monitor
 * (composition root, state, alerting to a Slack fake on port 0). Polls run hourly, so whatever happens within
 * the test's seconds happened because of an event.
 */
class EventsEndToEndTest {
    private static final String QUEUE = "integration-events";
    private static final List<SimError> BROKEN = List.of(new SimError("SOURCE_CONNECTION_LOST", "timed out"));
    private static final String GLUE_TARGET = "source=\"glue_integrations\"";

    @TempDir
    Path dataDir;
    private HttpServer slack;
    private final List<String> slackMessages = new CopyOnWriteArrayList<>();
    private MonitorFixture fixture;

    @BeforeEach
    void startSlack() throws IOException {
        slack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slack.createContext("/hook", exchange -> {
            slackMessages.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        slack.start();
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
        slack.stop(0);
    }

    @Test
    void anEventTriggersATargetedPollAndAnAlertBeforeTheNextScheduledPoll() {
        // given a monitor polling hourly, past its first poll
        SimIntegration orders = start();

        // when the integration fails and AWS says so
        fixture.estate().setIntegrationStatus(orders.arn(), "FAILED", BROKEN);
        publish(AwsEventJson.glueIntegration(UUID.randomUUID().toString(), "Failed", orders.arn(), Instant.now()));

        // then Slack hears of it within seconds, through a targeted poll, not a scheduled one
        await().atMost(Duration.ofSeconds(15)).until(() -> firing(orders.name()) == 1);
        assertThat(fixture.resourcesByArn().get(orders.arn()).status()).isEqualTo(ResourceStatus.FAILED);
        String metrics = fixture.scrape();
        assertThat(sample(metrics, "integration_monitor_poll_duration_seconds_count", GLUE_TARGET)).isEqualTo(1.0);
        await().atMost(Duration.ofSeconds(5)).until(() ->
                eventMetric("integration_monitor_event_messages_deleted_total") == 1.0);
        assertThat(eventMetric("integration_monitor_event_messages_received_total")).isEqualTo(1.0);
        assertThat(sample(fixture.scrape(), "integration_monitor_event_age_seconds_count", queueLabel())).isEqualTo(1.0);
        assertThat(fixture.simulator.sqs().messages(HOME, QUEUE)).isEmpty();
    }

    @Test
    void duplicateReorderedAndStaleEventsChangeNothingWrong() {
        // given
        SimIntegration orders = start();
        Instant failedAt = Instant.now();

        // when it fails; its event arrives three times, and an older "resynced" event after them
        fixture.estate().setIntegrationStatus(orders.arn(), "FAILED", BROKEN);
        String failed = AwsEventJson.glueIntegration(UUID.randomUUID().toString(), "Failed", orders.arn(), failedAt);
        publish(failed);
        publish(failed);
        publish(failed);
        publish(AwsEventJson.glueIntegration(UUID.randomUUID().toString(), "Resynced", orders.arn(),
                failedAt.minusSeconds(600)));

        // then all four are handled, two of them as duplicates, and one alert is sent: the API said FAILED
        await().atMost(Duration.ofSeconds(15)).until(() ->
                eventMetric("integration_monitor_event_messages_deleted_total") == 4.0);
        assertThat(eventMetric("integration_monitor_event_duplicates_total")).isEqualTo(2.0);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> firing(orders.name()) == 1);
        assertThat(fixture.resourcesByArn().get(orders.arn()).status()).isEqualTo(ResourceStatus.FAILED);
        assertThat(enteredFailed(orders.arn())).isEqualTo(1);

        // when it recovers and a stale failure event (an hour old, never delivered before) arrives
        fixture.estate().setIntegrationStatus(orders.arn(), "ACTIVE", List.of());
        publish(AwsEventJson.glueIntegration(UUID.randomUUID().toString(), "Failed", orders.arn(),
                failedAt.minusSeconds(3600)));

        // then the poll it asks for finds it ACTIVE: resolved, never failed again
        await().atMost(Duration.ofSeconds(15)).until(() ->
                fixture.resourcesByArn().get(orders.arn()).status() == ResourceStatus.ACTIVE);
        await().atMost(Duration.ofSeconds(10)).until(() -> resolved(orders.name()) == 1);
        assertThat(firing(orders.name())).isEqualTo(1);
        assertThat(enteredFailed(orders.arn())).isEqualTo(1);
    }

    @Test
    void anUnparseableMessageIsCountedAndNotSpunOn() {
        // given a queue that would give an undeleted message back one second after each receive
        start();
        fixture.simulator.sqs().setVisibilityTimeout(HOME, QUEUE, Duration.ofSeconds(1));

        // when a message that is no EventBridge event arrives
        publish("{\"hello\": \"world\"}");

        // then it is counted by kind, left in the queue, and received once over several seconds
        await().atMost(Duration.ofSeconds(15)).until(() -> sample(fixture.scrape(),
                "integration_monitor_event_parse_failures_total", queueLabel(), "kind=\"not_eventbridge\"") != null);
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(8)).until(() -> true);
        List<SqsQueues.QueuedMessage> left = fixture.simulator.sqs().messages(HOME, QUEUE);
        assertThat(left).singleElement().satisfies(m -> assertThat(m.receiveCount()).isEqualTo(1));
        assertThat(sample(fixture.scrape(), "integration_monitor_event_parse_failures_total", queueLabel(),
                "kind=\"not_eventbridge\"")).isEqualTo(1.0);
        assertThat(eventMetric("integration_monitor_event_messages_deleted_total")).isZero();
    }

    @Test
    void aTableFailureFiresAndResolves() {
        // given
        SimIntegration orders = start();
        Instant at = Instant.now();

        // when a table's ingestion fails
        publish(AwsEventJson.glueTableFailed(UUID.randomUUID().toString(), orders.arn(), "customers",
                "client_error", "Target Glue database not found.", at));

        // then Slack gets the firing alert with the table and AWS's error
        await().atMost(Duration.ofSeconds(15)).until(() -> slackMessages.stream()
                .anyMatch(m -> m.contains("[FIRING]") && m.contains("customers")));
        assertThat(slackMessages).filteredOn(m -> m.contains("[FIRING]")).singleElement()
                .satisfies(m -> assertThat(m).contains("Target Glue database not found."));

        // when a later ingestion of that table completes
        publish(AwsEventJson.glueTableCompleted(UUID.randomUUID().toString(), orders.arn(), "customers",
                at.plusSeconds(60)));

        // then it is resolved
        await().atMost(Duration.ofSeconds(15)).until(() -> slackMessages.stream()
                .anyMatch(m -> m.contains("[RESOLVED]") && m.contains("customers")));
        assertThat(fixture.monitor().alerting().engine().alerts()).isEmpty();
        assertThat(eventMetric("integration_monitor_event_messages_deleted_total")).isEqualTo(2.0);
        // and the integration itself was never polled for it
        assertThat(sample(fixture.scrape(), "integration_monitor_poll_duration_seconds_count", GLUE_TARGET))
                .isEqualTo(1.0);
    }

    @Test
    void aQueueThatCannotBeReadIsNotedByReadyzWithoutFailingIt() {
        // given a configured queue that does not exist
        fixture = MonitorFixture.start(new EstateSpec(1, 0, 0, 0, 0), dataDir, alertingAndEvents(), "",
                "interval: 1h");
        fixture.monitor().startScheduling();

        // then the monitor is ready once polled, and /readyz names the queue it cannot read
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            HttpResponse<String> ready = fixture.get("/readyz");
            return ready.statusCode() == 200 && ready.body().contains("event queue " + QUEUE + " cannot be read");
        });
        assertThat(sample(fixture.scrape(), "integration_monitor_event_queue_readable", queueLabel())).isZero();

        // when the queue appears, the note goes
        fixture.simulator.sqs().createQueue(HOME, QUEUE);
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.get("/readyz").body().equals("ready\n"));
        assertThat(sample(fixture.scrape(), "integration_monitor_event_queue_readable", queueLabel())).isEqualTo(1.0);
    }

    /** Starts the monitor with events on, its queue created, its schedule running and its first polls done. */
    private SimIntegration start() {
        fixture = MonitorFixture.start(new EstateSpec(3, 0, 0, 0, 0), dataDir, alertingAndEvents(), "",
                "interval: 1h");
        fixture.simulator.sqs().createQueue(HOME, QUEUE);
        fixture.monitor().startScheduling();
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.get("/readyz").statusCode() == 200);
        return fixture.estate().integrations(HOME).get(0);
    }

    private String alertingAndEvents() {
        return """
                alerting:
                  receivers: [{name: slack, slack: {webhook_url: "http://127.0.0.1:%d/hook"}}]
                  default_receivers: [slack]
                events:
                  enabled: true
                  wait_time: 2s
                  queues: [{url: "%s/%s/%s", region: us-east-1}]
                """.formatted(slack.getAddress().getPort(), MonitorFixture.SIMULATOR, ACCOUNT, QUEUE);
    }

    private void publish(String body) {
        fixture.simulator.sqs().publishEvent(HOME, QUEUE, body);
    }

    private long firing(String name) {
        return slackMessages.stream().filter(m -> m.contains("[FIRING]") && m.contains(name)).count();
    }

    private long resolved(String name) {
        return slackMessages.stream().filter(m -> m.contains("[RESOLVED]") && m.contains(name)).count();
    }

    private long enteredFailed(String arn) {
        return fixture.monitor().store().eventsSince(Instant.EPOCH, 1000).stream()
                .filter(e -> e.resource() != null && e.resource().arn().equals(arn))
                .filter(e -> e.types().contains(EventType.ENTERED_FAILED)).count();
    }

    private double eventMetric(String name) {
        Double v = sample(fixture.scrape(), name, queueLabel());
        return v == null ? 0 : v;
    }

    private static String queueLabel() {
        return "queue=\"" + QUEUE + "\"";
    }
}
