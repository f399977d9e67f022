package io.integrationmonitor.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.integrationmonitor.config.StuckConfig;
import io.integrationmonitor.detect.Detector;
import io.integrationmonitor.detect.EventBus;
import io.integrationmonitor.pipeline.PollRunner;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.state.Database;
import io.integrationmonitor.state.JdbcStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link PollScheduler#pollNow}: a target's job fired outside its schedule, at most one pending at a time. */
class PollNowTest {
    private static final Duration HOURLY = Duration.ofHours(1);

    private final FakeAws aws = new FakeAws(2);
    private final Database database = Database.inMemory();
    private final JdbcStateStore store = new JdbcStateStore(database);
    private final SchedulePlan plan = SchedulePlan.of(aws.targets().stream()
            .map(t -> new SchedulePlan.Job(t.key(), HOURLY, 5)).toList());
    private final PollScheduler scheduler = new PollScheduler(QuartzSettings.inMemory("poll-now-test", 2,
            plan.shortestInterval()), Duration.ofSeconds(5));

    PollNowTest() {
        // the first poll an hour away, the schedule after it
        Instant inAnHour = Instant.now().plus(HOURLY);
        for (PollTarget target : aws.targets()) {
            PollRunner runner = new PollRunner(aws.pollerFor("only", target), store,
                    new Detector(StuckConfig.defaults()), new EventBus(), Clock.systemUTC());
            scheduler.schedule(plan.job(target.key()), runner::runOnce, inAnHour);
        }
    }

    @AfterEach
    void close() {
        scheduler.close();
        database.close();
    }

    @Test
    void aTargetPolledHourlyIsPolledNowWhenAsked() {
        // given an hourly schedule whose first poll is an hour away
        PollTarget target = aws.targets().get(0);
        scheduler.start();

        // when
        scheduler.pollNow(target.key());

        // then that target alone is polled, at once
        await().atMost(Duration.ofSeconds(10)).until(() -> aws.pollsOf(target) == 1);
        assertThat(aws.pollsOf(aws.targets().get(1))).isZero();
    }

    @Test
    void aPollAskedForWhileOneIsPendingIsTheSamePoll() {
        // given a scheduler not firing yet, asked three times for the same target
        PollTarget target = aws.targets().get(0);
        scheduler.pollNow(target.key());
        scheduler.pollNow(target.key());
        scheduler.pollNow(target.key());

        // when it starts firing
        scheduler.start();

        // then one poll ran, and no other follows
        await().atMost(Duration.ofSeconds(10)).until(() -> aws.pollsOf(target) == 1);
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2)).until(() -> aws.pollsOf(target) == 1);

        // and once it ran, the next ask is a new poll
        scheduler.pollNow(target.key());
        await().atMost(Duration.ofSeconds(10)).until(() -> aws.pollsOf(target) == 2);
        assertThat(aws.maxRunningOfOneTarget()).isEqualTo(1);
    }

    @Test
    void aTargetThatIsNotScheduledIsNoError() {
        // given
        scheduler.start();

        // when asked for a target no job polls, then nothing is polled and nothing thrown
        scheduler.pollNow("glue_integrations/000000000000/nowhere-1");
        scheduler.pollNow(aws.targets().get(1).key());
        await().atMost(Duration.ofSeconds(10)).until(() -> aws.pollsOf(aws.targets().get(1)) == 1);
        assertThat(aws.pollsOf(aws.targets().get(0))).isZero();
    }
}
