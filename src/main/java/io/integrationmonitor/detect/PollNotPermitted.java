package io.integrationmonitor.detect;

import io.integrationmonitor.poll.PollTarget;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A poll the source's own API refused before the target's first success since start: the monitor's identity
 * lacks the IAM permission. Not a failing poll (no {@code poll_failing}, no failure streak): nothing about the
 * target's resources may be concluded from it, and its state stays as it was.
 *
 * @param principal whom to grant the actions to, e.g. {@code role arn:aws:iam::123456789012:role/monitor}
 * @param message   the short, secret-free description of the refusal (no stack trace)
 * @param first     whether this poll turned the target not permitted (the previous one was not refused)
 */
public record PollNotPermitted(PollTarget target, Instant at, Duration duration, String principal, String message,
                               boolean first) implements MonitorEvent {
    public PollNotPermitted {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(principal, "principal");
    }

    /** The IAM actions to grant: the source's. */
    public List<String> actions() {
        return target.source().iamActions();
    }

    /** What to do about it, e.g. {@code grant rds:DescribeIntegrations to role arn:... in 123456789012}. */
    public String grant() {
        return grant(target, principal);
    }

    /** The one wording of what to grant, also for a target read back from the state store. */
    public static String grant(PollTarget target, String principal) {
        return "grant " + String.join(" and ", target.source().iamActions()) + " to " + principal + " in "
                + target.accountId();
    }
}
