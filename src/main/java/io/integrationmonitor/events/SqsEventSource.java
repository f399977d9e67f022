package io.integrationmonitor.events;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS events from SQS: one daemon thread per queue long-polls it ({@link QueueConsumer}) and hands each message
 * to the seams (targeted polls, table state, receipts). Start it after the poll schedule; close it first on
 * shutdown, before the state store and the clients it uses.
 */
public final class SqsEventSource implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SqsEventSource.class);
    /** How long close waits for a handler to commit; a long poll is interrupted and not waited for. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /** An interrupted receive ends at once when the SDK sees the interrupt; one blocked in a socket read does not. */
    private static final Duration RECEIVE_GRACE = Duration.ofMillis(500);

    private final List<QueueConsumer> consumers;
    private final List<Thread> threads = new ArrayList<>();

    /**
     * @param wait        ReceiveMessage's WaitTimeSeconds ({@code events.wait_time})
     * @param maxMessages ReceiveMessage's MaxNumberOfMessages ({@code events.max_messages})
     */
    public SqsEventSource(List<EventQueue> queues, IntegrationPolls polls, TableIngestions tables,
                          EventReceipts receipts, Duration wait, int maxMessages, MeterRegistry registry,
                          Clock clock) {
        Objects.requireNonNull(registry, "registry");
        List<QueueConsumer> built = new ArrayList<>();
        for (EventQueue queue : queues) {
            QueueMetrics metrics = new QueueMetrics(registry, queue.name());
            EventHandler handler = new EventHandler(queue.name(), polls, tables, receipts, metrics, clock);
            built.add(new QueueConsumer(queue, handler, metrics, wait, maxMessages, clock));
        }
        this.consumers = List.copyOf(built);
    }

    public synchronized void start() {
        if (!threads.isEmpty()) {
            return;
        }
        for (QueueConsumer consumer : consumers) {
            Thread t = new Thread(consumer, "events-sqs-" + consumer.name());
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        log.info("consuming AWS events from {} SQS queue(s)", consumers.size());
    }

    /** The names of the queues whose last receive failed, for {@code /readyz}'s note. */
    public List<String> unreadableQueues() {
        return consumers.stream().filter(c -> !c.readable()).map(QueueConsumer::name).sorted().toList();
    }

    @Override
    public synchronized void close() {
        for (int i = 0; i < threads.size(); i++) {
            consumers.get(i).stop(threads.get(i));
        }
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (int i = 0; i < threads.size(); i++) {
            Thread t = threads.get(i);
            long left = consumers.get(i).handling() ? deadline - System.nanoTime() : RECEIVE_GRACE.toNanos();
            try {
                t.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (t.isAlive()) {
                // a long poll the SDK cannot interrupt ends when the clients' connections close
                log.debug("{} still in a receive; its connection closes with the clients", t.getName());
            }
        }
        threads.clear();
    }
}
