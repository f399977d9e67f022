package io.integrationmonitor.alert;

import io.integrationmonitor.config.AlertingConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Delivers the outbox. Each receiver has its own worker, so a slow or failing receiver never delays
 * another, and polls only ever write to the database. Per receiver, delivery is strictly in enqueue order:
 * the oldest undelivered notification blocks the ones behind it until it is delivered or becomes a dead
 * letter, so a resolved notice never overtakes its firing. Failures back off exponentially with jitter
 * (or as the receiver's {@code Retry-After} asks).
 *
 * <p>A notification is marked delivered only after the receiver accepted it: a crash between the two
 * sends it once more after restart (at-least-once, at most one duplicate per crash).
 *
 * <p>Due times come from the injected {@link Clock}; tests call {@link #runOnce()} instead of
 * {@link #start()}. Run one dispatcher per database.
 */
public final class OutboxDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);
    private static final Duration IDLE_WAKE_UP = Duration.ofSeconds(5);

    private final Map<String, Receiver> receivers;
    private final Outbox outbox;
    private final Clock clock;
    private final AlertMetrics metrics;
    private final RandomGenerator random;
    private final Duration resendDelay;
    private final Duration maxAge;
    private final Map<String, Boolean> failing = new ConcurrentHashMap<>();
    private final Map<String, BlockingQueue<Boolean>> wakeUps = new ConcurrentHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;

    OutboxDispatcher(Map<String, Receiver> receivers, Outbox outbox, AlertingConfig config, Clock clock,
                     AlertMetrics metrics, RandomGenerator random) {
        this.receivers = Map.copyOf(receivers);
        this.outbox = outbox;
        this.clock = clock;
        this.metrics = metrics;
        this.random = random;
        this.resendDelay = config.resendDelay();
        this.maxAge = config.maxAge();
        receivers.keySet().forEach(name -> wakeUps.put(name, new LinkedBlockingQueue<>(1)));
    }

    /** Starts one daemon worker thread per receiver. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (String name : receivers.keySet()) {
            Thread t = new Thread(() -> work(name), "alert-dispatch-" + name);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    /** Tells the workers new notifications are waiting. */
    public void wakeUp() {
        wakeUps.values().forEach(q -> q.offer(Boolean.TRUE));
    }

    /**
     * Delivers, for every receiver, each due notification in order until one fails or is not yet due.
     *
     * @return how many notifications left the queue (delivered or dead)
     */
    public int runOnce() {
        int done = 0;
        for (String name : receivers.keySet()) {
            done += runReceiver(name);
        }
        return done;
    }

    /** {@link #runOnce()} until nothing more is due at the clock's current time. */
    public int drain() {
        int total = 0;
        int done;
        while ((done = runOnce()) > 0) {
            total += done;
        }
        return total;
    }

    int runReceiver(String name) {
        Receiver receiver = receivers.get(name);
        int done = 0;
        try {
            while (true) {
                Optional<OutboxEntry> head = outbox.head(name);
                if (head.isEmpty()) {
                    break;
                }
                OutboxEntry entry = head.get();
                Instant now = clock.instant();
                if (!now.isBefore(entry.createdAt().plus(maxAge))) {
                    deadLetter(entry, now);
                    done++;
                    continue;
                }
                if (now.isBefore(entry.nextAttemptAt())) {
                    break;
                }
                if (!attempt(receiver, entry)) {
                    break;
                }
                done++;
            }
        } finally {
            metrics.queue(name, outbox.pendingCount(name));
        }
        return done;
    }

    private boolean attempt(Receiver receiver, OutboxEntry entry) {
        String name = receiver.name();
        DeliveryResult result;
        try {
            result = receiver.deliver(entry.notification());
        } catch (RuntimeException e) {
            result = DeliveryResult.failed("receiver error: " + e.getClass().getSimpleName());
        }
        Instant now = clock.instant();
        if (result.delivered()) {
            outbox.markDelivered(entry.id(), now);
            metrics.delivered(name, Duration.between(entry.createdAt(), now));
            if (failing.remove(name) != null) {
                log.info("receiver {} accepts notifications again", name);
            }
            return true;
        }
        int attempts = entry.attempts() + 1;
        Duration delay = result.retryAfter()
                .map(d -> d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d)
                .orElseGet(() -> backoff(attempts));
        outbox.markRetry(entry.id(), attempts, now.plus(delay), result.error());
        metrics.count(name, AlertMetrics.OUTCOME_FAILED);
        if (failing.putIfAbsent(name, Boolean.TRUE) == null) {
            log.warn("receiver {} rejected a notification ({}); retrying with backoff, further failures logged at debug",
                    name, result.error());
        } else {
            log.debug("receiver {} delivery attempt {} failed: {}", name, attempts, result.error());
        }
        return false;
    }

    private void deadLetter(OutboxEntry entry, Instant now) {
        String name = entry.notification().receiver();
        outbox.markDead(entry.id(), now, "undeliverable for " + maxAge);
        metrics.deadLetter(name);
        log.error("notification {} to receiver {} is a dead letter after {} attempts over {} (last error: {}); "
                        + "kept in alert_outbox", entry.notification().idempotencyKey(), name, entry.attempts(), maxAge,
                entry.lastError());
    }

    /** resend_delay doubled per attempt, capped, with ±20% jitter so receivers are not hit in lockstep. */
    Duration backoff(int attempts) {
        long base = resendDelay.toMillis();
        long capped = Math.min(MAX_BACKOFF.toMillis(), base << Math.min(attempts - 1, 20));
        double jitter = 0.8 + 0.4 * random.nextDouble();
        return Duration.ofMillis((long) (capped * jitter));
    }

    private void work(String name) {
        BlockingQueue<Boolean> wake = wakeUps.get(name);
        while (running) {
            try {
                runReceiver(name);
            } catch (RuntimeException e) {
                if (failing.putIfAbsent(name, Boolean.TRUE) == null) {
                    log.warn("dispatcher for receiver {} failed: {}", name, e.getMessage());
                }
            }
            try {
                wake.poll(waitMillis(name), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private long waitMillis(String name) {
        try {
            return outbox.head(name)
                    .map(e -> Duration.between(clock.instant(), e.nextAttemptAt()).toMillis())
                    .map(ms -> Math.max(50, Math.min(ms, IDLE_WAKE_UP.toMillis())))
                    .orElse(IDLE_WAKE_UP.toMillis());
        } catch (RuntimeException e) {
            return IDLE_WAKE_UP.toMillis();
        }
    }

    /** Stops the workers; a delivery in flight is repeated after restart. */
    @Override
    public synchronized void close() {
        running = false;
        workers.forEach(Thread::interrupt);
        for (Thread t : workers) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        workers.clear();
    }
}
