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
import java.util.List;

/** One monitor replica as the composition root builds it in clustered mode, minus AWS and HTTP. */
final class Replica implements AutoCloseable {
    static final String CLUSTER_NAME = "integration-monitor";

    final String name;
    final Database database;
    final JdbcStateStore store;
    final PollScheduler scheduler;

    Replica(String name, PostgresTestSchema schema, ClusterSettings settings, FakeAws aws, List<PollTarget> targets) {
        this.name = name;
        ClusterConfig cluster = new ClusterConfig(true, schema.jdbcUrl(), schema.user(), schema.password(), 8,
                settings.checkinInterval(), name);
        this.database = Database.postgres(cluster.jdbcUrl(), cluster.username(), cluster.password(), cluster.poolSize());
        this.store = new JdbcStateStore(database);
        this.scheduler = new PollScheduler(QuartzSettings.clustered(CLUSTER_NAME, 3, cluster), database.dataSource(),
                Duration.ofSeconds(5));
        Detector detector = new Detector(StuckConfig.defaults());
        EventBus bus = new EventBus();
        for (PollTarget target : targets) {
            PollRunner runner = new PollRunner(aws.pollerFor(name, target), store, detector, bus, Clock.systemUTC());
            scheduler.schedule(runner, settings.interval(), Duration.ZERO);
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
