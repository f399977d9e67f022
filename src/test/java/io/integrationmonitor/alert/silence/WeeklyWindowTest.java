package io.integrationmonitor.alert.silence;

import io.integrationmonitor.config.WeeklyWindowConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Weekly maintenance windows, in their own time zone. */
class WeeklyWindowTest {
    @Test
    void weeklyMaintenanceWindowsFollowTheirTimeZone() {
        // Saturdays 02:00-04:00 in Paris (UTC+1 in March before the DST switch)
        WeeklyWindowConfig w = new WeeklyWindowConfig(List.of("sat"), LocalTime.of(2, 0), Duration.ofHours(2), "Europe/Paris");
        assertThat(Silences.inWeeklyWindow(w, Instant.parse("2025-03-08T01:30:00Z"))).isTrue();
        assertThat(Silences.inWeeklyWindow(w, Instant.parse("2025-03-08T00:59:59Z"))).isFalse();
        assertThat(Silences.inWeeklyWindow(w, Instant.parse("2025-03-08T03:00:00Z"))).isFalse();
        // a window crossing midnight into the next day
        WeeklyWindowConfig overnight = new WeeklyWindowConfig(List.of("sunday"), LocalTime.of(23, 0), Duration.ofHours(3), "UTC");
        assertThat(Silences.inWeeklyWindow(overnight, Instant.parse("2025-03-10T01:00:00Z"))).isTrue();
    }
}
