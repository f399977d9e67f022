package io.integrationmonitor.config;

import java.time.Duration;
import java.util.Optional;

/** How long a transient status may last before the resource counts as stuck; {@code 0s} disables. */
public record StuckConfig(Duration creating, Duration modifying, Duration syncing, Duration deleting, Duration inProgress) {
    public StuckConfig {
        creating = creating == null ? Duration.ofHours(1) : creating;
        modifying = modifying == null ? Duration.ofHours(1) : modifying;
        syncing = syncing == null ? Duration.ofHours(6) : syncing;
        deleting = deleting == null ? Duration.ofHours(1) : deleting;
        inProgress = inProgress == null ? Duration.ofHours(6) : inProgress;
        Validation.notNegative(creating, "creating");
        Validation.notNegative(modifying, "modifying");
        Validation.notNegative(syncing, "syncing");
        Validation.notNegative(deleting, "deleting");
        Validation.notNegative(inProgress, "in_progress");
    }

    public static StuckConfig defaults() {
        return new StuckConfig(null, null, null, null, null);
    }

    /** The threshold for a status, empty when the status is not transient or the check is disabled. */
    public Optional<Duration> thresholdFor(String status) {
        Duration d = switch (status) {
            case "CREATING" -> creating;
            case "MODIFYING" -> modifying;
            case "SYNCING" -> syncing;
            case "DELETING" -> deleting;
            case "IN_PROGRESS" -> inProgress;
            default -> null;
        };
        return d == null || d.isZero() ? Optional.empty() : Optional.of(d);
    }
}
