package io.integrationmonitor.cli;

import java.time.Duration;

/** Short human renderings of durations for terminal output ("3h12m", "45s"). */
final class Durations {
    private Durations() {
    }

    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        long m = s / 60;
        if (m < 60) {
            return m + "m" + (s % 60 == 0 ? "" : (s % 60) + "s");
        }
        long h = m / 60;
        if (h < 48) {
            return h + "h" + (m % 60 == 0 ? "" : (m % 60) + "m");
        }
        return (h / 24) + "d" + (h % 24 == 0 ? "" : (h % 24) + "h");
    }
}
