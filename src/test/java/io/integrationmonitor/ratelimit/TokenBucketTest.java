package io.integrationmonitor.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstGoesAtOnceThenRequestsAreSpacedByTheRate() {
        // given 2 per second after a burst of 3
        TokenBucket rate = new TokenBucket(2.0, 3, 0);

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
        TokenBucket rate = new TokenBucket(1.0, 2, 0);
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
        TokenBucket rate = new TokenBucket(1.0, 1, 0);
        assertThat(rate.reserve(0)).isZero();
        assertThat(rate.reserve(0)).isEqualTo(SECOND);

        // when the next caller comes half a second later
        long wait = rate.reserve(SECOND / 2);

        // then it waits for the slot after the queued one
        assertThat(wait).isEqualTo(SECOND + SECOND / 2);
    }

    @Test
    void tryAcquireRefusesWhenTheBurstIsSpentAndTakesNothingThen() {
        // given 2 per second after a burst of 2
        TokenBucket bucket = new TokenBucket(2.0, 2, 0);

        // when three requests arrive together, then another a quarter and half a second later
        boolean first = bucket.tryAcquire(0);
        boolean second = bucket.tryAcquire(0);
        boolean third = bucket.tryAcquire(0);
        boolean quarter = bucket.tryAcquire(SECOND / 4);
        boolean half = bucket.tryAcquire(SECOND / 2);

        // then the burst passes, the third is refused, and a refusal does not delay the next token
        assertThat(new boolean[] {first, second, third, quarter, half}).containsExactly(true, true, false, false, true);
        assertThat(bucket.tryAcquire(SECOND / 2)).isFalse();
    }

    @Test
    void tryAcquireRefillsToTheBurstButNoMore() {
        // given an emptied bucket
        TokenBucket bucket = new TokenBucket(1.0, 2, 0);
        bucket.tryAcquire(0);
        bucket.tryAcquire(0);

        // when a long pause passes
        long later = 100 * SECOND;

        // then only the burst is available again
        assertThat(bucket.tryAcquire(later)).isTrue();
        assertThat(bucket.tryAcquire(later)).isTrue();
        assertThat(bucket.tryAcquire(later)).isFalse();
    }

    @Test
    void aReadingFromBeforeTheLastOneAddsNoTokens() {
        // given a bucket emptied at t = 10 s
        TokenBucket bucket = new TokenBucket(1.0, 1, 10 * SECOND);
        assertThat(bucket.tryAcquire(10 * SECOND)).isTrue();

        // when a thread that read the clock earlier asks (as if time had gone backwards)
        boolean stale = bucket.tryAcquire(5 * SECOND);

        // then it is refused, and the next token still comes one second after the last refill
        assertThat(stale).isFalse();
        assertThat(bucket.reserve(10 * SECOND + SECOND / 2)).isEqualTo(SECOND / 2);
    }

    @Test
    void rejectsANonPositiveRate() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
