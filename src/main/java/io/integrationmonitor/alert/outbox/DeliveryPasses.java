package io.integrationmonitor.alert.outbox;

import io.integrationmonitor.alert.receiver.DeliveryResult;
import io.integrationmonitor.alert.receiver.Receiver;
import io.integrationmonitor.config.AlertingConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * What one pass over a receiver's queue does, on whichever thread makes it: claims the head row with the
 * receiver's lease, sends it, records the outcome, and backs off after a failure (exponentially with
 * jitter, or as the receiver's {@code Retry-After} asks). The {@link OutboxDispatcher} runs the passes on
 * its worker threads; this class holds no thread of its own.
 */
final class DeliveryPasses {
    private static final Logger log = LoggerFactory.getLogger(DeliveryPasses.class);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);
    static final Duration DELIVERED_RETENTION = Duration.ofDays(7);
    static final Duration DEAD_RETENTION = Duration.ofDays(30);
    static final Duration IDLE_WAKE_UP = Duration.ofSeconds(5);
    private static final Duration CONTENDED_RETRY = Duration.ofMillis(200);
    private static final Duration MIN_WAIT = Duration.ofMillis(50);

    private final Map<String, Receiver> receivers;
    private final Outbox outbox;
    private final ReceiverLeases leases;
    private final Clock clock;
    private final AlertMetrics metrics;
    private final RandomGenerator random;
    private final String replica;
    private final Duration lease;
    private final Duration resendDelay;
    private final Duration maxAge;
    private final BooleanSupplier stopping;
    /** Receivers whose last attempt failed: the first failure is logged at warn, the rest at debug. */
    private final Map<String, Boolean> failing = new ConcurrentHashMap<>();
    /** Receiver name to the id of the row this replica is sending to it right now. */
    private final Map<String, Long> sending = new ConcurrentHashMap<>();

    /** @param stopping whether the dispatcher is stopping: a pass then starts no new send */
    DeliveryPasses(Map<String, Receiver> receivers, Outbox outbox, ReceiverLeases leases, AlertingConfig config,
                   Clock clock, AlertMetrics metrics, RandomGenerator random, String replica, Duration lease,
                   BooleanSupplier stopping) {
        this.receivers = Map.copyOf(receivers);
        this.outbox = outbox;
        this.leases = leases;
        this.clock = clock;
        this.metrics = metrics;
        this.random = random;
        this.replica = replica;
        this.lease = lease;
        this.resendDelay = config.resendDelay();
        this.maxAge = config.maxAge();
        this.stopping = stopping;
    }

    /** The receivers this replica is sending to right now. */
    Set<String> inFlight() {
        return Set.copyOf(sending.keySet());
    }

    /** Records that a worker failed outside a send; true the first time in a row, to log it once. */
    boolean firstFailure(String receiver) {
        return failing.putIfAbsent(receiver, Boolean.TRUE) == null;
    }

    /**
     * Deletes delivered notifications older than 7 days and dead letters older than 30 days (by when they
     * finished). Safe on several replicas at once.
     *
     * @return rows deleted
     */
    int pruneOutbox() {
        Instant now = clock.instant();
        int deleted = outbox.prune(now.minus(DELIVERED_RETENTION), now.minus(DEAD_RETENTION));
        if (deleted > 0) {
            log.info("pruned {} finished notifications from alert_outbox", deleted);
        }
        return deleted;
    }

    /**
     * Extends the lease of every receiver this replica is sending to right now by a full lease from the
     * clock's current time. Never throws: a failed renewal is retried on the next call, and the lease
     * outlasts two missed ones.
     *
     * @return how many leases were renewed
     */
    int renewLeases() {
        int renewed = 0;
        for (Map.Entry<String, Long> inFlight : sending.entrySet()) {
            String name = inFlight.getKey();
            try {
                if (leases.renewLease(name, inFlight.getValue(), replica, clock.instant().plus(lease))) {
                    renewed++;
                } else if (sending.remove(name, inFlight.getValue())) {
                    log.warn("replica {} lost the lease of receiver {} while sending to it; another replica may "
                            + "send that notification too", replica, name);
                }
            } catch (RuntimeException e) {
                log.debug("could not renew the lease of receiver {}: {}", name, e.getMessage());
            }
        }
        return renewed;
    }


    /** One pass over the named receiver's queue: each due notification in order, until one fails or is not due. */
    OutboxDispatcher.Pass runReceiver(String name) {
        Receiver receiver = receivers.get(name);
        int done = 0;
        try {
            while (true) {
                if (stopping.getAsBoolean()) {
                    return new OutboxDispatcher.Pass(done, Duration.ZERO);
                }
                Instant now = clock.instant();
                ReceiverLeases.Claim claim = leases.claimHead(name, replica, now, lease, maxAge);
                switch (claim.status()) {
                    case DEAD:
                        deadLetter(claim.entry());
                        done++;
                        continue;
                    case CLAIMED:
                        Instant retryAt = attempt(receiver, claim);
                        if (retryAt == null) {
                            done++;
                            continue;
                        }
                        return new OutboxDispatcher.Pass(done, until(retryAt, IDLE_WAKE_UP));
                    case NOT_DUE:
                        return new OutboxDispatcher.Pass(done, until(claim.retryAt(), IDLE_WAKE_UP));
                    case BUSY:
                        // Another replica holds the lease: look again when it expires, or soon if it is
                        // only claiming right now, in case it released the lease just before a new row came.
                        return new OutboxDispatcher.Pass(done, claim.retryAt() == null ? CONTENDED_RETRY
                                : until(claim.retryAt(), Duration.ofSeconds(1)));
                    default:
                        return new OutboxDispatcher.Pass(done, IDLE_WAKE_UP);
                }
            }
        } finally {
            metrics.queue(name, outbox.pendingCount(name));
        }
    }

    /** @return null when delivered, else when the notification is due again */
    private Instant attempt(Receiver receiver, ReceiverLeases.Claim claim) {
        String name = receiver.name();
        OutboxEntry entry = claim.entry();
        if (claim.interruptedBy() != null) {
            metrics.count(name, AlertMetrics.OUTCOME_REDELIVERED);
            log.warn("notification {} to receiver {} was being sent by {} when it stopped; sending it again "
                    + "(it may arrive twice)", entry.notification().idempotencyKey(), name, claim.interruptedBy());
        }
        DeliveryResult result;
        sending.put(name, entry.id());
        try {
            result = receiver.deliver(entry.notification());
        } catch (RuntimeException e) {
            result = DeliveryResult.failed("receiver error: " + e.getClass().getSimpleName());
        } finally {
            sending.remove(name);
        }
        Instant now = clock.instant();
        if (result.delivered()) {
            if (!outbox.markDelivered(entry.id(), replica, now)) {
                log.warn("notification {} to receiver {} was delivered after this replica lost its lease; "
                        + "another replica may have sent it too", entry.notification().idempotencyKey(), name);
            }
            metrics.delivered(name, Duration.between(entry.createdAt(), now));
            if (failing.remove(name) != null) {
                log.info("receiver {} accepts notifications again", name);
            }
            return null;
        }
        int attempts = entry.attempts();
        Duration delay = result.retryAfter()
                .map(d -> d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d)
                .orElseGet(() -> backoff(attempts));
        Instant retryAt = now.plus(delay);
        outbox.markRetry(entry.id(), replica, retryAt, result.error());
        // Any replica may retry it when due; holding the lease through a backoff would only pin the queue here.
        leases.releaseLease(name, replica);
        metrics.count(name, AlertMetrics.OUTCOME_FAILED);
        if (failing.putIfAbsent(name, Boolean.TRUE) == null) {
            log.warn("receiver {} rejected a notification ({}); retrying with backoff, further failures logged at debug",
                    name, result.error());
        } else {
            log.debug("receiver {} delivery attempt {} failed: {}", name, attempts, result.error());
        }
        return retryAt;
    }

    private void deadLetter(OutboxEntry entry) {
        String name = entry.notification().receiver();
        metrics.deadLetter(name);
        log.error("notification {} to receiver {} is a dead letter after {} attempts over {} (last error: {}); "
                        + "kept in alert_outbox", entry.notification().idempotencyKey(), name, entry.attempts(), maxAge,
                entry.lastError());
    }

    /** resend_delay doubled per attempt, capped, with ±20% jitter so receivers are not hit in lockstep. */
    Duration backoff(int attempts) {
        long base = resendDelay.toMillis();
        long capped = Math.min(MAX_BACKOFF.toMillis(), base << Math.min(Math.max(attempts, 1) - 1, 20));
        double jitter = 0.8 + 0.4 * random.nextDouble();
        return Duration.ofMillis((long) (capped * jitter));
    }

    private Duration until(Instant at, Duration cap) {
        Duration d = Duration.between(clock.instant(), at);
        return d.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : d.compareTo(cap) > 0 ? cap : d;
    }
}
