package io.integrationmonitor.alert.evaluate;

import java.time.Instant;
import java.util.Map;

/**
 * The persisted lifecycle of one alert.
 *
 * @param alert        the latest snapshot
 * @param firing       past its firing threshold
 * @param silenced     a silence matched at the last evaluation
 * @param seenCount    consecutive polls the condition was seen
 * @param healthyCount consecutive polls it was not
 * @param lastSent     per receiver name, when a firing notification was last enqueued for it
 */
public record AlertState(Alert alert, boolean firing, boolean silenced, int seenCount, int healthyCount,
                  Map<String, Instant> lastSent) {
    public AlertState {
        lastSent = Map.copyOf(lastSent);
    }
}
