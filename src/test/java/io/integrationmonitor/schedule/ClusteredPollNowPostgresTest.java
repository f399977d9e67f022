package io.integrationmonitor.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.state.PostgresTestSchema;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link PollScheduler#pollNow} on a clustered schedule in PostgreSQL: one poll on one replica, whichever. */
class ClusteredPollNowPostgresTest {
    private static final Replica.ClusterSettings HOURLY =
            new Replica.ClusterSettings(Duration.ofHours(1), Duration.ofSeconds(1));

    private PostgresTestSchema schema;
    private final Deque<Replica> replicas = new ArrayDeque<>();

    @BeforeEach
    void createSchema() {
        schema = PostgresTestSchema.createOrSkip();
    }

    @AfterEach
    void stop() throws Exception {
        while (!replicas.isEmpty()) {
            replicas.pop().close();
        }
        schema.close();
    }

    @Test
    void aPollAskedForOnOneReplicaRunsOnceOnTheCluster() {
        // given two replicas of an hourly schedule whose first polls ran
        FakeAws aws = new FakeAws(2);
        PollTarget target = aws.targets().get(0);
        Replica a = replica("replica-a", aws).start();
        replica("replica-b", aws).start();
        await().atMost(Duration.ofSeconds(30)).until(() -> aws.targets().stream().allMatch(t -> aws.pollsOf(t) == 1));

        // when replica A is asked to poll one target now
        a.scheduler.pollNow(target.key());

        // then the cluster polls it once more, on one replica, and the other target not at all
        await().atMost(Duration.ofSeconds(30)).until(() -> aws.pollsOf(target) == 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> aws.pollsOf(target) == 2);
        assertThat(aws.pollsOf(aws.targets().get(1))).isEqualTo(1);
        assertThat(aws.maxRunningOfOneTarget()).isEqualTo(1);
    }

    private Replica replica(String name, FakeAws aws) {
        Replica replica = new Replica(name, schema, HOURLY, aws, aws.targets());
        replicas.push(replica);
        return replica;
    }
}
