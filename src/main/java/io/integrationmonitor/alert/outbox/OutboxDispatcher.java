package io.integrationmonitor.alert.outbox;

import io.integrationmonitor.alert.receiver.Receiver;
import io.integrationmonitor.config.AlertingConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Delivers the outbox. Each receiver has its own worker, so a slow or failing receiver never delays
 * another, and polls only ever write to the database. Per receiver, delivery is strictly in enqueue order:
 * the oldest undelivered notification blocks the ones behind it until it is delivered or becomes a dead
 * letter, so a resolved notice never overtakes its firing. Failures back off exponentially with jitter
 * (or as the receiver's {@code Retry-After} asks).
 *
 * <p>Replicas sharing the database cooperate: only the replica holding a receiver's lease works its queue,
 * so each notification is sent by one replica, in order. The lease and the row are claimed in a short
 * transaction committed before the send (no database lock is held while waiting on a receiver), and the
 * row is marked delivered only after the receiver accepted it. While a send is in flight the holder renews
 * the lease every third of it, so the lease can be short however long the receiver takes: a replica that
 * dies mid-send holds the receiver's queue for at most one lease; then another replica takes it over and
 * sends that notification once more (at most one duplicate per crash). A clean stop ({@link #close(Duration)})
 * starts no new send, lets the ones in flight finish within the grace period, and hands every lease back.
 *
 * <p>Due times and leases come from the injected {@link Clock}, never the database's clock (replicas need
 * synchronized clocks, as the clustered scheduler does); tests call {@link #runOnce()} and
 * {@link #renewLeases()} instead of {@link #start()}.
 */
public final class OutboxDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    /** How long a receiver's queue stays with a replica that stopped renewing (crashed or cut off). */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(15);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final Map<String, Receiver> receivers;
    private final ReceiverLeases leases;
    private final DeliveryPasses passes;
    private final Clock clock;
    private final String replica;
    private final Duration lease;
    private final String prunedBy;
    private final Map<String, BlockingQueue<Boolean>> wakeUps = new ConcurrentHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private ScheduledExecutorService renewer;
    private volatile boolean running;
    private volatile boolean stopping;
    private long stopRequestedAt;
    private volatile Instant nextPrune = Instant.MIN;

    public OutboxDispatcher(Map<String, Receiver> receivers, Outbox outbox, ReceiverLeases leases,
                            AlertingConfig config, Clock clock, AlertMetrics metrics, RandomGenerator random,
                            String replica, Duration lease) {
        this.receivers = Map.copyOf(receivers);
        this.leases = leases;
        this.passes = new DeliveryPasses(receivers, outbox, leases, config, clock, metrics, random, replica, lease,
                () -> stopping);
        this.clock = clock;
        this.replica = replica;
        this.lease = lease;
        this.prunedBy = receivers.keySet().stream().findFirst().orElse(null);
        receivers.keySet().forEach(name -> wakeUps.put(name, new LinkedBlockingQueue<>(1)));
        leases.ensureLeases(receivers.keySet());
    }

    /**
     * Starts one daemon worker thread per receiver (the first receiver's worker also prunes the outbox
     * hourly) and a thread renewing the leases of sends in flight every third of the lease.
     */
    public synchronized void start() {
        if (running || stopping) {
            return;
        }
        running = true;
        renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alert-lease-renewer");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, lease.toMillis() / 3);
        renewer.scheduleWithFixedDelay(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
        for (String name : receivers.keySet()) {
            Thread t = new Thread(() -> work(name), "alert-dispatch-" + name);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    /** This replica's name in {@code alert_outbox.claimed_by} and {@code alert_receiver_lease}. */
    public String replica() {
        return replica;
    }

    /** Tells the workers new notifications are waiting. */
    public void wakeUp() {
        wakeUps.values().forEach(q -> q.offer(Boolean.TRUE));
    }

    /**
     * Delivers, for every receiver whose lease this replica gets, each due notification in order until one
     * fails or is not yet due.
     *
     * @return how many notifications left the queue (delivered or dead)
     */
    public int runOnce() {
        int done = 0;
        for (String name : receivers.keySet()) {
            done += runReceiver(name).done();
        }
        return done;
    }

    /** One pass over the named receiver's queue, as its worker makes it (tests drive it directly). */
    public Pass runReceiver(String name) {
        return passes.runReceiver(name);
    }

    /**
     * Deletes delivered notifications older than 7 days and dead letters older than 30 days (by when they
     * finished). Runs hourly inside the started dispatcher; safe on several replicas at once.
     *
     * @return rows deleted
     */
    public int pruneOutbox() {
        return passes.pruneOutbox();
    }

    /**
     * Extends the lease of every receiver this replica is sending to right now by a full lease from the
     * clock's current time. Never throws: a failed renewal is retried on the next call.
     *
     * @return how many leases were renewed
     */
    public int renewLeases() {
        return passes.renewLeases();
    }

    /** What one pass over a receiver's queue did, and how long its worker may sleep before the next. */
    public record Pass(int done, Duration sleep) {
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









    private void work(String name) {
        try {
            workUntilStopped(name);
        } finally {
            // A stopping replica hands the queue over as soon as its own send (if any) is done.
            try {
                leases.releaseLease(name, replica);
            } catch (RuntimeException e) {
                log.debug("could not release the lease of receiver {}: {}", name, e.getMessage());
            }
        }
    }

    private void workUntilStopped(String name) {
        BlockingQueue<Boolean> wake = wakeUps.get(name);
        boolean pruner = name.equals(prunedBy);
        while (running) {
            Duration wait = DeliveryPasses.IDLE_WAKE_UP;
            try {
                wait = runReceiver(name).sleep();
                if (pruner && running) {
                    pruneWhenDue();
                }
            } catch (RuntimeException e) {
                if (passes.firstFailure(name)) {
                    log.warn("dispatcher for receiver {} failed: {}", name, e.getMessage());
                }
            }
            try {
                wake.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void pruneWhenDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextPrune)) {
            return;
        }
        nextPrune = now.plus(PRUNE_EVERY);
        pruneOutbox();
    }

    /**
     * Starts no new send from now on; returns at once. Workers finish the send they are in, hand their
     * receiver's lease back and exit, so another replica takes the queue over without waiting for the lease.
     */
    public synchronized void stop() {
        if (stopping) {
            return;
        }
        stopRequestedAt = System.nanoTime();
        stopping = true;
        running = false;
        wakeUp();
    }

    /** {@link #close(Duration)} without a grace period: a send in flight is interrupted and repeated later. */
    @Override
    public void close() {
        close(Duration.ZERO);
    }

    /**
     * {@link #stop() Stops}, waits for the sends in flight (their leases are renewed meanwhile) until
     * {@code grace} after the stop began, interrupts what is still sending then (that notification is sent
     * again, by whichever replica holds the lease next), and hands this replica's leases back.
     */
    public synchronized void close(Duration grace) {
        stop();
        long deadline = stopRequestedAt + grace.toNanos();
        Set<String> inFlight = passes.inFlight();
        if (!inFlight.isEmpty() && deadline - System.nanoTime() > 0) {
            log.info("waiting up to {} s for the alert sends in flight to {}",
                    TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime()), inFlight);
        }
        try {
            for (Thread t : workers) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(t, left);
                }
            }
            List<Thread> alive = workers.stream().filter(Thread::isAlive).toList();
            Set<String> stillInFlight = passes.inFlight();
            if (!alive.isEmpty() && !stillInFlight.isEmpty()) {
                log.warn("alert sends to {} still in flight after the shutdown grace of {} s; interrupting them "
                        + "(those notifications will be sent again)", stillInFlight, grace.toSeconds());
            }
            alive.forEach(Thread::interrupt);
            for (Thread t : alive) {
                t.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.clear();
        if (renewer != null) {
            renewer.shutdownNow();
        }
        for (String name : receivers.keySet()) {
            try {
                leases.releaseLease(name, replica);
            } catch (RuntimeException e) {
                log.debug("could not release the lease of receiver {}: {}", name, e.getMessage());
            }
        }
    }
}
