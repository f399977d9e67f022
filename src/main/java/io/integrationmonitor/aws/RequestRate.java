package io.integrationmonitor.aws;

/**
 * A token bucket that hands out time slots instead of refusing: {@link #reserve} says how long the caller
 * must wait before its request may go out. Callers queue in arrival order, and a reservation is never taken
 * back, so the requests that actually go out never exceed {@code burst} back to back plus
 * {@code ratePerSecond} after that: the shape of the token bucket AWS throttles with.
 */
final class RequestRate {
    private final double ratePerNano;
    private final double burst;
    /** Requests that may go out now; below zero, requests already queued for later slots. */
    private double tokens;
    private long lastRefillNanos;

    RequestRate(double ratePerSecond, int burst, long nowNanos) {
        if (!(ratePerSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("rate must be positive and burst at least 1");
        }
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.lastRefillNanos = nowNanos;
    }

    /** Takes the next slot; returns how many nanoseconds from {@code nowNanos} it starts (0: go now). */
    synchronized long reserve(long nowNanos) {
        if (nowNanos > lastRefillNanos) {
            tokens = Math.min(burst, tokens + (nowNanos - lastRefillNanos) * ratePerNano);
            lastRefillNanos = nowNanos;
        }
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / ratePerNano);
    }
}
