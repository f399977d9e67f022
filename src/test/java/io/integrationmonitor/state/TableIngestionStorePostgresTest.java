package io.integrationmonitor.state;

import io.integrationmonitor.events.TableIngestion;
import io.integrationmonitor.events.TableIngestions.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.integrationmonitor.state.TableIngestionDeciderTest.T0;
import static io.integrationmonitor.state.TableIngestionDeciderTest.failed;
import static org.assertj.core.api.Assertions.assertThat;

/** The contract on PostgreSQL, each test in its own schema, and replicas racing on one event id. */
class TableIngestionStorePostgresTest extends TableIngestionStoreContract {
    private PostgresTestSchema schema;

    @Override
    Database openDatabase() {
        if (schema == null) {
            schema = PostgresTestSchema.createOrSkip();
        }
        return schema.open();
    }

    @Override
    void cleanUp() throws Exception {
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void twoReplicasApplyingOneIdConcurrentlyApplyItOnce() throws Exception {
        TableIngestion event = failed("race", T0, "orders", "X", "y");
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<Outcome> replica = () -> {
            start.await(10, TimeUnit.SECONDS);
            return tables.apply(event).outcome();
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Outcome>> outcomes = pool.invokeAll(List.of(replica, replica), 30, TimeUnit.SECONDS);

            assertThat(List.of(outcomes.get(0).get(), outcomes.get(1).get()))
                    .containsExactlyInAnyOrder(Outcome.APPLIED, Outcome.DUPLICATE);
        } finally {
            pool.shutdownNow();
        }
    }
}
