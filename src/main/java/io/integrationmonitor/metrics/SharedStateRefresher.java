package io.integrationmonitor.metrics;

import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.Source;
import io.integrationmonitor.state.StateStore;
import io.integrationmonitor.state.TargetHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

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
                if (health.lastSuccess() != null) {
                    readiness.polledElsewhere(health.target());
                }
            }
            Map<PollTarget, List<KnownResource>> byTarget = store.allResources().stream()
                    .collect(Collectors.groupingBy(SharedStateRefresher::targetOf));
            for (PollTarget target : targets) {
                metrics.refresh(target, byTarget.getOrDefault(target, List.of()));
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

    private static PollTarget targetOf(KnownResource known) {
        var r = known.resource();
        return new PollTarget(Source.of(r.kind()), r.accountId(), r.region());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
