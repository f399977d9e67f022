package io.integrationmonitor.config;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * A recurring weekly maintenance window: starting at {@code startTime} on each of {@code days}, lasting
 * {@code duration}, in {@code timeZone}.
 *
 * @param days      {@code monday} .. {@code sunday} (or {@code mon} .. {@code sun})
 * @param startTime local time, {@code HH:mm}
 * @param timeZone  IANA zone, e.g. {@code Europe/Paris}; default UTC
 */
public record WeeklyWindowConfig(List<String> days, LocalTime startTime, Duration duration, String timeZone) {
    public WeeklyWindowConfig {
        days = days == null ? List.of() : List.copyOf(days);
        if (days.isEmpty()) {
            throw KeyProblem.at("days", "must list at least one day").exception();
        }
        for (int i = 0; i < days.size(); i++) {
            if (parseDay(days.get(i)) == null) {
                throw KeyProblem.at("days[" + i + "]", "'" + days.get(i) + "' is not a day of the week").exception();
            }
        }
        if (startTime == null) {
            throw KeyProblem.at("start_time", "is required").exception();
        }
        if (duration == null) {
            throw KeyProblem.at("duration", "is required").exception();
        }
        Validation.positive(duration, "duration");
        if (duration.compareTo(Duration.ofDays(7)) > 0) {
            throw KeyProblem.at("duration", "must be at most 7d").got(duration).exception();
        }
        timeZone = timeZone == null ? "UTC" : timeZone;
        try {
            ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            throw KeyProblem.at("time_zone", "unknown time zone").got(timeZone).exception();
        }
    }

    public List<DayOfWeek> daysOfWeek() {
        return days.stream().map(WeeklyWindowConfig::parseDay).toList();
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    private static DayOfWeek parseDay(String day) {
        String d = day.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek dow : DayOfWeek.values()) {
            if (dow.name().equals(d) || dow.name().substring(0, 3).equals(d)) {
                return dow;
            }
        }
        return null;
    }
}
