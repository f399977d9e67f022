package io.integrationmonitor.alert;

import io.integrationmonitor.testing.MutableClock;
import io.integrationmonitor.alert.evaluate.Json;
import io.integrationmonitor.alert.outbox.Outbox;
import io.integrationmonitor.alert.receiver.Receiver;
import io.integrationmonitor.alert.receiver.Receivers;
import io.integrationmonitor.alert.receiver.HttpDelivery;
import io.integrationmonitor.config.AlertingConfig;
import io.integrationmonitor.events.TableIngestion;
import io.integrationmonitor.events.TableIngestions.Outcome;
import io.integrationmonitor.state.Database;
import io.integrationmonitor.state.Jdbc;
import io.integrationmonitor.state.PostgresTestSchema;
import io.integrationmonitor.state.TableIngestionDecider;
import io.integrationmonitor.state.TableIngestionStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Two replicas on one PostgreSQL receive the same table event at once: it is applied, and notified, once. */
class TableIngestionAlertsPostgresTest {
    private static final String YAML = """
            alerting:
              receivers:
                - name: oncall
                  log: {}
            """;

    private final MutableClock clock = new MutableClock(AlertingHarness.T0);
    private final List<AutoCloseable> opened = new ArrayList<>();
    private PostgresTestSchema schema;
    private Database database;

    @BeforeEach
    void setUp() {
        schema = PostgresTestSchema.createOrSkip();
        database = schema.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        Collections.reverse(opened);
        for (AutoCloseable c : opened) {
            c.close();
        }
        database.close();
        schema.close();
    }

    private TableIngestionAlerts replica(String name) {
        AlertingConfig config = AlertingHarness.config(YAML);
        Database own = schema.open();
        opened.add(own);
        Map<String, Receiver> receivers = Receivers.create(config, r -> null, HttpDelivery.defaultClient(), clock);
        Alerting alerting = Alerting.create(config, own, receivers, new SimpleMeterRegistry(), clock, name);
        opened.add(alerting);
        TableIngestionStore tables = new TableIngestionStore(own, new TableIngestionDecider(), 10,
                Duration.ofHours(24), clock);
        return alerting.tableIngestions(tables, d -> { });
    }

    @Test
    void aRaceOnOneEventIdAppliesItOnceWithOneNotification() throws Exception {
        TableIngestionAlerts a = replica("a");
        TableIngestionAlerts b = replica("b");
        TableIngestion event = new TableIngestion("race", clock.instant(), Polls.ACCOUNT, Polls.REGION,
                Polls.arn("orders-zetl"), "orders", true, "SchemaMismatch", "column x");
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Outcome>> both = List.of(
                    () -> {
                        start.await(10, TimeUnit.SECONDS);
                        return a.apply(event);
                    },
                    () -> {
                        start.await(10, TimeUnit.SECONDS);
                        return b.apply(event);
                    });
            List<Future<Outcome>> outcomes = pool.invokeAll(both, 30, TimeUnit.SECONDS);

            assertThat(List.of(outcomes.get(0).get(), outcomes.get(1).get()))
                    .containsExactlyInAnyOrder(Outcome.APPLIED, Outcome.DUPLICATE);
        } finally {
            pool.shutdownNow();
        }
        Outbox outbox = new Outbox(new Jdbc(database.dataSource()), Json.newMapper());
        assertThat(outbox.entries("oncall")).hasSize(1);
    }
}
