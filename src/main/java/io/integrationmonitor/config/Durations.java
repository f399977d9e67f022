package io.integrationmonitor.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in config files: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h30m},
 * {@code 2d}, or ISO-8601 ({@code PT1M}). Negative durations are never valid configuration.
 */
public final class Durations {
    static final String EXAMPLES = "e.g. 250ms, 30s, 5m, 1h30m, 2d or ISO-8601 PT1M";
    static final String ACCEPTED_FORMS = "use " + EXAMPLES;

    private static final Pattern SHORTHAND = Pattern.compile("(?:\\d+(?:ms|d|h|m|s))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException with a reason that does not repeat the input (it may be a secret)
     */
    public static Duration parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty duration; " + ACCEPTED_FORMS);
        }
        if (s.startsWith("-")) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        Duration parsed = s.startsWith("P") || s.startsWith("p") ? parseIso(s) : parseShorthand(s);
        if (parsed.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        return parsed;
    }

    private static Duration parseIso(String s) {
        try {
            return Duration.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a valid ISO-8601 duration; " + ACCEPTED_FORMS);
        }
    }

    private static Duration parseShorthand(String s) {
        if (!SHORTHAND.matcher(s).matches()) {
            throw new IllegalArgumentException("not a duration; " + ACCEPTED_FORMS);
        }
        Duration total = Duration.ZERO;
        int lastUnitRank = -1;
        Matcher part = PART.matcher(s);
        try {
            while (part.find()) {
                String unit = part.group(2);
                int rank = rankOf(unit);
                // "1h30m" is clear; "30m1h" or "1m1m" are almost certainly typos.
                if (rank <= lastUnitRank) {
                    throw new IllegalArgumentException("duration units must go from largest to smallest, each at most once (e.g. 1h30m)");
                }
                lastUnitRank = rank;
                total = total.plus(of(Long.parseLong(part.group(1)), unit));
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("duration is too large");
        }
        return total;
    }

    private static int rankOf(String unit) {
        return switch (unit) {
            case "d" -> 0;
            case "h" -> 1;
            case "m" -> 2;
            case "s" -> 3;
            default -> 4;
        };
    }

    private static Duration of(long amount, String unit) {
        return switch (unit) {
            case "d" -> Duration.ofDays(amount);
            case "h" -> Duration.ofHours(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMillis(amount);
        };
    }

    /** The shorthand form, e.g. {@code 1h30m}, {@code 250ms}, {@code 0s}; the inverse of {@link #parse}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        if (duration.toNanosPart() % 1_000_000 != 0) {
            return duration.toString(); // sub-millisecond precision: only ISO-8601 can say it
        }
        StringBuilder out = new StringBuilder();
        append(out, duration.toDays(), "d");
        append(out, duration.toHoursPart(), "h");
        append(out, duration.toMinutesPart(), "m");
        append(out, duration.toSecondsPart(), "s");
        append(out, duration.toMillisPart(), "ms");
        return out.toString();
    }

    private static void append(StringBuilder out, long amount, String unit) {
        if (amount != 0) {
            out.append(amount).append(unit);
        }
    }
}
