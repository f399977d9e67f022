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
            throw new IllegalArgumentException("days must list at least one day");
        }
        days.forEach(WeeklyWindowConfig::parseDay);
        if (startTime == null) {
            throw new IllegalArgumentException("start_time is required");
        }
        if (duration == null) {
            throw new IllegalArgumentException("duration is required");
        }
        Validation.positive(duration, "duration");
        if (duration.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("duration must be at most 7 days, got " + duration);
        }
        timeZone = timeZone == null ? "UTC" : timeZone;
        try {
            ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("time_zone: unknown time zone '" + timeZone + "'");
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
        throw new IllegalArgumentException("days: '" + day + "' is not a day of the week");
    }
}
