package io.integrationmonitor.text;

import java.time.Duration;

/**
 * The one human rendering of an elapsed time, used wherever a person reads one: the status page, alert text,
 * event messages and terminal tables. At most the two largest units, the smaller left out when it is zero:
 * {@code 45s}, {@code 1m 30s}, {@code 30m}, {@code 2h 5m}, {@code 2d 2h}. Negative durations (clock skew) read
 * as {@code 0s}. Configuration durations ({@code 1h30m}) are a different, parseable format: see
 * {@code config.Durations}.
 */
public final class DurationText {
    private DurationText() {
    }

    public static String human(Duration d) {
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        long days = d.toDays();
        if (days > 0) {
            return pair(days, "d", d.toHoursPart(), "h");
        }
        if (d.toHours() > 0) {
            return pair(d.toHours(), "h", d.toMinutesPart(), "m");
        }
        if (d.toMinutes() > 0) {
            return pair(d.toMinutes(), "m", d.toSecondsPart(), "s");
        }
        return d.toSeconds() + "s";
    }

    private static String pair(long large, String largeUnit, long small, String smallUnit) {
        return small == 0 ? large + largeUnit : large + largeUnit + " " + small + smallUnit;
    }
}
