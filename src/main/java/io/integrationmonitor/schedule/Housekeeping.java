package io.integrationmonitor.schedule;

import io.integrationmonitor.state.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Hourly upkeep of the state store: events older than the retention are pruned. Harmless on every replica. */
public final class Housekeeping implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
    private static final Duration EVERY = Duration.ofHours(1);

    private final StateStore store;
    private final Duration eventRetention;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "housekeeping");
        t.setDaemon(true);
        return t;
    });

    public Housekeeping(StateStore store, Duration eventRetention, Clock clock) {
        this.store = store;
        this.eventRetention = eventRetention;
        this.clock = clock;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::runOnce, 1, EVERY.toMinutes(), TimeUnit.MINUTES);
    }

    /** One round; public for tests. */
    public int runOnce() {
        try {
            int pruned = store.pruneEventsBefore(clock.instant().minus(eventRetention));
            if (pruned > 0) {
                log.info("pruned {} events older than {}", pruned, eventRetention);
            }
            return pruned;
        } catch (RuntimeException e) {
            log.warn("pruning old events failed: {}", e.getMessage());
            return 0;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
