package io.integrationmonitor.schedule;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchedulePlanTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void theJobsOfOneIntervalAreSpreadEvenlyEachSlotOnce() {
        // given four jobs of one interval, not in key order
        List<SchedulePlan.Job> jobs = List.of(job("d", MINUTE), job("b", MINUTE), job("a", MINUTE), job("c", MINUTE));

        // when
        SchedulePlan plan = SchedulePlan.of(jobs);

        // then a quarter of the interval apart, ranked by key and stepped by the stride (3 of 4)
        assertThat(List.of("a", "b", "c", "d")).extracting(k -> plan.job(k).offset()).containsExactly(
                Duration.ZERO, Duration.ofSeconds(45), Duration.ofSeconds(30), Duration.ofSeconds(15));
    }

    @Test
    void keysThatSortTogetherAreSpreadOverTheWholeInterval() {
        // given 150 targets of each of three sources (keys start with the source), as in a 50-account estate
        List<SchedulePlan.Job> jobs = new ArrayList<>();
        for (String source : List.of("appintegrations_associations", "glue_inbound_integrations", "glue_integrations")) {
            for (int i = 0; i < 150; i++) {
                jobs.add(job(source + "/" + (100000000000L + i / 3) + "/region-" + i % 3, MINUTE));
            }
        }

        // when
        SchedulePlan plan = SchedulePlan.of(jobs);

        // then every slot is taken once, and each fifth of the interval holds 30 +- 8 jobs of every source (in key order
        // they would fill one third of it each)
        assertThat(plan.jobs()).extracting(PlannedJob::offset).doesNotHaveDuplicates()
                .allSatisfy(o -> assertThat(o.toMillis()).isEqualTo(MINUTE.toMillis() * Math.round(o.toMillis() * 450.0
                        / MINUTE.toMillis()) / 450));
        for (String source : List.of("appintegrations_associations", "glue_inbound_integrations", "glue_integrations")) {
            int[] perFifth = new int[5];
            plan.jobs().stream().filter(j -> j.key().startsWith(source + "/"))
                    .forEach(j -> perFifth[(int) (j.offset().toMillis() * 5 / MINUTE.toMillis())]++);
            assertThat(java.util.Arrays.stream(perFifth).boxed().toList()).as(source).allSatisfy(n -> assertThat(n).isBetween(22, 38));
        }
    }

    @Test
    void theSameJobsInAnyOrderGiveTheSamePlan() {
        // given the same jobs in two orders, as two replicas or two restarts may list them
        List<SchedulePlan.Job> jobs = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            jobs.add(job("glue_integrations/" + (100000000000L + i) + "/eu-west-1", MINUTE));
        }
        List<SchedulePlan.Job> shuffled = new ArrayList<>(jobs);
        Collections.reverse(shuffled);

        // then every job has the same place in both
        SchedulePlan one = SchedulePlan.of(jobs);
        SchedulePlan other = SchedulePlan.of(shuffled);
        assertThat(other.jobs()).containsExactlyInAnyOrderElementsOf(one.jobs());
        assertThat(one.jobs()).extracting(PlannedJob::offset).doesNotHaveDuplicates();
    }

    @Test
    void eachIntervalIsSpreadOnItsOwn() {
        // given two jobs at a minute and one at five minutes
        SchedulePlan plan = SchedulePlan.of(List.of(job("a", MINUTE), job("b", MINUTE), job("c", Duration.ofMinutes(5))));

        // then the minute pair is half a minute apart and the lone five-minute job at offset 0
        assertThat(plan.job("a").offset()).isEqualTo(Duration.ZERO);
        assertThat(plan.job("b").offset()).isEqualTo(Duration.ofSeconds(30));
        assertThat(plan.job("c").offset()).isEqualTo(Duration.ZERO);
        assertThat(plan.shortestInterval()).isEqualTo(MINUTE);
    }

    @Test
    void slotsAreCountedFromTheEpochSoEveryStartAgrees() {
        // given a job at offset 15 s of a minute
        PlannedJob job = new PlannedJob("a", MINUTE, Duration.ofSeconds(15), 5);

        // then its slots are at :15 of every minute, whenever asked
        assertThat(job.firstSlotAtOrAfter(Instant.parse("2026-12-03T10:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-03T10:00:15Z"));
        assertThat(job.firstSlotAtOrAfter(Instant.parse("2026-12-03T10:00:15Z")))
                .as("a slot itself").isEqualTo(Instant.parse("2026-12-03T10:00:15Z"));
        assertThat(job.firstSlotAtOrAfter(Instant.parse("2026-12-03T10:00:15.000001Z")))
                .as("just after a slot").isEqualTo(Instant.parse("2026-12-03T10:01:15Z"));
        assertThat(job.firstSlotAtOrAfter(Instant.parse("2026-12-03T10:00:59.999Z")))
                .isEqualTo(Instant.parse("2026-12-03T10:01:15Z"));
        assertThat(job.onPhase(Instant.parse("1970-01-01T00:00:15Z"))).isTrue();
        assertThat(job.onPhase(Instant.parse("2026-12-03T10:00:16Z"))).isFalse();
    }

    @Test
    void theRepeatingScheduleStartsAtTheFirstSlotHalfAnIntervalAfterTheFirstPoll() {
        // given a job at offset 15 s of a minute
        PlannedJob job = new PlannedJob("a", MINUTE, Duration.ofSeconds(15), 5);

        // then the first slot at least 30 s after the first poll
        assertThat(job.repeatingStart(Instant.parse("2026-12-03T10:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-03T10:01:15Z"));
        assertThat(job.repeatingStart(Instant.parse("2026-12-03T09:59:45Z")))
                .isEqualTo(Instant.parse("2026-12-03T10:00:15Z"));
        assertThat(job.repeatingStart(Instant.parse("2026-12-03T09:59:45.001Z")))
                .isEqualTo(Instant.parse("2026-12-03T10:01:15Z"));
    }

    @Test
    void prioritiesAreThePlansInput() {
        // given a long job and a short one due at the same offset
        SchedulePlan plan = SchedulePlan.of(List.of(new SchedulePlan.Job("long", MINUTE, 10),
                new SchedulePlan.Job("short", Duration.ofSeconds(30), 5)));

        // then each keeps its priority
        assertThat(plan.job("long").priority()).isEqualTo(10);
        assertThat(plan.job("short").priority()).isEqualTo(5);
    }

    @Test
    void aKeyTwiceOrAnOffsetOutsideTheIntervalIsRefused() {
        assertThatThrownBy(() -> SchedulePlan.of(List.of(job("a", MINUTE), job("a", Duration.ofMinutes(2)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two jobs are keyed a");
        assertThatThrownBy(() -> new PlannedJob("a", MINUTE, MINUTE, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SchedulePlan.of(List.of()).job("a")).isInstanceOf(IllegalArgumentException.class);
    }

    private static SchedulePlan.Job job(String key, Duration interval) {
        return new SchedulePlan.Job(key, interval, 5);
    }
}
