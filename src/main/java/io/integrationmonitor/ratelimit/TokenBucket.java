package io.integrationmonitor.ratelimit;

/**
 * The token bucket AWS throttles with: {@code burst} tokens, refilled at {@code ratePerSecond}. Used two ways:
 * {@link #tryAcquire} refuses when the bucket is empty (how the simulator throttles an account), and
 * {@link #reserve} hands out time slots instead (how the monitor keeps its own requests under the limit).
 * Time is passed in as {@link System#nanoTime()}-style readings, so callers and tests choose the clock.
 * Thread-safe.
 *
 * <p>Its own package because both the production AWS client code and the simulator need it, and neither
 * may depend on the other.
 */
public final class TokenBucket {
    private final double ratePerNano;
    private final double burst;
    /** Tokens available now; below zero, requests already queued by {@link #reserve} for later slots. */
    private double tokens;
    private long lastRefillNanos;

    public TokenBucket(double ratePerSecond, int burst, long nowNanos) {
        if (!(ratePerSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("rate must be positive and burst at least 1");
        }
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.lastRefillNanos = nowNanos;
    }

    /** Takes a token if one is there; false (and nothing taken) when the bucket is empty. */
    public synchronized boolean tryAcquire(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /**
     * Takes the next slot; returns how many nanoseconds from {@code nowNanos} it starts (0: go now). Callers
     * queue in arrival order, and a reservation is never taken back, so the requests that actually go out
     * never exceed {@code burst} back to back plus {@code ratePerSecond} after that.
     */
    public synchronized long reserve(long nowNanos) {
        refill(nowNanos);
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / ratePerNano);
    }

    private void refill(long nowNanos) {
        // a reading from before the last one (another thread's, taken earlier) adds nothing
        if (nowNanos > lastRefillNanos) {
            tokens = Math.min(burst, tokens + (nowNanos - lastRefillNanos) * ratePerNano);
            lastRefillNanos = nowNanos;
        }
    }
}
