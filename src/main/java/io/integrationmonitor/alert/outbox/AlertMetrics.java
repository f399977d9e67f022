package io.integrationmonitor.alert.outbox;

import io.integrationmonitor.alert.evaluate.Condition;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Alerting self-metrics. The {@code receiver} label is always the configured receiver name (bounded),
 * never a URL; every (condition, kind) series that can exist ({@link Condition#possibleFor}) is there from the
 * start, at 0, and no other.
 */
public final class AlertMetrics {
    static final String OUTCOME_DELIVERED = "delivered";
    static final String OUTCOME_FAILED = "failed";
    static final String OUTCOME_DEAD_LETTER = "dead_letter";
    public static final String OUTCOME_SILENCED = "silenced";
    public static final String OUTCOME_ENQUEUED = "enqueued";
    /** Sent again because the replica sending it died (or lost its lease) mid-send: may arrive twice. */
    static final String OUTCOME_REDELIVERED = "redelivered";

    private final MeterRegistry registry;
    /** Tickets of firing-count reads, taken after the evaluation's commit and before its read. */
    private final AtomicLong firingReads = new AtomicLong();
    private final AtomicReference<FiringCounts> firing = new AtomicReference<>(new FiringCounts(0, Map.of()));
    private final Map<String, AtomicLong> queue = new ConcurrentHashMap<>();

    public AlertMetrics(MeterRegistry registry, Collection<String> receivers) {
        this.registry = registry;
        for (ResourceKind k : ResourceKind.values()) {
            for (Condition c : Condition.possibleFor(k)) {
                FiringSeries series = new FiringSeries(c, k.label());
                Gauge.builder("integration.monitor.alerts.firing", firing, f -> f.get().of(series))
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

    /** One series of the firing gauge. */
    public record FiringSeries(Condition condition, String kind) {
    }

    /** The counts a read returned, and the ticket taken before it. */
    private record FiringCounts(long ticket, Map<FiringSeries, Integer> counts) {
        double of(FiringSeries series) {
            return counts.getOrDefault(series, 0);
        }
    }

    /**
     * Publishes the firing counts {@code read} returns, unless a later read was published already. Lock-free,
     * yet never goes back in time: a read whose ticket is higher started after every commit that preceded a
     * lower ticket, so it includes them.
     */
    public void refreshFiring(Supplier<Map<FiringSeries, Integer>> read) {
        long ticket = firingReads.incrementAndGet();
        FiringCounts counts = new FiringCounts(ticket, Map.copyOf(read.get()));
        firing.accumulateAndGet(counts, (published, fresh) -> fresh.ticket() > published.ticket() ? fresh : published);
    }

    void queue(String receiver, long undelivered) {
        AtomicLong v = queue.get(receiver);
        if (v != null) {
            v.set(undelivered);
        }
    }

    public void count(String receiver, String outcome) {
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
