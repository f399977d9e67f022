package io.integrationmonitor.metrics;

import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.state.StateStore;
import io.integrationmonitor.state.TargetHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Clustered mode: each poll runs on one replica only, so every replica periodically reads the shared store
 * to serve the full resource state on {@code /metrics} and to turn ready once the cluster has polled every
 * target. Single-instance mode does not need it: the local event bus sees every poll.
 */
public final class SharedStateRefresher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SharedStateRefresher.class);

    private final StateStore store;
    private final ResourceStateMetrics metrics;
    private final Readiness readiness;
    private final Collection<PollTarget> targets;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "shared-state-refresh");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean failing;

    public SharedStateRefresher(StateStore store, ResourceStateMetrics metrics, Readiness readiness,
                                Collection<PollTarget> targets) {
        this.store = store;
        this.metrics = metrics;
        this.readiness = readiness;
        this.targets = List.copyOf(targets);
    }

    public void start(Duration every) {
        timer.scheduleWithFixedDelay(this::refreshOnce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One refresh; public for tests. Store failures are logged once per streak and retried next time. */
    public void refreshOnce() {
        try {
            for (TargetHealth health : store.targetHealth()) {
                if (health.lastSuccess() != null || health.notPermitted()) {
                    readiness.polledElsewhere(health.target());
                }
            }
            // by the target's own key: a resource's account may differ from its target's (labelled from its ARN)
            for (PollTarget target : targets) {
                metrics.refresh(target, List.copyOf(store.knownResources(target).values()));
            }
            if (failing) {
                log.info("reading the shared state works again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("cannot read the shared state for metrics: {}; retrying", e.getMessage());
                failing = true;
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
