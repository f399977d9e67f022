package io.integrationmonitor.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IntervalSearchTest {

    @Test
    void bisectionNarrowsFromTheSaturatedCycleTimeToTwiceItAtOneSecondResolution() {
        // given a saturated cycle time of 10.4 s: between 10 s (failing) and 21 s (assumed sustaining)
        IntervalSearch search = IntervalSearch.between(10.4);
        assertThat(search).isEqualTo(new IntervalSearch(10, 21, false));

        // when trials at the middle say: 15 sustains, 12 fails, 13 fails, 14 sustains
        assertThat(search.next()).isEqualTo(15);
        search = search.after(15, true);
        assertThat(search.next()).isEqualTo(12);
        search = search.after(12, false);
        assertThat(search.next()).isEqualTo(13);
        search = search.after(13, false);
        assertThat(search.next()).isEqualTo(14);
        search = search.after(14, true);

        // then the shortest sustained interval is 14 s, tried, and nothing is left between 13 and 14
        assertThat(search).isEqualTo(new IntervalSearch(13, 14, true));
        assertThat(search.done()).isTrue();
        assertThatThrownBy(search::next).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTrialOutsideTheRangeOrAnEmptyRangeIsRefused() {
        assertThatThrownBy(() -> new IntervalSearch(10, 21, false).after(21, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IntervalSearch(5, 5, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTrialSustainsWithNinetyNinePercentOnTimeAndPollCountsWithinOne() {
        assertThat(IntervalSearch.sustains(0.99, 5, 6, 5)).isTrue();
        assertThat(IntervalSearch.sustains(0.989, 5, 5, 5)).isFalse();
        assertThat(IntervalSearch.sustains(1.0, 4, 6, 5)).isFalse();
    }

    @Test
    void withoutTheLagTimerTheCountsMustBeFairAndKeepUp() {
        // 5 intervals: every target needs at least 4 polls, within 1 of the others
        assertThat(IntervalSearch.sustains(Double.NaN, 4, 5, 5)).isTrue();
        assertThat(IntervalSearch.sustains(Double.NaN, 3, 4, 5)).isFalse();
        assertThat(IntervalSearch.sustains(Double.NaN, 4, 6, 5)).isFalse();
    }
}
