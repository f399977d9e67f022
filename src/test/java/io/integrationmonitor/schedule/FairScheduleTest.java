package io.integrationmonitor.schedule;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link PollScheduler} on real in-memory Quartz with one poll thread and more work than fits the interval:
 * every job gets its turn, the long job starts first when all are due at once, and the lag is reported.
 */
class FairScheduleTest {
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    /** Four jobs of this length need 1.2 s of the one thread per 1 s interval: the schedule is saturated. */
    private static final Duration POLL = Duration.ofMillis(300);
    private static final int LOW = 5;
    private static final int HIGH = 10;

    private final List<String> started = new ArrayList<>();
    private final List<Duration> lags = new CopyOnWriteArrayList<>();
    private final List<String> lagged = new CopyOnWriteArrayList<>();
    private PollScheduler scheduler;

    @AfterEach
    void close() {
        scheduler.close();
    }

    @Test
    void aSaturatedScheduleGivesEveryJobItsTurnAndReportsTheLag() {
        // given four jobs on one thread that cannot all keep a 1 s interval
        SchedulePlan plan = plan(Map.of("a", LOW, "b", LOW, "c", LOW, "d", LOW), INTERVAL);
        schedule(plan, Instant.now());

        // when it runs for several intervals
        scheduler.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> startedCount() >= 20);

        // then no job fell behind the others: their poll counts differ by one at most
        Map<String, Integer> counts = counts();
        assertThat(counts).containsOnlyKeys("a", "b", "c", "d");
        assertThat(counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow()
                - counts.values().stream().mapToInt(Integer::intValue).min().orElseThrow())
                .as("polls per job %s", counts).isLessThanOrEqualTo(1);
        // and the scheduled polls started late, and said so
        assertThat(lags).isNotEmpty().anyMatch(lag -> lag.compareTo(Duration.ZERO) > 0);
        assertThat(lagged).containsOnly("a", "b", "c", "d");
    }

    @Test
    void theLongJobStartsFirstWhenAllAreDueAtOnce() {
        // given three short jobs and a long one whose key sorts last, all first polled at the same instant
        SchedulePlan plan = plan(Map.of("a", LOW, "b", LOW, "c", LOW, "z-long", HIGH), Duration.ofHours(1));
        schedule(plan, Instant.now());

        // when the one thread takes them
        scheduler.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> startedCount() == 4);

        // then the long one went first, the others by key; none of these first polls is schedule lag
        assertThat(startedInOrder()).containsExactly("z-long", "a", "b", "c");
        assertThat(lags).isEmpty();
    }

    @Test
    void aPollFiredNowIsNoScheduleLag() {
        // given an hourly job whose first poll has run
        SchedulePlan plan = plan(Map.of("a", LOW), Duration.ofHours(1));
        schedule(plan, Instant.now());
        scheduler.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> startedCount() == 1);

        // when it is polled now on request
        scheduler.pollNow("a");

        // then it ran, and the listener heard of neither poll
        await().atMost(Duration.ofSeconds(10)).until(() -> startedCount() == 2);
        assertThat(lags).isEmpty();
    }

    private static SchedulePlan plan(Map<String, Integer> priorities, Duration interval) {
        return SchedulePlan.of(priorities.entrySet().stream()
                .map(e -> new SchedulePlan.Job(e.getKey(), interval, e.getValue())).toList());
    }

    private void schedule(SchedulePlan plan, Instant firstRunAt) {
        scheduler = new PollScheduler(QuartzSettings.inMemory("fair-schedule-test", 1, plan.shortestInterval()),
                Duration.ofSeconds(5), (key, lag) -> {
                    lagged.add(key);
                    lags.add(lag);
                });
        for (PlannedJob job : plan.jobs()) {
            scheduler.schedule(job, () -> poll(job.key()), firstRunAt);
        }
    }

    private void poll(String key) {
        synchronized (started) {
            started.add(key);
        }
        try {
            Thread.sleep(POLL.toMillis()); // a poll's work, so that the one thread is busy
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int startedCount() {
        synchronized (started) {
            return started.size();
        }
    }

    private List<String> startedInOrder() {
        synchronized (started) {
            return List.copyOf(started);
        }
    }

    private Map<String, Integer> counts() {
        Map<String, Integer> counts = new HashMap<>();
        for (String key : startedInOrder()) {
            counts.merge(key, 1, Integer::sum);
        }
        return counts;
    }
}
