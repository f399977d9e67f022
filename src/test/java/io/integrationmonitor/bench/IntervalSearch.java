package io.integrationmonitor.bench;

/**
 * Bisection for the shortest whole-second poll interval the estate sustains: {@code failing} is the longest interval
 * known (or assumed) not to sustain, {@code sustaining} the shortest known (or assumed) to. Pure; the phase runs the
 * trials.
 */
record IntervalSearch(long failingSeconds, long sustainingSeconds, boolean sustainingTested) {
    IntervalSearch {
        if (failingSeconds < 0 || sustainingSeconds <= failingSeconds) {
            throw new IllegalArgumentException("need 0 <= failing < sustaining, got " + failingSeconds + ", " + sustainingSeconds);
        }
    }

    /**
     * Between the saturated cycle time (an interval that short cannot leave any slack: assumed failing) and twice it
     * (assumed sustaining until a trial shows it).
     */
    static IntervalSearch between(double saturatedCycleSeconds) {
        long low = (long) Math.floor(saturatedCycleSeconds);
        return new IntervalSearch(low, Math.max(low + 1, (long) Math.ceil(2 * saturatedCycleSeconds)), false);
    }

    /** At the resolution of 1 s there is nothing left to try. */
    boolean done() {
        return sustainingSeconds - failingSeconds <= 1;
    }

    /** The interval of the next trial: the middle, rounded down. */
    long next() {
        if (done()) {
            throw new IllegalStateException("the search is done at " + sustainingSeconds + " s");
        }
        return failingSeconds + (sustainingSeconds - failingSeconds) / 2;
    }

    IntervalSearch after(long trialSeconds, boolean sustained) {
        if (trialSeconds <= failingSeconds || trialSeconds >= sustainingSeconds) {
            throw new IllegalArgumentException(trialSeconds + " s is outside (" + failingSeconds + ", " + sustainingSeconds + ")");
        }
        return sustained ? new IntervalSearch(failingSeconds, trialSeconds, true)
                : new IntervalSearch(trialSeconds, sustainingSeconds, sustainingTested);
    }

    /**
     * A trial sustains its interval when at least 99% of polls started within 1 s of due and every target's poll
     * count is within 1 of the others. Without the lag timer (older builds: {@code shareWithinOneSecond} NaN) only
     * the counts can say it: every target then needs at least the intervals in the window, less one.
     */
    static boolean sustains(double shareWithinOneSecond, long minPolls, long maxPolls, double intervalsInWindow) {
        boolean fair = maxPolls - minPolls <= 1;
        if (Double.isNaN(shareWithinOneSecond)) {
            return fair && minPolls >= Math.floor(intervalsInWindow) - 1;
        }
        return fair && shareWithinOneSecond >= 0.99;
    }
}
