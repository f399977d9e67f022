package io.integrationmonitor.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The self-metrics of one queue's consumer. The names are the ones the deploy/ alert rules use: keep them.
 * Every label value is bounded: {@code queue} by the configuration, {@code kind} and {@code reason} by enums.
 */
final class QueueMetrics {
    private static final Duration[] AGE_BUCKETS = {Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1)};

    private final MeterRegistry registry;
    private final Tags tags;
    private final Counter received;
    private final Counter deleted;
    private final Counter duplicates;
    private final Timer age;
    private final AtomicLong visible = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong readable = new AtomicLong(1);

    QueueMetrics(MeterRegistry registry, String queue) {
        this.registry = registry;
        this.tags = Tags.of("queue", queue);
        received = Counter.builder("integration.monitor.event.messages.received")
                .description("SQS messages received from the events queue").tags(tags).register(registry);
        deleted = Counter.builder("integration.monitor.event.messages.deleted")
                .description("SQS messages deleted after what they caused was committed").tags(tags).register(registry);
        duplicates = Counter.builder("integration.monitor.event.duplicates")
                .description("Integration events whose id was already acted on (EventBridge and SQS deliver at "
                        + "least once)").tags(tags).register(registry);
        age = Timer.builder("integration.monitor.event.age")
                .description("Time from an event's time (as AWS gives it) to its receipt here")
                .serviceLevelObjectives(AGE_BUCKETS).tags(tags).register(registry);
        Gauge.builder("integration.monitor.event.queue.messages", visible, AtomicLong::get)
                .description("Messages in the queue as GetQueueAttributes approximates them")
                .tags(tags.and("state", "visible")).register(registry);
        Gauge.builder("integration.monitor.event.queue.messages", inFlight, AtomicLong::get)
                .description("Messages in the queue as GetQueueAttributes approximates them")
                .tags(tags.and("state", "in_flight")).register(registry);
        Gauge.builder("integration.monitor.event.queue.readable", readable, AtomicLong::get)
                .description("1 while the last receive from the queue succeeded, 0 while receives fail")
                .tags(tags).register(registry);
    }

    void received(int messages) {
        received.increment(messages);
    }

    void deleted(int messages) {
        deleted.increment(messages);
    }

    void duplicate() {
        duplicates.increment();
    }

    /** A negative age (clock skew) is recorded as zero. */
    void age(Duration eventAge) {
        age.record(eventAge.isNegative() ? Duration.ZERO : eventAge);
    }

    void parseFailure(ParseResult.Kind kind) {
        Counter.builder("integration.monitor.event.parse.failures")
                .description("SQS messages that are no usable EventBridge event, by kind; left to the redrive policy")
                .tags(tags.and("kind", kind.label())).register(registry).increment();
    }

    void ignored(IntegrationEvent.Reason reason) {
        Counter.builder("integration.monitor.events.ignored")
                .description("Events that need nothing done, by reason").tags(tags.and("reason", reason.label()))
                .register(registry).increment();
    }

    void depth(long visibleMessages, long inFlightMessages) {
        visible.set(visibleMessages);
        inFlight.set(inFlightMessages);
    }

    void readable(boolean canRead) {
        readable.set(canRead ? 1 : 0);
    }
}
