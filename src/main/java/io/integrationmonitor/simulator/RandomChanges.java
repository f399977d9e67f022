package io.integrationmonitor.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Flips random statuses at a steady rate, from a seed, to keep a long-running demo or soak test lively. */
public final class RandomChanges implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RandomChanges.class);
    private static final List<String> GLUE_TROUBLE = List.of("FAILED", "NEEDS_ATTENTION", "SYNCING", "MODIFYING");
    private static final List<String> RDS_TROUBLE = List.of("failed", "needs_attention", "syncing", "modifying");
    private static final List<String> EXECUTIONS = List.of("COMPLETED", "FAILED", "IN_PROGRESS");

    private final Estate estate;
    private final Random random;
    private final ScheduledExecutorService scheduler;

    /** Not started: call {@link #step()} to apply one change. */
    public RandomChanges(Estate estate, long seed) {
        this(estate, seed, null);
    }

    private RandomChanges(Estate estate, long seed, ScheduledExecutorService scheduler) {
        this.estate = estate;
        this.random = new Random(seed);
        this.scheduler = scheduler;
    }

    /** Applies {@code changesPerSecond} changes per second on a background thread until closed. */
    public static RandomChanges start(Estate estate, long seed, double changesPerSecond) {
        if (!(changesPerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive");
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "simulator-random-changes");
            t.setDaemon(true);
            return t;
        });
        RandomChanges changes = new RandomChanges(estate, seed, scheduler);
        long periodNanos = (long) (1e9 / changesPerSecond);
        scheduler.scheduleAtFixedRate(changes::stepQuietly, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        return changes;
    }

    /** Changes one randomly chosen resource; returns what it did, or null when the estate is empty. */
    public synchronized String step() {
        List<Partition> partitions = new ArrayList<>(estate.partitions());
        partitions.sort(Comparator.comparing(Partition::toString));
        List<Object> resources = new ArrayList<>();
        for (Partition p : partitions) {
            resources.addAll(estate.integrations(p));
            resources.addAll(estate.inboundIntegrations(p));
            resources.addAll(estate.associations(p));
            resources.addAll(estate.rdsIntegrations(p));
        }
        if (resources.isEmpty()) {
            return null;
        }
        Object picked = resources.get(random.nextInt(resources.size()));
        if (picked instanceof SimIntegration i) {
            String next = nextGlueStatus(i.status());
            estate.setIntegrationStatus(i.arn(), next, errorsFor(next));
            return i.name() + " -> " + next;
        }
        if (picked instanceof SimInboundIntegration i) {
            String next = nextGlueStatus(i.status());
            estate.setInboundStatus(i.arn(), next, errorsFor(next));
            return i.arn() + " -> " + next;
        }
        if (picked instanceof SimRdsIntegration i) {
            String next = "active".equals(i.status()) ? RDS_TROUBLE.get(random.nextInt(RDS_TROUBLE.size())) : "active";
            estate.setRdsStatus(i.arn(), next, errorsFor(next.toUpperCase(java.util.Locale.ROOT)));
            return i.name() + " -> " + next;
        }
        SimAssociation a = (SimAssociation) picked;
        String next = EXECUTIONS.get(random.nextInt(EXECUTIONS.size()));
        estate.setAssociationExecution(a.arn(), next,
                "FAILED".equals(next) ? "Source API returned HTTP 503 Service Unavailable" : null);
        return a.arn() + " -> " + next;
    }

    private void stepQuietly() {
        try {
            String change = step();
            if (change != null) {
                log.debug("random change: {}", change);
            }
        } catch (NoSuchElementException e) {
            // removed between listing and changing: nothing to do this tick
        }
    }

    private String nextGlueStatus(String current) {
        return "ACTIVE".equals(current) ? GLUE_TROUBLE.get(random.nextInt(GLUE_TROUBLE.size())) : "ACTIVE";
    }

    private static List<SimError> errorsFor(String status) {
        return switch (status) {
            case "FAILED" -> List.of(new SimError("SOURCE_CONNECTION_LOST", "Connection to the source was reset"));
            case "NEEDS_ATTENTION" -> List.of(new SimError("TARGET_CAPACITY_EXCEEDED",
                    "The target namespace ran out of capacity; increase base RPUs"));
            default -> List.of();
        };
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
