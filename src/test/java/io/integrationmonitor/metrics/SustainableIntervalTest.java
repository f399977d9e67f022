package io.integrationmonitor.metrics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SustainableIntervalTest {

    @Test
    void theRoundsWorkSpreadOverThePollThreads() {
        // given six polls of 10 s each and four threads
        List<Duration> last = List.of(sec(10), sec(10), sec(10), sec(10), sec(10), sec(10));

        // then a round needs 60 s / 4 threads
        assertThat(SustainableInterval.estimate(last, 4)).isEqualTo(sec(15));
    }

    @Test
    void neverShorterThanTheLongestPoll() {
        // given one long poll among short ones, on many threads
        List<Duration> last = List.of(sec(44), sec(1), sec(1));

        // then one thread runs the long poll for its whole length
        assertThat(SustainableInterval.estimate(last, 16)).isEqualTo(sec(44));
    }

    @Test
    void nothingPolledYetIsZeroAndNoThreadsIsRefused() {
        assertThat(SustainableInterval.estimate(List.of(), 2)).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> SustainableInterval.estimate(List.of(sec(1)), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Duration sec(long s) {
        return Duration.ofSeconds(s);
    }
}
