package io.integrationmonitor.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.integrationmonitor.aws.AwsClientFactory;
import io.integrationmonitor.config.ConfigLoader;
import io.integrationmonitor.config.TargetConfig;
import io.integrationmonitor.simulator.AwsSimulator;
import io.integrationmonitor.simulator.Operation;
import io.integrationmonitor.simulator.Partition;
import io.integrationmonitor.simulator.SqsQueues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The consumer through the real SDK {@code SqsClient} (built by {@code AwsClientFactory}, long-poll timeouts and
 * all) against the simulator's SQS, with the seams faked: what is handled is deleted, only after its seam returned;
 * what fails comes back; what cannot be parsed is counted and parked.
 */
class SqsEventSourceTest {
    private static final Partition HOME = new Partition("123456789012", "us-east-1");
    private static final String QUEUE = "integration-events";
    private static final String GLUE_ARN = "arn:aws:glue:us-east-2:123456789012:integration/1a012bba-123a-1bba-ab1c-173de3b12345";

    private AwsSimulator simulator;
    private AwsClientFactory aws;
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private SqsEventSource source;
    private String queueUrl;

    private final List<String> polled = new CopyOnWriteArrayList<>();
    private final AtomicInteger pollFailuresLeft = new AtomicInteger();
    private final Map<String, Instant> receipts = new ConcurrentHashMap<>();
    private final List<TableIngestion> tables = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startSimulator() {
        simulator = AwsSimulator.start(0);
        simulator.sqs().createQueue(HOME, QUEUE);
        queueUrl = simulator.queueUrl(HOME.account(), QUEUE);
        String endpoint = simulator.endpoint().toString();
        // an attempt timeout far below the long poll's wait: the SQS client must not use it
        aws = new AwsClientFactory(ConfigLoader.parse("""
                aws:
                  region: us-east-1
                  endpoints: {sqs: "%s", sts: "%s"}
                  api_call_timeout: 2s
                  api_call_attempt_timeout: 1s
                  retry: {mode: standard, max_attempts: 1}
                """.formatted(endpoint, endpoint), "test").aws(), registry,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST00000000", "test-secret")));
    }

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        aws.close();
        simulator.close();
    }

    @Test
    void anIntegrationEventAsksForOnePollIsRecordedThenDeleted() {
        // given
        start(Duration.ofSeconds(2));

        // when
        send(Fixtures.read("glue-integration-failed.json"));

        // then the poll ran for the event's account, region and integration, then the id was recorded, then deleted
        await().atMost(Duration.ofSeconds(10)).until(() -> counter("integration.monitor.event.messages.deleted") == 1);
        assertThat(polled).containsExactly("123456789012 us-east-2 " + GLUE_ARN);
        assertThat(receipts).containsOnlyKeys("6a7e8feb-b491-4cf7-a9f1-bf3703467705");
        assertThat(simulator.sqs().messages(HOME, QUEUE)).isEmpty();
        assertThat(counter("integration.monitor.event.messages.received")).isEqualTo(1);
        assertThat(registry.get("integration.monitor.event.age").tag("queue", QUEUE).timer().count()).isEqualTo(1);
    }

    @Test
    void aDuplicateIsCountedAndDeletedWithoutAPoll() {
        // given an event id already acted on (here or by another replica)
        receipts.put("6a7e8feb-b491-4cf7-a9f1-bf3703467705", Instant.now());
        start(Duration.ofSeconds(2));

        // when
        send(Fixtures.read("glue-integration-failed.json"));

        // then
        await().atMost(Duration.ofSeconds(10)).until(() -> counter("integration.monitor.event.messages.deleted") == 1);
        assertThat(polled).isEmpty();
        assertThat(counter("integration.monitor.event.duplicates")).isEqualTo(1);
    }

    @Test
    void aFailedPollLeavesTheMessageWhichComesBackAfterItsVisibilityTimeout() {
        // given a queue whose messages come back one second after a receive, and a poll that fails once
        simulator.sqs().setVisibilityTimeout(HOME, QUEUE, Duration.ofSeconds(1));
        pollFailuresLeft.set(1);
        start(Duration.ofSeconds(1));

        // when
        send(Fixtures.read("glue-integration-failed.json"));

        // then the first try deleted nothing and recorded nothing; the second one, received again, did both
        await().atMost(Duration.ofSeconds(10)).until(() -> counter("integration.monitor.event.messages.deleted") == 1);
        assertThat(counter("integration.monitor.event.messages.received")).isEqualTo(2);
        assertThat(polled).hasSize(1);
        assertThat(receipts).hasSize(1);
        assertThat(simulator.calls().count(Operation.SQS_DELETE_MESSAGE_BATCH)).isEqualTo(1);
    }

    @Test
    void tableEventsAreAppliedWithWhatTheEventSays() {
        // given
        start(Duration.ofSeconds(2));

        // when
        send(Fixtures.read("glue-ingestion-failed.json"));
        send(Fixtures.read("glue-ingestion-completed.json"));

        // then
        await().atMost(Duration.ofSeconds(10)).until(() -> counter("integration.monitor.event.messages.deleted") == 2);
        assertThat(tables).hasSize(2);
        TableIngestion failed = tables.stream().filter(TableIngestion::failed).findFirst().orElseThrow();
        assertThat(failed.eventId()).isEqualTo("6a7e8feb-b491-4cf7-a9f1-bf3703467701");
        assertThat(failed.integrationArn()).isEqualTo(GLUE_ARN);
        assertThat(failed.table()).isEqualTo("testDDBTable");
        assertThat(failed.errorCode()).isEqualTo("client_error");
        assertThat(failed.errorMessage()).isEqualTo("Failed to ingest data with error: Target Glue database not found.");
        assertThat(failed.accountId()).isEqualTo("123456789012");
        assertThat(failed.region()).isEqualTo("us-east-2");
        assertThat(tables).filteredOn(t -> !t.failed()).singleElement()
                .satisfies(t -> assertThat(t.errorCode()).isNull());
        assertThat(polled).isEmpty();
    }

    @Test
    void anIgnoredEventIsCountedByReasonAndDeleted() {
        // given
        start(Duration.ofSeconds(2));

        // when
        send(Fixtures.read("glue-ingestion-in-progress.json"));

        // then
        await().atMost(Duration.ofSeconds(10)).until(() -> counter("integration.monitor.event.messages.deleted") == 1);
        assertThat(registry.get("integration.monitor.events.ignored").tag("queue", QUEUE)
                .tag("reason", "ingestion_in_progress").counter().count()).isEqualTo(1);
        assertThat(polled).isEmpty();
        assertThat(tables).isEmpty();
    }

    @Test
    void anUnparseableMessageIsCountedParkedAndNotSpunOn() {
        // given a queue that would give an undeleted message back after one second
        simulator.sqs().setVisibilityTimeout(HOME, QUEUE, Duration.ofSeconds(1));
        start(Duration.ofSeconds(1));

        // when a body that is no JSON arrives
        send("not json {");

        // then it is counted by kind, hidden for a minute (not deleted), and not received again for several seconds
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.find("integration.monitor.event.parse.failures")
                .tag("kind", "not_json").counter() != null);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        List<SqsQueues.QueuedMessage> left = simulator.sqs().messages(HOME, QUEUE);
        assertThat(left).singleElement().satisfies(m -> {
            assertThat(m.receiveCount()).isEqualTo(1);
            assertThat(m.inFlight()).isTrue();
        });
        assertThat(simulator.calls().count(Operation.SQS_CHANGE_MESSAGE_VISIBILITY)).isEqualTo(1);
        assertThat(counter("integration.monitor.event.messages.deleted")).isZero();
        assertThat(registry.get("integration.monitor.event.parse.failures").tag("kind", "not_json").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aQueueThatCannotBeReadIsMarkedUntilItCanAgain() {
        // given a queue URL whose queue does not exist yet
        queueUrl = simulator.queueUrl(HOME.account(), "later");
        start(Duration.ofSeconds(1));

        // then it is unreadable, noted, and backing off (not a tight loop of receives)
        await().atMost(Duration.ofSeconds(10)).until(() -> source.unreadableQueues().equals(List.of("later")));
        assertThat(gauge("integration.monitor.event.queue.readable", "later")).isZero();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> true);
        assertThat(simulator.calls().count(Operation.SQS_RECEIVE_MESSAGE)).isLessThanOrEqualTo(3);

        // when it is created, it is read again
        simulator.sqs().createQueue(HOME, "later");
        await().atMost(Duration.ofSeconds(10)).until(() -> source.unreadableQueues().isEmpty());
        assertThat(gauge("integration.monitor.event.queue.readable", "later")).isEqualTo(1);
    }

    @Test
    void theDepthIsReadFromGetQueueAttributes() {
        // given an empty queue
        start(Duration.ofSeconds(1));

        // when the consumer starts it reads the depth after its first receive
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.calls().count(Operation.SQS_GET_QUEUE_ATTRIBUTES) >= 1);

        // then
        assertThat(gauge("integration.monitor.event.queue.messages", QUEUE, "visible")).isZero();
        assertThat(gauge("integration.monitor.event.queue.messages", QUEUE, "in_flight")).isZero();
    }

    @Test
    void closingStopsALongPollAtOnceWhenTheWaitOutlastsTheAttemptTimeout() {
        // given a long poll of five seconds (far above the factory's 1 s attempt timeout) under way
        start(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> simulator.calls().count(Operation.SQS_RECEIVE_MESSAGE) >= 1);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> true);

        // then the receive was not cut by the 1 s attempt timeout: still one receive, the queue readable
        assertThat(simulator.calls().count(Operation.SQS_RECEIVE_MESSAGE)).isEqualTo(1);
        assertThat(source.unreadableQueues()).isEmpty();

        // when it is closed
        long start = System.nanoTime();
        source.close();

        // then close did not wait for the long poll to end
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        source = null;
    }

    private void start(Duration wait) {
        IntegrationPolls polls = (account, region, arn) -> {
            if (pollFailuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("state store unreachable");
            }
            polled.add(account + " " + region + " " + arn);
            return IntegrationPolls.Outcome.POLLED;
        };
        TableIngestions tableIngestions = event -> {
            tables.add(event);
            return TableIngestions.Outcome.APPLIED;
        };
        EventReceipts eventReceipts = new EventReceipts() {
            @Override
            public boolean seen(String eventId) {
                return receipts.containsKey(eventId);
            }

            @Override
            public void record(String eventId, Instant at) {
                receipts.put(eventId, at);
            }
        };
        EventQueue queue = new EventQueue(EventQueue.nameOf(queueUrl), queueUrl,
                aws.sqs(TargetConfig.defaults(), "us-east-1"));
        source = new SqsEventSource(List.of(queue), polls, tableIngestions, eventReceipts, wait, 10, registry,
                Clock.systemUTC());
        source.start();
    }

    private void send(String body) {
        simulator.sqs().send(HOME, QUEUE, body);
    }

    private double counter(String name) {
        var c = registry.find(name).tag("queue", QUEUE).counter();
        return c == null ? 0 : c.count();
    }

    private double gauge(String name, String queue, String... state) {
        var search = registry.find(name).tag("queue", queue);
        if (state.length > 0) {
            search = search.tag("state", state[0]);
        }
        return search.gauge().value();
    }
}
