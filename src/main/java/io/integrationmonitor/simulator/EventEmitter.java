package io.integrationmonitor.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sends into the simulator's SQS queues the EventBridge event AWS would send for each change of the estate
 * ({@link ZeroEtlEvents} decides which), delivered as {@link EventDelivery} says. Off until
 * {@link #deliverTo(EventDelivery)}. Listens to the {@link Estate}, so scripted, random and admin changes alike
 * send their events. Thread-safe: one lock orders every decision, so a seeded run is repeatable.
 *
 * <p>Event ids are random UUIDs, not seeded ones: a monitor remembers ids for a day, and a second run of the same
 * seed must not look like duplicates of the first.
 */
public final class EventEmitter implements Consumer<EstateChange>, AutoCloseable {

    /** Where events go: the simulator's SQS queues, or a recorder in tests. */
    interface Sink {
        void createQueue(EventQueue queue);

        void send(EventQueue queue, String body, Duration delay);
    }

    /** One event and the delays of its copies (two when duplicated), decided when it was made. */
    private record Planned(EventBridgeEvent event, List<Duration> delays) {
    }

    private final Sink sink;
    private final Clock clock;
    private final Object lock = new Object();
    // guarded by lock
    private EventDelivery delivery;
    private Random random;
    private Planned held;
    private ScheduledExecutorService flusher;
    private long events;
    private long messages;
    private long duplicates;
    private long heldBack;

    EventEmitter(Sink sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    /** Into {@code sqs}, timed by the system clock. */
    static EventEmitter into(SqsQueues sqs) {
        return new EventEmitter(new Sink() {
            @Override
            public void createQueue(EventQueue queue) {
                sqs.createQueue(queue.partition(), queue.name());
            }

            @Override
            public void send(EventQueue queue, String body, Duration delay) {
                sqs.send(queue.partition(), queue.name(), body, delay);
            }
        }, Clock.systemUTC());
    }

    /** Starts (or re-configures) sending; creates the queues that do not exist; restarts the seeded Random. */
    public void deliverTo(EventDelivery newDelivery) {
        synchronized (lock) {
            flushHeld();
            newDelivery.queues().forEach(sink::createQueue);
            this.delivery = newDelivery;
            this.random = new Random(newDelivery.seed());
        }
    }

    /** Stops sending; an event held back for reordering is sent first. */
    public void stop() {
        synchronized (lock) {
            flushHeld();
            this.delivery = null;
        }
    }

    public Optional<EventDelivery> delivery() {
        synchronized (lock) {
            return Optional.ofNullable(delivery);
        }
    }

    /** Counts since start, for the admin API: events made, messages sent, duplicate copies, events held back. */
    public Map<String, Object> status() {
        synchronized (lock) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("enabled", delivery != null);
            if (delivery != null) {
                out.put("queues", delivery.queues().stream().map(EventQueue::toString).toList());
                out.put("delayMillis", delivery.delay().toMillis());
                out.put("jitterMillis", delivery.jitter().toMillis());
                out.put("duplicates", delivery.duplicateProbability());
                out.put("reorder", delivery.reorderProbability());
                out.put("reorderHoldMillis", delivery.reorderHold().toMillis());
                out.put("seed", delivery.seed());
            }
            out.put("events", events);
            out.put("messages", messages);
            out.put("duplicateMessages", duplicates);
            out.put("heldBack", heldBack);
            return out;
        }
    }

    @Override
    public void accept(EstateChange change) {
        synchronized (lock) {
            if (delivery == null) {
                return;
            }
            Optional<EventBridgeEvent> event = ZeroEtlEvents.eventFor(change, clock.instant(), UUID.randomUUID());
            if (event.isEmpty()) {
                return;
            }
            events++;
            Planned planned = plan(event.get());
            boolean holdBack = random.nextDouble() < delivery.reorderProbability();
            if (held != null) {
                // the swap: the one held back goes after the one that came next
                Planned earlier = held;
                held = null;
                send(planned);
                send(earlier);
            } else if (holdBack) {
                held = planned;
                heldBack++;
                scheduleFlush(planned);
            } else {
                send(planned);
            }
        }
    }

    /** Always the same draws per event (duplicate?, two delays), whatever they decide: repeatable from the seed. */
    private Planned plan(EventBridgeEvent event) {
        boolean duplicate = random.nextDouble() < delivery.duplicateProbability();
        Duration first = delay();
        Duration second = delay();
        return new Planned(event, duplicate ? List.of(first, second) : List.of(first));
    }

    private Duration delay() {
        return delivery.delay().plusMillis(random.nextLong(delivery.jitter().toMillis() + 1));
    }

    private void send(Planned planned) {
        String body = planned.event().toJson();
        for (EventQueue queue : delivery.queues()) {
            for (Duration d : planned.delays()) {
                sink.send(queue, body, d);
                messages++;
            }
        }
        duplicates += (long) (planned.delays().size() - 1) * delivery.queues().size();
    }

    private void scheduleFlush(Planned planned) {
        if (flusher == null) {
            flusher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "simulator-event-reorder");
                t.setDaemon(true);
                return t;
            });
        }
        flusher.schedule(() -> {
            synchronized (lock) {
                if (held == planned) {
                    flushHeld();
                }
            }
        }, delivery.reorderHold().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void flushHeld() {
        if (held != null && delivery != null) {
            Planned p = held;
            held = null;
            send(p);
        }
    }

    /** Sends what is held back, then stops. */
    @Override
    public void close() {
        List<ScheduledExecutorService> toStop = new ArrayList<>();
        synchronized (lock) {
            flushHeld();
            delivery = null;
            if (flusher != null) {
                toStop.add(flusher);
                flusher = null;
            }
        }
        toStop.forEach(ScheduledExecutorService::shutdownNow);
    }
}
