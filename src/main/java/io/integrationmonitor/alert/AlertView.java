package io.integrationmonitor.alert;

import io.integrationmonitor.alert.evaluate.Alert;

import java.time.Instant;
import java.util.Map;

/**
 * An active alert as the API lists it.
 *
 * @param firing   past its firing threshold (else pending)
 * @param silenced matched a silence at its last evaluation: recorded, not sent
 * @param lastSent per receiver, when a firing notification was last enqueued
 */
public record AlertView(Alert alert, boolean firing, boolean silenced, int consecutivePolls, Map<String, Instant> lastSent) {
}
