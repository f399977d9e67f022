package io.integrationmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.RequestThrottledException;
import software.amazon.awssdk.services.sqs.model.SqsException;

class SqsWireTest {
    private static final Partition HOME = new Partition(Estate.DEFAULT_ACCOUNT, "us-east-1");
    private static final String QUEUE = "integration-events";
    private static final String EVENT = """
            {"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"Glue Zero ETL Integration \
            Failed","source":"aws.glue-zero-etl","account":"123456789012","time":"2026-12-02T07:00:00Z",\
            "region":"us-east-1","resources":[],"detail":{}}""";

    private AwsSimulator simulator;
    private SdkClients clients;
    private String queueUrl;

    @BeforeEach
    void start() {
        simulator = AwsSimulator.start(0);
        clients = new SdkClients(simulator.endpoint());
        simulator.sqs().createQueue(HOME, QUEUE);
        queueUrl = simulator.queueUrl(HOME.account(), QUEUE);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void sendReceiveDeleteRoundTrip() {
        try (SqsClient sqs = clients.sqs(false)) {
            // given the queue's URL as GetQueueUrl gives it, and a message sent to it
            String url = sqs.getQueueUrl(r -> r.queueName(QUEUE)).queueUrl();
            assertThat(url).isEqualTo(simulator.endpoint() + "/123456789012/" + QUEUE);
            String id = sqs.sendMessage(r -> r.queueUrl(url).messageBody(EVENT)).messageId();

            // when it is received (the SDK checks MD5OfBody) and deleted
            ReceiveMessageResponse received = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL));
            Message m = received.messages().get(0);
            sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));

            // then it came back whole, once, with its attributes, and the queue is empty
            assertThat(received.messages()).hasSize(1);
            assertThat(m.messageId()).isEqualTo(id);
            assertThat(m.body()).isEqualTo(EVENT);
            assertThat(m.attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1")
                    .containsKey(MessageSystemAttributeName.SENT_TIMESTAMP);
            assertThat(simulator.sqs().messages(HOME, QUEUE)).isEmpty();
            assertThat(simulator.calls().count(Operation.SQS_RECEIVE_MESSAGE)).isEqualTo(1);
        }
    }

    @Test
    void longPollReturnsAsSoonAsAMessageArrives() throws Exception {
        try (SqsClient sqs = clients.sqs(false)) {
            // given a long poll of 10 s waiting on the empty queue
            long started = System.nanoTime();
            CompletableFuture<ReceiveMessageResponse> poll = CompletableFuture.supplyAsync(
                    () -> sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(10).maxNumberOfMessages(10)));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> simulator.calls().count(Operation.SQS_RECEIVE_MESSAGE) == 1);

            // when an event is published into the queue from another thread
            simulator.sqs().publishEvent(HOME, QUEUE, EVENT);

            // then the poll returns it well before its wait is over
            ReceiveMessageResponse response = poll.get(5, TimeUnit.SECONDS);
            assertThat(response.messages()).extracting(Message::body).containsExactly(EVENT);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
        }
    }

    @Test
    void longPollOnAnEmptyQueueReturnsEmptyAfterItsWait() {
        try (SqsClient sqs = clients.sqs(false)) {
            // when a 1 s long poll finds nothing
            long started = System.nanoTime();
            ReceiveMessageResponse response = sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            // then it answers empty, after about the wait
            assertThat(response.messages()).isEmpty();
            assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
        }
    }

    @Test
    void anUndeletedMessageReappearsAfterItsVisibilityTimeout() {
        try (SqsClient sqs = clients.sqs(false)) {
            // given a message received with a 1 s visibility timeout and not deleted
            simulator.sqs().publishEvent(HOME, QUEUE, EVENT);
            Message first = sqs.receiveMessage(r -> r.queueUrl(queueUrl).visibilityTimeout(1)).messages().get(0);

            // when it is received again: at once it is hidden, after the timeout it is back
            List<Message> atOnce = sqs.receiveMessage(r -> r.queueUrl(queueUrl)).messages();
            Message second = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                    .until(() -> sqs.receiveMessage(r -> r.queueUrl(queueUrl).visibilityTimeout(30)
                                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                            .messages(), l -> !l.isEmpty()).get(0);

            // then it is the same message with a new receipt handle and a higher receive count
            assertThat(atOnce).isEmpty();
            assertThat(second.messageId()).isEqualTo(first.messageId());
            assertThat(second.receiptHandle()).isNotEqualTo(first.receiptHandle());
            assertThat(second.attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2");
            assertThat(simulator.sqs().messages(HOME, QUEUE)).singleElement()
                    .satisfies(q -> assertThat(q.inFlight()).isTrue());
        }
    }

    @Test
    void changeMessageVisibilityToZeroReleasesTheMessageAtOnce() {
        try (SqsClient sqs = clients.sqs(false)) {
            // given a message in flight for 30 s
            simulator.sqs().publishEvent(HOME, QUEUE, EVENT);
            Message m = sqs.receiveMessage(r -> r.queueUrl(queueUrl).visibilityTimeout(30)).messages().get(0);

            // when its visibility is set to 0
            sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()).visibilityTimeout(0));

            // then the next receive gets it
            assertThat(sqs.receiveMessage(r -> r.queueUrl(queueUrl)).messages())
                    .extracting(Message::messageId).containsExactly(m.messageId());
        }
    }

    @Test
    void batchDeleteReportsABadReceiptHandleInFailed() {
        try (SqsClient sqs = clients.sqs(false)) {
            // given two messages received
            simulator.sqs().publishEvent(HOME, QUEUE, EVENT);
            simulator.sqs().publishEvent(HOME, QUEUE, EVENT);
            List<Message> received = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)).messages();

            // when both are deleted in one batch with a third entry whose handle is garbage
            DeleteMessageBatchResponse response = sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(
                    DeleteMessageBatchRequestEntry.builder().id("a").receiptHandle(received.get(0).receiptHandle()).build(),
                    DeleteMessageBatchRequestEntry.builder().id("b").receiptHandle(received.get(1).receiptHandle()).build(),
                    DeleteMessageBatchRequestEntry.builder().id("bad").receiptHandle("not-a-handle").build()));

            // then the two succeed, the third is in Failed as the caller's fault, and the queue is empty
            assertThat(response.successful()).extracting(e -> e.id()).containsExactlyInAnyOrder("a", "b");
            assertThat(response.failed()).singleElement().satisfies(f -> {
                assertThat(f.id()).isEqualTo("bad");
                assertThat(f.code()).isEqualTo("ReceiptHandleIsInvalid");
                assertThat(f.senderFault()).isTrue();
            });
            assertThat(simulator.sqs().messages(HOME, QUEUE)).isEmpty();
            assertThatThrownBy(() -> sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle("garbage")))
                    .isInstanceOf(ReceiptHandleIsInvalidException.class);
        }
    }

    @Test
    void aWrongQueueUrlIsQueueDoesNotExist() {
        try (SqsClient sqs = clients.sqs(false)) {
            // when the caller names a queue that is not there (another name, another account, another region)
            String wrong = simulator.queueUrl(HOME.account(), "no-such-queue");
            String otherAccount = simulator.queueUrl("210987654321", QUEUE);

            // then the SDK raises its modelled exception, with the query-compatible error code
            assertThatThrownBy(() -> sqs.receiveMessage(r -> r.queueUrl(wrong)))
                    .isInstanceOf(QueueDoesNotExistException.class)
                    .satisfies(e -> assertThat(((SqsException) e).statusCode()).isEqualTo(400));
            assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(otherAccount).messageBody("x")))
                    .isInstanceOf(QueueDoesNotExistException.class);
            assertThatThrownBy(() -> sqs.getQueueUrl(r -> r.queueName("no-such-queue")))
                    .isInstanceOf(QueueDoesNotExistException.class);
        }
    }

    @Test
    void outOfRangeParametersAreRejected() {
        try (SqsClient sqs = clients.sqs(false)) {
            // when a receive asks for 11 messages, or waits 21 s
            // then SQS's bounds (1-10, 0-20) reject it
            assertThatThrownBy(() -> sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(11)))
                    .isInstanceOf(SqsException.class).hasMessageContaining("MaxNumberOfMessages");
            assertThatThrownBy(() -> sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(21)))
                    .isInstanceOf(SqsException.class).hasMessageContaining("WaitTimeSeconds");
        }
    }

    @Test
    void throttlingIsRetriedByTheSdkAndOtherFaultsSurface() {
        // given two throttles and then a 500 injected for ReceiveMessage
        simulator.sqs().publishEvent(HOME, QUEUE, EVENT);
        simulator.faults().throttleNext(Operation.SQS_RECEIVE_MESSAGE, null, 2);

        try (SqsClient retrying = clients.sqs(true); SqsClient plain = clients.sqs(false)) {
            // when a client with the standard retry strategy receives
            List<Message> received = retrying.receiveMessage(r -> r.queueUrl(queueUrl)).messages();

            // then it got the message on the third attempt
            assertThat(received).hasSize(1);
            assertThat(simulator.calls().count(Operation.SQS_RECEIVE_MESSAGE)).isEqualTo(3);

            // and without retries a throttle, a 500 and a cut-off body each surface as what they are
            simulator.faults().throttleNext(Operation.SQS_SEND_MESSAGE, null, 1);
            assertThatThrownBy(() -> plain.sendMessage(r -> r.queueUrl(queueUrl).messageBody("x")))
                    .isInstanceOf(RequestThrottledException.class)
                    .satisfies(e -> assertThat(((SqsException) e).isThrottlingException()).isTrue());
            simulator.faults().failNext(Operation.SQS_SEND_MESSAGE, null, 1);
            assertThatThrownBy(() -> plain.sendMessage(r -> r.queueUrl(queueUrl).messageBody("x")))
                    .isInstanceOf(SqsException.class)
                    .satisfies(e -> assertThat(((SqsException) e).statusCode()).isEqualTo(500));
            simulator.faults().malformedNext(Operation.SQS_RECEIVE_MESSAGE, 1);
            assertThatThrownBy(() -> plain.receiveMessage(r -> r.queueUrl(queueUrl)))
                    .isInstanceOf(SdkClientException.class);
        }
    }

    @Test
    void longPollsNeverTakeEveryServerThread() throws Exception {
        // given a simulator with 4 server threads and 6 clients long-polling an empty queue
        simulator.close();
        simulator = AwsSimulator.start("127.0.0.1", 0, new Estate(), 4);
        simulator.sqs().createQueue(HOME, QUEUE);
        String url = simulator.queueUrl(HOME.account(), QUEUE);
        clients = new SdkClients(simulator.endpoint());
        ExecutorService pollers = Executors.newFixedThreadPool(6);
        try (SqsClient sqs = clients.sqs(false); GlueClient glue = clients.glue()) {
            for (int i = 0; i < 6; i++) {
                pollers.submit(() -> sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(5)));
            }
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> simulator.calls().count(Operation.SQS_RECEIVE_MESSAGE) == 6);

            // when a Glue poll comes in while they wait
            long started = System.nanoTime();
            glue.describeIntegrations(r -> { });

            // then it is served at once, not after the long polls
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        } finally {
            pollers.shutdownNow();
        }
    }

    @Test
    void adminRoutesCreateAQueueSendAnEventAndShowWhatIsLeft() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = simulator.endpoint() + "/_simulator/sqs/123456789012/admin-queue";

        // when a queue is created and an event posted into it over the admin API
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> sent = http.send(HttpRequest.newBuilder(URI.create(base + "/messages"))
                .POST(HttpRequest.BodyPublishers.ofString(EVENT)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> listed = http.send(HttpRequest.newBuilder(URI.create(base)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(
                        URI.create(simulator.endpoint() + "/_simulator/sqs/123456789012/nope/messages"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

        // then the SDK receives exactly that body, and a queue that does not exist is a 404
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("\"receiveCount\":0").contains("aws.glue-zero-etl");
        assertThat(missing.statusCode()).isEqualTo(404);
        try (SqsClient sqs = clients.sqs(false)) {
            assertThat(sqs.receiveMessage(r -> r.queueUrl(simulator.queueUrl("123456789012", "admin-queue")))
                    .messages()).extracting(Message::body).containsExactly(EVENT);
        }
    }

    @Test
    void getQueueAttributesCountsVisibleAndInFlightAndTheQueueVisibilityTimeoutApplies() {
        try (SqsClient sqs = clients.sqs(false)) {
            // given a queue whose visibility timeout is 1 s, three messages, one of them received
            simulator.sqs().setVisibilityTimeout(HOME, QUEUE, Duration.ofSeconds(1));
            for (int i = 0; i < 3; i++) {
                sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(EVENT));
            }
            sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(1));

            // when the attributes are read
            var attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                    QueueAttributeName.VISIBILITY_TIMEOUT)).attributes();

            // then two are visible, one in flight, and that one is visible again after the queue's 1 s
            assertThat(attributes).containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "2")
                    .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "1")
                    .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "1")
                    .doesNotContainKey(QueueAttributeName.QUEUE_ARN);
            await().atMost(Duration.ofSeconds(5)).until(() -> sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.ALL)).attributes()
                    .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES), "3"::equals);
            assertThatThrownBy(() -> sqs.getQueueAttributes(r -> r.queueUrl(queueUrl + "-gone")
                    .attributeNames(QueueAttributeName.ALL))).isInstanceOf(QueueDoesNotExistException.class);
        }
    }
}
