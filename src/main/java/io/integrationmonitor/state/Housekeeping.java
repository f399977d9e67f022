package io.integrationmonitor.state;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Upkeep of the state store: hourly, events older than the retention are pruned; every few minutes the
 * embedded database file is compacted for a bounded time, so that it stays a small multiple of its rows.
 * Harmless on every replica.
 */
public final class Housekeeping implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);
    private static final Duration COMPACT_EVERY = Duration.ofMinutes(5);
    /** Writers wait for a compaction step, so each round is short; rounds add up between polls. */
    private static final Duration COMPACT_FOR = Duration.ofSeconds(1);

    private final StateStore store;
    private final Database database;
    private final Duration eventRetention;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "housekeeping");
        t.setDaemon(true);
        return t;
    });

    public Housekeeping(StateStore store, Database database, Duration eventRetention, Clock clock) {
        this.store = store;
        this.database = database;
        this.eventRetention = eventRetention;
        this.clock = clock;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::runOnce, 1, PRUNE_EVERY.toMinutes(), TimeUnit.MINUTES);
        timer.scheduleWithFixedDelay(this::compact, COMPACT_EVERY.toMinutes(), COMPACT_EVERY.toMinutes(),
                TimeUnit.MINUTES);
    }

    /** One pruning round, then a compaction round; public for tests. */
    public int runOnce() {
        int pruned = prune();
        compact();
        return pruned;
    }

    private int prune() {
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

    private void compact() {
        try {
            database.compact(COMPACT_FOR);
        } catch (RuntimeException e) {
            log.warn("{}", e.getMessage());
            log.debug("compaction failure", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
