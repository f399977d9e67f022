package io.integrationmonitor.alert.silence;

import io.integrationmonitor.alert.evaluate.Alert;
import io.integrationmonitor.alert.evaluate.AlertMatcher;
import io.integrationmonitor.config.SilenceConfig;
import io.integrationmonitor.config.WeeklyWindowConfig;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/** Decides whether an alert is silenced now, by a config silence, a maintenance window or a run-time silence. */
public final class Silences {
    private final List<SilenceConfig> configured;
    private final List<AlertMatcher> configuredMatchers;
    private final SilenceStore store;

    public Silences(List<SilenceConfig> configured, SilenceStore store) {
        this.configured = List.copyOf(configured);
        this.configuredMatchers = this.configured.stream().map(s -> AlertMatcher.of(s.matchers())).toList();
        this.store = store;
    }

    /**
     * A view for one evaluation: reads the run-time silences once and compiles their matchers once, so a
     * silence deleted through the API stops applying from the next evaluation on.
     */
    public Snapshot snapshot(Instant now) {
        List<AlertMatcher> active = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            if (configActive(configured.get(i), now)) {
                active.add(configuredMatchers.get(i));
            }
        }
        store.all().stream().filter(s -> s.activeAt(now)).forEach(s -> active.add(AlertMatcher.of(s.matchers())));
        return alert -> active.stream().anyMatch(m -> m.matches(alert));
    }

    public SilenceStore store() {
        return store;
    }

    public List<SilenceConfig> configured() {
        return configured;
    }

    public static boolean configActive(SilenceConfig s, Instant now) {
        if (s.weekly() != null) {
            return inWeeklyWindow(s.weekly(), now);
        }
        return (s.startsAt() == null || !now.isBefore(s.startsAt())) && now.isBefore(s.endsAt());
    }

    static boolean inWeeklyWindow(WeeklyWindowConfig w, Instant now) {
        ZonedDateTime local = now.atZone(w.zone());
        List<DayOfWeek> days = w.daysOfWeek();
        // A window may have started on any of the previous seven days and still be open.
        for (int back = 0; back <= 7; back++) {
            LocalDate day = local.toLocalDate().minusDays(back);
            if (days.contains(day.getDayOfWeek())) {
                Instant start = day.atTime(w.startTime()).atZone(w.zone()).toInstant();
                if (!now.isBefore(start) && now.isBefore(start.plus(w.duration()))) {
                    return true;
                }
            }
        }
        return false;
    }

    @FunctionalInterface
    public interface Snapshot {
        boolean silences(Alert alert);
    }
}
