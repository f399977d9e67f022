package io.integrationmonitor.schedule;

import io.integrationmonitor.config.ClusterConfig;
import io.integrationmonitor.config.StuckConfig;
import io.integrationmonitor.detect.Detector;
import io.integrationmonitor.detect.EventBus;
import io.integrationmonitor.pipeline.PollRunner;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.state.Database;
import io.integrationmonitor.state.JdbcStateStore;
import io.integrationmonitor.state.PostgresTestSchema;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** One monitor replica as the composition root builds it in clustered mode, minus AWS and HTTP. */
final class Replica implements AutoCloseable {
    static final String CLUSTER_NAME = "integration-monitor";

    final String name;
    final Database database;
    final JdbcStateStore store;
    final PollScheduler scheduler;
    /** The lags of the scheduled polls this replica started. */
    final List<Duration> lags = new CopyOnWriteArrayList<>();

    Replica(String name, PostgresTestSchema schema, ClusterSettings settings, FakeAws aws, List<PollTarget> targets) {
        this.name = name;
        ClusterConfig cluster = new ClusterConfig(true, schema.jdbcUrl(), schema.user(), schema.password(), 8,
                settings.checkinInterval(), name);
        this.database = Database.postgres(cluster.jdbcUrl(), cluster.username(), cluster.password(), cluster.poolSize());
        this.store = new JdbcStateStore(database);
        SchedulePlan plan = SchedulePlan.of(targets.stream()
                .map(t -> new SchedulePlan.Job(t.key(), settings.interval(), 5)).toList());
        this.scheduler = new PollScheduler(QuartzSettings.clustered(CLUSTER_NAME, 3, cluster, plan.shortestInterval()),
                database.dataSource(), Duration.ofSeconds(5), (key, lag) -> lags.add(lag));
        Detector detector = new Detector(StuckConfig.defaults());
        EventBus bus = new EventBus();
        Instant now = Instant.now();
        for (PollTarget target : targets) {
            PollRunner runner = new PollRunner(aws.pollerFor(name, target), store, detector, bus, Clock.systemUTC());
            scheduler.schedule(plan.job(target.key()), runner::runOnce, now);
        }
    }

    Replica start() {
        scheduler.start();
        return this;
    }

    /** As good as a crash: its connections are cut first, then its threads stop without any clean-up. */
    void kill() {
        database.close();
        scheduler.halt();
    }

    @Override
    public void close() {
        scheduler.close();
        store.close();
        database.close();
    }

    record ClusterSettings(Duration interval, Duration checkinInterval) {
    }
}
