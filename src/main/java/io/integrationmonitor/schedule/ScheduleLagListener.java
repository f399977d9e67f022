package io.integrationmonitor.schedule;

import java.time.Duration;

/**
 * Told how late each scheduled poll started (its fire time minus its due time). Only fires of the repeating
 * schedule count: not the first poll at start, not a poll fired now on request, not a recovery re-run.
 * Called on the poll thread just before the poll; must be quick and must not throw.
 */
@FunctionalInterface
public interface ScheduleLagListener {
    ScheduleLagListener NONE = (key, lag) -> { };

    /** @param key the job's key, a poll target's key for a target's poll */
    void started(String key, Duration lag);
}
