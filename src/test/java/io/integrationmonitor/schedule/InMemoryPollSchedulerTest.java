package io.integrationmonitor.schedule;

import io.integrationmonitor.config.StuckConfig;
import io.integrationmonitor.detect.Detector;
import io.integrationmonitor.detect.EventBus;
import io.integrationmonitor.pipeline.PollRunner;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.state.Database;
import io.integrationmonitor.state.JdbcStateStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class InMemoryPollSchedulerTest {

    @Test
    void twoSchedulersOfTheSameNameInOneProcessRunTheirOwnTargets() throws Exception {
        // given two monitors in one JVM (as in end-to-end tests), one target each, the first one closed early
        FakeAws aws = new FakeAws(2);
        try (Database database = Database.inMemory(); JdbcStateStore store = new JdbcStateStore(database)) {
            PollScheduler first = scheduler(aws, "first", 0, store);
            PollScheduler second = scheduler(aws, "second", 1, store);

            // when
            first.start();
            second.start();
            awaitUntil(() -> aws.pollsBy("first") >= 1 && aws.pollsBy("second") >= 1);
            first.close();
            long before = aws.pollsOf(aws.targets().get(1));

            // then the second still polls: Quartz did not hand both the same scheduler
            awaitUntil(() -> aws.pollsOf(aws.targets().get(1)) >= before + 2);
            second.close();
            assertThat(aws.polls()).allSatisfy(p ->
                    assertThat(p.target()).isEqualTo(aws.targets().get(p.replica().equals("first") ? 0 : 1)));
        }
    }

    private static PollScheduler scheduler(FakeAws aws, String name, int target, JdbcStateStore store) {
        PollTarget polled = aws.targets().get(target);
        SchedulePlan plan = SchedulePlan.of(List.of(new SchedulePlan.Job(polled.key(), Duration.ofMillis(300), 5)));
        PollScheduler scheduler = new PollScheduler(QuartzSettings.inMemory("integration-monitor", 1,
                plan.shortestInterval()), Duration.ofSeconds(5));
        PollRunner runner = new PollRunner(aws.pollerFor(name, polled), store, new Detector(StuckConfig.defaults()),
                new EventBus(), Clock.systemUTC());
        scheduler.schedule(plan.job(polled.key()), runner::runOnce, Instant.now());
        return scheduler;
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
    }
}
