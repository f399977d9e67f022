package io.integrationmonitor.alert;

import io.integrationmonitor.alert.evaluate.Json;
import io.integrationmonitor.alert.outbox.Outbox;
import io.integrationmonitor.detect.Detection;
import io.integrationmonitor.detect.PollCompleted;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.Source;
import io.integrationmonitor.state.Database;
import io.integrationmonitor.state.Jdbc;
import io.integrationmonitor.state.JdbcStateStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.integrationmonitor.alert.Polls.glue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas, each with its own pool on one database, evaluate the two listings of one integration at the
 * same moment, while the primary listing starts and stops listing it: ownership changes hands under them,
 * and still nobody is told twice. Subclasses provide the database (PostgreSQL, H2).
 */
abstract class SharedArnClusteredContract {
    private static final PollTarget INBOUND = new PollTarget(Source.GLUE_INBOUND_INTEGRATIONS, Polls.ACCOUNT,
            Polls.REGION);
    private static final String YAML = """
            alerting:
              receivers: [{name: rec, log: {}}]
            """;

    /** A new pool on the shared database, migrated. */
    abstract Database openReplicaDatabase();

    /** Runs after every pool is closed. */
    void dropDatabase() throws Exception {
    }

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        dropDatabase();
    }

    private final class Replica {
        final Database database;
        final Alerting alerting;
        final JdbcStateStore store;

        Replica(String id) {
            database = openReplicaDatabase();
            open.add(database);
            alerting = Alerting.create(AlertingHarness.config(YAML), database,
                    Map.of("rec", new RecordingReceiver("rec")), new SimpleMeterRegistry(), Clock.systemUTC(), id);
            open.add(alerting);
            store = new JdbcStateStore(database);
        }

        /** Commits the poll, then evaluates it, as the poll runner does; false when the evaluation rolled back. */
        boolean poll(PollCompleted poll) {
            store.applyPoll(poll.target(), known -> new Detection.Result(poll.current(), poll.events()));
            try {
                alerting.engine().onPollCompleted(poll);
                return true;
            } catch (RuntimeException e) {
                return false; // taken over meanwhile, or a deadlock the database broke: the next poll catches up
            }
        }
    }

    private static ObservedResource inbound(String name, String status) {
        ObservedResource r = glue(name, status);
        return new ObservedResource(ResourceKind.GLUE_INBOUND_INTEGRATION, r.arn(), r.name(), r.accountId(),
                r.region(), r.status(), r.errors(), r.attributes(), r.tags(), null);
    }

    @Test
    void handOversRacingOnTwoReplicasNeverNotifyTwice() throws Exception {
        // given two replicas, and an integration FAILED in the inbound listing throughout
        Replica a = new Replica("replica-a");
        Replica b = new Replica("replica-b");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        AtomicInteger rolledBack = new AtomicInteger();
        Instant at = Instant.now();
        try {
            // when the primary listing lists it in every other round, both listings polled at the same moment
            for (int round = 0; round < 30; round++) {
                at = at.plusSeconds(1);
                PollCompleted primary = round % 2 == 0 ? Polls.completed(at, List.of(glue("orders", "FAILED")))
                        : Polls.completed(at, List.of());
                PollCompleted secondary = Polls.completed(INBOUND, at, List.of(inbound("orders", "FAILED")));
                Replica first = round % 3 == 0 ? a : b;
                Replica second = first == a ? b : a;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> both = List.of(
                        pool.submit(() -> {
                            go.await();
                            return first.poll(primary);
                        }),
                        pool.submit(() -> {
                            go.await();
                            return second.poll(secondary);
                        }));
                go.countDown();
                for (Future<Boolean> f : both) {
                    if (!f.get(30, TimeUnit.SECONDS)) {
                        rolledBack.incrementAndGet();
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        // and one last round one after the other (catches up whatever rolled back)
        at = at.plusSeconds(1);
        assertThat(a.poll(Polls.completed(at, List.of(glue("orders", "FAILED"))))).isTrue();
        assertThat(b.poll(Polls.completed(INBOUND, at, List.of(inbound("orders", "FAILED"))))).isTrue();

        // then the integration fired once, never resolved, and is one alert, held by its primary listing
        Outbox outbox = new Outbox(new Jdbc(a.database.dataSource()), Json.newMapper());
        assertThat(outbox.entries("rec")).extracting(e -> e.notification().title())
                .as("notifications (%d evaluations rolled back)", rolledBack.get())
                .containsExactly("[FIRING] orders FAILED");
        assertThat(a.alerting.engine().alerts()).singleElement().satisfies(v -> {
            assertThat(v.firing()).isTrue();
            assertThat(v.alert().targetKey()).isEqualTo(Polls.TARGET.key());
        });
    }
}
