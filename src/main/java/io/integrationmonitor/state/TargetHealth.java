package io.integrationmonitor.state;

import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.PollTarget;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How polling of one target has been going, shared by every replica through the state store.
 *
 * @param lastSuccess         when the last successful poll was recorded; null if never
 * @param lastFailure         when the last failed poll was recorded; null if never
 * @param lastErrorReason     the reason of the last failure; null if never failed
 * @param lastErrorMessage    the secret-free message of the last failure; null if never failed
 * @param consecutiveFailures failures since the last success
 * @param lastSuccessDuration how long the last successful poll took; null if never succeeded
 * @param failingSince        the first failure of the current run of failures; null while the last poll succeeded
 * @param notPermittedSince   the first poll of the current spell that the source's API refused before the
 *                            target's first success (not a failure: see {@code PollNotPermitted}); null otherwise;
 *                            {@link #lastErrorMessage} then says what to grant
 */
public record TargetHealth(
        PollTarget target,
        Instant lastSuccess,
        Instant lastFailure,
        PollErrorReason lastErrorReason,
        String lastErrorMessage,
        int consecutiveFailures,
        Duration lastSuccessDuration,
        Instant failingSince,
        Instant notPermittedSince) {

    public TargetHealth {
        Objects.requireNonNull(target, "target");
    }

    public TargetHealth(PollTarget target, Instant lastSuccess, Instant lastFailure, PollErrorReason lastErrorReason,
                        String lastErrorMessage, int consecutiveFailures, Duration lastSuccessDuration,
                        Instant failingSince) {
        this(target, lastSuccess, lastFailure, lastErrorReason, lastErrorMessage, consecutiveFailures,
                lastSuccessDuration, failingSince, null);
    }

    public TargetHealth(PollTarget target, Instant lastSuccess, Instant lastFailure, PollErrorReason lastErrorReason,
                        String lastErrorMessage, int consecutiveFailures) {
        this(target, lastSuccess, lastFailure, lastErrorReason, lastErrorMessage, consecutiveFailures, null, null, null);
    }

    /** Whether the last poll failed: the source cannot be polled right now. */
    public boolean failing() {
        return consecutiveFailures > 0;
    }

    /** Whether the source's API refuses the monitor and it has not answered since start. */
    public boolean notPermitted() {
        return notPermittedSince != null;
    }
}
