package io.integrationmonitor.alert;

import io.integrationmonitor.poll.ResourceKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Alerting self-metrics. The {@code receiver} label is always the configured receiver name (bounded),
 * never a URL; every (condition, kind) series exists from the start, at 0.
 */
final class AlertMetrics {
    static final String OUTCOME_DELIVERED = "delivered";
    static final String OUTCOME_FAILED = "failed";
    static final String OUTCOME_DEAD_LETTER = "dead_letter";
    static final String OUTCOME_SILENCED = "silenced";
    static final String OUTCOME_ENQUEUED = "enqueued";
    /** Sent again because the replica sending it died (or lost its lease) mid-send: may arrive twice. */
    static final String OUTCOME_REDELIVERED = "redelivered";

    private final MeterRegistry registry;
    private final Map<List<String>, AtomicLong> firing = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> queue = new ConcurrentHashMap<>();

    AlertMetrics(MeterRegistry registry, Collection<String> receivers) {
        this.registry = registry;
        for (Condition c : Condition.values()) {
            for (ResourceKind k : ResourceKind.values()) {
                AtomicLong value = new AtomicLong();
                firing.put(List.of(c.label(), k.label()), value);
                Gauge.builder("integration.monitor.alerts.firing", value, AtomicLong::doubleValue)
                        .description("Alerts currently firing")
                        .tags("condition", c.label(), "kind", k.label()).register(registry);
            }
        }
        for (String r : receivers) {
            AtomicLong value = new AtomicLong();
            queue.put(r, value);
            Gauge.builder("integration.monitor.notification.queue", value, AtomicLong::doubleValue)
                    .description("Notifications not yet delivered").tags("receiver", r).register(registry);
            for (String outcome : List.of(OUTCOME_ENQUEUED, OUTCOME_DELIVERED, OUTCOME_FAILED, OUTCOME_DEAD_LETTER,
                    OUTCOME_SILENCED, OUTCOME_REDELIVERED)) {
                notifications(r, outcome);
            }
            deadLetters(r);
            delivery(r);
        }
    }

    void firingCounts(Map<List<String>, Integer> counts) {
        firing.forEach((key, value) -> value.set(counts.getOrDefault(key, 0)));
    }

    void queue(String receiver, long undelivered) {
        AtomicLong v = queue.get(receiver);
        if (v != null) {
            v.set(undelivered);
        }
    }

    void count(String receiver, String outcome) {
        notifications(receiver, outcome).increment();
    }

    void deadLetter(String receiver) {
        notifications(receiver, OUTCOME_DEAD_LETTER).increment();
        deadLetters(receiver).increment();
    }

    void delivered(String receiver, Duration sinceEnqueued) {
        notifications(receiver, OUTCOME_DELIVERED).increment();
        delivery(receiver).record(sinceEnqueued.isNegative() ? Duration.ZERO : sinceEnqueued);
    }

    private Counter notifications(String receiver, String outcome) {
        return Counter.builder("integration.monitor.notifications")
                .description("Notifications by receiver and outcome")
                .tags("receiver", receiver, "outcome", outcome).register(registry);
    }

    private Counter deadLetters(String receiver) {
        return Counter.builder("integration.monitor.dead.letters")
                .description("Notifications given up after max_age").tags("receiver", receiver).register(registry);
    }

    private Timer delivery(String receiver) {
        return Timer.builder("integration.monitor.notification.delivery")
                .description("Time from enqueue to accepted delivery").tags("receiver", receiver).register(registry);
    }
}
