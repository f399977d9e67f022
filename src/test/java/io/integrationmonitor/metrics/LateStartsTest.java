package io.integrationmonitor.metrics;

import io.integrationmonitor.metrics.LateStarts.Notice;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LateStartsTest {
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final LateStarts starts = new LateStarts();

    @Test
    void lateMeansOverOneSecondOrTenPercentOfTheInterval() {
        assertThat(LateStarts.isLate(Duration.ofMillis(1000), Duration.ofSeconds(5))).isFalse();
        assertThat(LateStarts.isLate(Duration.ofMillis(1001), Duration.ofSeconds(5))).isTrue();
        assertThat(LateStarts.isLate(Duration.ofSeconds(6), MINUTE)).isFalse();
        assertThat(LateStarts.isLate(Duration.ofMillis(6001), MINUTE)).isTrue();
    }

    @Test
    void anEpisodeIsToldOnceWhenItBeginsAndOnceWhenAWholeIntervalHadNoLateStart() {
        // given on-time starts: nothing to tell
        assertThat(starts.started(T0, Duration.ofMillis(200), MINUTE)).isEqualTo(Notice.NONE);

        // when polls start late, again and again
        assertThat(starts.started(T0.plusSeconds(10), Duration.ofSeconds(20), MINUTE)).isEqualTo(Notice.FALLING_BEHIND);
        assertThat(starts.started(T0.plusSeconds(20), Duration.ofSeconds(30), MINUTE)).isEqualTo(Notice.NONE);
        assertThat(starts.started(T0.plusSeconds(30), Duration.ofSeconds(40), MINUTE)).isEqualTo(Notice.NONE);

        // then on-time starts within an interval of the last late one say nothing yet
        assertThat(starts.started(T0.plusSeconds(60), Duration.ZERO, MINUTE)).isEqualTo(Notice.NONE);
        assertThat(starts.started(T0.plusSeconds(89), Duration.ZERO, MINUTE)).isEqualTo(Notice.NONE);
        // and the first one a whole interval after it says back on schedule, once
        assertThat(starts.started(T0.plusSeconds(90), Duration.ZERO, MINUTE)).isEqualTo(Notice.BACK_ON_SCHEDULE);
        assertThat(starts.started(T0.plusSeconds(200), Duration.ZERO, MINUTE)).isEqualTo(Notice.NONE);

        // and a new late start is a new episode
        assertThat(starts.started(T0.plusSeconds(300), Duration.ofSeconds(9), MINUTE)).isEqualTo(Notice.FALLING_BEHIND);
    }

    @Test
    void theQuietIntervalIsTheLongestOfTheEpisodesLateJobs() {
        // given a late five-minute job and a late one-minute job in one episode
        starts.started(T0, Duration.ofSeconds(40), Duration.ofMinutes(5));
        starts.started(T0.plusSeconds(10), Duration.ofSeconds(20), MINUTE);

        // then a minute of on-time one-minute polls is not enough
        assertThat(starts.started(T0.plusSeconds(120), Duration.ZERO, MINUTE)).isEqualTo(Notice.NONE);
        assertThat(starts.started(T0.plusSeconds(310), Duration.ZERO, MINUTE)).isEqualTo(Notice.BACK_ON_SCHEDULE);
        assertThat(starts.quietFor()).isEqualTo(Duration.ofMinutes(5));
    }
}
