package io.integrationmonitor.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where state lives in single-instance mode.
 *
 * @param dataDir        directory of the embedded database
 * @param eventRetention events older than this are pruned
 */
public record StateConfig(Path dataDir, Duration eventRetention) {
    public StateConfig {
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        eventRetention = eventRetention == null ? Duration.ofDays(30) : eventRetention;
        Validation.atLeast(eventRetention, Duration.ofHours(1), "event_retention");
    }

    public static StateConfig defaults() {
        return new StateConfig(null, null);
    }
}
