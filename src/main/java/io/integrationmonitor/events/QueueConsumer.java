package io.integrationmonitor.events;

import io.integrationmonitor.text.InertText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The long-polling loop of one queue, run by one thread: receive a batch, handle each message, then delete in one
 * batch what was handled and committed, and hide longer what cannot be parsed. A failing receive is retried with a
 * bounded back-off and marks the queue unreadable until one succeeds (logged once per streak). Every minute it
 * reads the queue's approximate depth.
 */
final class QueueConsumer implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(QueueConsumer.class);
    static final Duration DEPTH_EVERY = Duration.ofMinutes(1);
    /** Above the longest long poll, so that the SDK never cuts a receive that SQS is still allowed to hold. */
    static final Duration RECEIVE_MARGIN = Duration.ofSeconds(10);

    private final EventQueue queue;
    private final EventHandler handler;
    private final QueueMetrics metrics;
    private final Duration wait;
    private final int maxMessages;
    private final Clock clock;
    private volatile boolean running = true;
    private volatile boolean handling;
    private volatile boolean readable = true;
    private int failuresInARow;
    private Instant nextDepthRead = Instant.MIN;

    QueueConsumer(EventQueue queue, EventHandler handler, QueueMetrics metrics, Duration wait, int maxMessages,
                  Clock clock) {
        this.queue = queue;
        this.handler = handler;
        this.metrics = metrics;
        this.wait = wait;
        this.maxMessages = maxMessages;
        this.clock = clock;
    }

    @Override
    public void run() {
        while (running) {
            List<Message> messages;
            try {
                messages = receive();
            } catch (SdkException e) {
                if (!running) {
                    break;
                }
                receiveFailed(e);
                if (!pause(DoublingBackoff.FAILED_RECEIVE.after(failuresInARow))) {
                    break;
                }
                continue;
            }
            readAgain();
            metrics.received(messages.size());
            handling = true;
            try {
                settle(messages);
            } finally {
                handling = false;
            }
            readDepthIfDue();
        }
        log.debug("stopped consuming queue {}", queue.name());
    }

    /**
     * Asks the loop to end; interrupts a long poll or a back-off under way, never a handler (its commit must
     * finish). Both flags are volatile: either this sees {@code handling} set, or the loop sees {@code running}
     * cleared before it handles anything.
     */
    void stop(Thread thread) {
        running = false;
        if (!handling) {
            thread.interrupt();
        }
    }

    boolean handling() {
        return handling;
    }

    boolean readable() {
        return readable;
    }

    String name() {
        return queue.name();
    }

    private List<Message> receive() {
        return queue.client().receiveMessage(r -> r.queueUrl(queue.url())
                .waitTimeSeconds((int) wait.toSeconds())
                .maxNumberOfMessages(maxMessages)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                        MessageSystemAttributeName.SENT_TIMESTAMP)
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(wait.plus(RECEIVE_MARGIN))))
                .messages();
    }

    /** Handles the batch in order, then deletes what is done in one call; nothing is deleted before it is done. */
    private void settle(List<Message> messages) {
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message message : messages) {
            if (!running) {
                break; // the rest come back after their visibility timeout
            }
            switch (handler.handle(message.body())) {
                case DELETE -> done.add(DeleteMessageBatchRequestEntry.builder().id("m" + done.size())
                        .receiptHandle(message.receiptHandle()).build());
                case PARK -> park(message);
                case RETRY -> { }
            }
        }
        if (!done.isEmpty()) {
            delete(done);
        }
    }

    private void delete(List<DeleteMessageBatchRequestEntry> entries) {
        try {
            DeleteMessageBatchResponse response = queue.client().deleteMessageBatch(r -> r.queueUrl(queue.url())
                    .entries(entries));
            metrics.deleted(response.successful().size());
            for (BatchResultErrorEntry failed : response.failed()) {
                // delivered again later: the receipts or the table state make the second one a duplicate
                log.warn("queue {} did not delete a handled message ({}); it will be received again", queue.name(),
                        InertText.escape(String.valueOf(failed.code())));
            }
        } catch (SdkException e) {
            log.warn("deleting {} handled messages from queue {} failed ({}); they will be received again",
                    entries.size(), queue.name(), reason(e));
            log.debug("delete failed", e);
        }
    }

    /** Hides a poison message for longer each time it comes back, until the redrive policy takes it away. */
    private void park(Message message) {
        int receiveCount = receiveCount(message.attributesAsStrings());
        Duration hidden = DoublingBackoff.PARKED_MESSAGE.after(receiveCount);
        try {
            queue.client().changeMessageVisibility(r -> r.queueUrl(queue.url())
                    .receiptHandle(message.receiptHandle()).visibilityTimeout((int) hidden.toSeconds()));
        } catch (SdkException e) {
            log.debug("queue {}: cannot hide an unparseable message for longer ({})", queue.name(), reason(e));
        }
    }

    static int receiveCount(Map<String, String> attributes) {
        try {
            return Integer.parseInt(attributes.getOrDefault(
                    MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT.toString(), "1"));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private void readDepthIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextDepthRead)) {
            return;
        }
        nextDepthRead = now.plus(DEPTH_EVERY);
        try {
            GetQueueAttributesResponse response = queue.client().getQueueAttributes(r -> r.queueUrl(queue.url())
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
            metrics.depth(number(response, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                    number(response, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        } catch (SdkException e) {
            log.debug("queue {}: GetQueueAttributes failed ({})", queue.name(), reason(e));
        }
    }

    private static long number(GetQueueAttributesResponse response, QueueAttributeName name) {
        try {
            return Long.parseLong(response.attributes().getOrDefault(name, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void receiveFailed(SdkException e) {
        failuresInARow++;
        metrics.readable(false);
        if (readable) {
            readable = false;
            log.warn("cannot receive from event queue {} ({}); retrying with back-off, events wait until it can "
                    + "be read (polls go on)", queue.name(), reason(e));
        }
        log.debug("receive failed", e);
    }

    private void readAgain() {
        failuresInARow = 0;
        metrics.readable(true);
        if (!readable) {
            readable = true;
            log.info("event queue {} can be read again", queue.name());
        }
    }

    /** False when interrupted (the source is stopping). */
    private boolean pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The service's error code, or the exception's class: AWS text, made inert. */
    private static String reason(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return InertText.escape(service.awsErrorDetails().errorCode());
        }
        return e.getClass().getSimpleName();
    }
}
