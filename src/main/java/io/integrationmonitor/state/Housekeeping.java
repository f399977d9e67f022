package io.integrationmonitor.state;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Upkeep of the state store: hourly, events older than the retention are pruned (and event receipts past
 * {@code events.dedup_window}, with the tables whose last event is that old and that are not failing); every few minutes the
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
    private final TableIngestionStore tables;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "housekeeping");
        t.setDaemon(true);
        return t;
    });

    public Housekeeping(StateStore store, Database database, Duration eventRetention, Clock clock) {
        this(store, database, eventRetention, clock, null);
    }

    /** @param tables whose expired event receipts (and old completed tables) are pruned too; null: none */
    public Housekeeping(StateStore store, Database database, Duration eventRetention, Clock clock,
                        TableIngestionStore tables) {
        this.store = store;
        this.database = database;
        this.eventRetention = eventRetention;
        this.clock = clock;
        this.tables = tables;
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
        return pruneEvents() + pruneReceipts();
    }

    private int pruneReceipts() {
        if (tables == null) {
            return 0;
        }
        try {
            int pruned = tables.prune(clock.instant());
            if (pruned > 0) {
                log.info("pruned {} expired event receipts and tables", pruned);
            }
            return pruned;
        } catch (RuntimeException e) {
            log.warn("pruning event receipts failed: {}", e.getMessage());
            return 0;
        }
    }

    private int pruneEvents() {
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
