package io.integrationmonitor.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequestRateTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstGoesAtOnceThenRequestsAreSpacedByTheRate() {
        // given 2 per second after a burst of 3
        RequestRate rate = new RequestRate(2.0, 3, 0);

        // when five requests arrive together
        long[] waits = new long[5];
        for (int i = 0; i < waits.length; i++) {
            waits[i] = rate.reserve(0);
        }

        // then the burst goes now, the rest queue half a second apart
        assertThat(waits).containsExactly(0, 0, 0, SECOND / 2, SECOND);
    }

    @Test
    void idleTimeRefillsTheBurstButNoMore() {
        // given an emptied bucket
        RequestRate rate = new RequestRate(1.0, 2, 0);
        rate.reserve(0);
        rate.reserve(0);

        // when a long pause passes
        long later = 100 * SECOND;

        // then only the burst is available again
        assertThat(rate.reserve(later)).isZero();
        assertThat(rate.reserve(later)).isZero();
        assertThat(rate.reserve(later)).isEqualTo(SECOND);
    }

    @Test
    void queuedReservationsKeepTheirTurnsAsTimePasses() {
        // given one request per second, no burst beyond one
        RequestRate rate = new RequestRate(1.0, 1, 0);
        assertThat(rate.reserve(0)).isZero();
        assertThat(rate.reserve(0)).isEqualTo(SECOND);

        // when the next caller comes half a second later
        long wait = rate.reserve(SECOND / 2);

        // then it waits for the slot after the queued one
        assertThat(wait).isEqualTo(SECOND + SECOND / 2);
    }

    @Test
    void rejectsANonPositiveRate() {
        assertThatThrownBy(() -> new RequestRate(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestRate(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
