package io.integrationmonitor.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/** A repeated figure: its median and its range (nearest-rank), printed together. */
record Spread(double median, double min, double max, int n) {
    static Spread of(List<Double> values) {
        List<Double> finite = values.stream().filter(v -> !Double.isNaN(v)).toList();
        return new Spread(Stats.percentile(finite, 50), Stats.percentile(finite, 0), Stats.percentile(finite, 100),
                finite.size());
    }

    boolean isEmpty() {
        return n == 0;
    }

    /** {@code "12.3 s (11.9-13.0, 5 windows)"}, or "n/a". */
    String format(DoubleFunction<String> unit, String what) {
        if (isEmpty()) {
            return "n/a";
        }
        return n == 1 ? unit.apply(median) + " (1 " + what + ")"
                : unit.apply(median) + " (" + unit.apply(min) + " - " + unit.apply(max) + ", " + n + " " + what + ")";
    }

    static String seconds(double s) {
        return Double.isNaN(s) ? "n/a" : String.format(Locale.ROOT, "%.2f s", s);
    }

    static String percent(double share) {
        return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    static String millis(double ms) {
        return Double.isNaN(ms) ? "n/a" : String.format(Locale.ROOT, "%.1f ms", ms);
    }

    static String micros(double seconds) {
        return Double.isNaN(seconds) ? "n/a" : String.format(Locale.ROOT, "%.1f µs", seconds * 1e6);
    }

    static String kb(double bytes) {
        return Double.isNaN(bytes) ? "n/a" : String.format(Locale.ROOT, "%.1f KB", bytes / 1024);
    }

    static String mb(double bytes) {
        return Double.isNaN(bytes) ? "n/a" : String.format(Locale.ROOT, "%.1f MB", bytes / 1048576);
    }
}
