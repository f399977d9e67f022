package io.integrationmonitor.detect;

import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.PollTarget;

import java.time.Duration;
import java.time.Instant;

/**
 * A poll failed; nothing about the target's resources may be concluded from it.
 *
 * @param consecutiveFailures failures in a row for this target, including this one
 * @param message             a short, secret-free description (no stack trace)
 */
public record PollFailed(
        PollTarget target, Instant at, Duration duration, PollErrorReason reason, String message, int consecutiveFailures)
        implements MonitorEvent {
}
