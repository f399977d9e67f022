package io.integrationmonitor.pipeline;

import io.integrationmonitor.detect.Detection;
import io.integrationmonitor.detect.Detector;
import io.integrationmonitor.detect.EventBus;
import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.PollCompleted;
import io.integrationmonitor.detect.PollFailed;
import io.integrationmonitor.detect.PollNotPermitted;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.PollErrors;
import io.integrationmonitor.poll.PollFailedException;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.Poller;
import io.integrationmonitor.poll.Snapshot;
import io.integrationmonitor.state.StateStore;
import io.integrationmonitor.state.StateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One poll of one target, start to finish: poll every page, detect and commit in one transaction,
 * then tell the bus. Failures are logged once per streak (and when the reason changes), not per poll. A source
 * whose own API refuses the monitor before its first answer is not permitted ({@link Permission}): one WARN
 * naming the IAM actions to grant, no failing poll, and the API asked again only every
 * {@value Permission#PROBE_EVERY}th run.
 *
 * <p>A targeted poll ({@link #pollNow}) describes one resource and goes the same way (detect, commit, publish),
 * from another thread (an event consumer's) than the scheduled one. The two never overlap on this replica, so a
 * slower full poll cannot commit an older listing over a newer describe; across replicas the store's target
 * lock serializes the commits. A targeted poll leaves the scheduled polls' bookkeeping alone (failure streak,
 * permission, the target's last success): it is no poll of the target's listing.
 */
public final class PollRunner {
    private static final Logger log = LoggerFactory.getLogger(PollRunner.class);

    private final Poller poller;
    private final StateStore store;
    private final Detector detector;
    private final EventBus bus;
    private final Clock clock;
    private final FailureStreak streak = new FailureStreak();
    private final Permission permission = new Permission();
    private final String principal;
    private volatile PollNotPermitted lastNotPermitted;
    /** Held for a whole poll, scheduled or targeted: one at a time per target on this replica. */
    private final ReentrantLock polling = new ReentrantLock();

    public PollRunner(Poller poller, StateStore store, Detector detector, EventBus bus, Clock clock) {
        this(poller, store, detector, bus, clock, "the monitor's AWS identity");
    }

    /** @param principal whom a missing permission is to be granted to, e.g. {@code role arn:aws:iam::...} */
    public PollRunner(Poller poller, StateStore store, Detector detector, EventBus bus, Clock clock,
                      String principal) {
        this.principal = principal;
        this.poller = poller;
        this.store = store;
        this.detector = detector;
        this.bus = bus;
        this.clock = clock;
    }

    public PollTarget target() {
        return poller.target();
    }

    /**
     * Runs one poll; returns the published outcome. Never throws: AWS errors, a bug in mapping code and a
     * state store that cannot be written all end as a failed poll, logged once per failure streak. While the
     * source is not permitted, a run that is not due to ask again returns the last not-permitted outcome.
     */
    public Outcome runOnce() {
        polling.lock();
        try {
            return scheduledRun();
        } finally {
            polling.unlock();
        }
    }

    /** Whether {@link #pollNow} can describe one resource of this target (AppIntegrations cannot). */
    public boolean targetable() {
        return poller.targetable();
    }

    /**
     * Describes one resource now and commits what it found, exactly as a poll would (state, events, then
     * {@link PollCompleted} on the bus for metrics and alerts), but only about that resource. Returns once that
     * is committed.
     *
     * @param arn an integration ARN this target's source lists
     * @throws TargetedPollFailedException the describe failed or its answer is malformed, or the commit failed:
     *                                     nothing changed; not counted as a failed poll of the target
     */
    public Targeted pollNow(String arn) {
        if (!poller.targetable() || permission.notPermitted()) {
            return Targeted.SKIPPED;
        }
        PollTarget target = poller.target();
        polling.lock();
        try {
            Instant start = clock.instant();
            Optional<Snapshot> snapshot;
            try {
                snapshot = poller.describe(arn);
            } catch (PollFailedException e) {
                throw new TargetedPollFailedException(target + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new TargetedPollFailedException(target + ": " + e.getClass().getSimpleName(), e);
            }
            if (snapshot.isEmpty()) {
                return knows(target, arn) ? Targeted.FULL_POLL_NEEDED : Targeted.NOT_OBSERVED;
            }
            Detection.Result result;
            try {
                result = store.applyPoll(target, detector.detectionFor(snapshot.get()));
            } catch (RuntimeException e) {
                throw new TargetedPollFailedException(target + ": state store: " + e.getMessage(), e);
            }
            if (result.newState().stream().noneMatch(known -> known.arn().equals(arn))) {
                return Targeted.FULL_POLL_NEEDED; // the target knows nothing yet: its first poll is a full one
            }
            logEvents(target, result.events());
            bus.publish(new PollCompleted(snapshot.get(), result.newState(), result.events(),
                    Duration.between(start, clock.instant())));
            return Targeted.POLLED;
        } finally {
            polling.unlock();
        }
    }

    private boolean knows(PollTarget target, String arn) {
        try {
            return store.knownResources(target).containsKey(arn);
        } catch (RuntimeException e) {
            throw new TargetedPollFailedException(target + ": state store: " + e.getMessage(), e);
        }
    }

    private Outcome scheduledRun() {
        PollTarget target = poller.target();
        if (!permission.probeDue()) {
            log.debug("poll of {} skipped: not permitted, asked again every {}th run", target, Permission.PROBE_EVERY);
            return new Outcome(null, null, lastNotPermitted);
        }
        Instant start = clock.instant();
        Snapshot snapshot;
        try {
            snapshot = poller.poll();
        } catch (PollFailedException e) {
            boolean refused = e.reason() == PollErrorReason.ACCESS_DENIED && PollErrors.refusedBy(target.source(), e);
            Permission.Verdict verdict = permission.failed(refused);
            if (verdict != Permission.Verdict.FAILED) {
                return notPermitted(target, start, e.getMessage(), verdict == Permission.Verdict.NOT_PERMITTED);
            }
            return failed(target, start, e.reason(), e.getMessage(), null);
        } catch (RuntimeException e) {
            permission.failed(false);
            return failed(target, start, PollErrorReason.OTHER, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        if (permission.answered()) {
            log.info("{} is permitted now: its API answered; polled every interval again", target);
        }
        Detection.Result result;
        Duration took;
        try {
            result = store.applyPoll(target, detector.detectionFor(snapshot));
            took = Duration.between(start, clock.instant());
            store.recordPollSuccess(target, snapshot.observedAt(), took);
        } catch (RuntimeException e) {
            // Nothing was committed (applyPoll is one transaction), so the next poll detects the same changes.
            // an unreachable database is no bug: its message says enough, without a stack trace at WARN
            return failed(target, start, PollErrorReason.OTHER, "state store: " + e.getMessage(),
                    e instanceof StateStoreException ? null : e);
        }
        if (streak.recovered()) {
            log.info("poll of {} succeeded again", target);
        }
        logEvents(target, result.events());
        PollCompleted completed = new PollCompleted(snapshot, result.newState(), result.events(), took);
        bus.publish(completed);
        return new Outcome(completed, null);
    }

    /**
     * One line per event (the detector already folds a target's first poll into one DISCOVERED), its fields
     * also as key-value pairs: the JSON log format writes them as top-level keys for log pipelines.
     */
    private static void logEvents(PollTarget target, List<ResourceEvent> events) {
        for (ResourceEvent e : events) {
            if (e.type() == EventType.DISCOVERED) {
                String count = e.attribute(ResourceEvent.Attributes.COUNT);
                log.atInfo()
                        .addKeyValue("event", e.type().label())
                        .addKeyValue("kind", e.kind().label())
                        .addKeyValue("account_id", target.accountId())
                        .addKeyValue("region", target.region())
                        .addKeyValue("target", target.key())
                        .addKeyValue("count", count)
                        .log("discovered {} resources in {}", count, target);
            } else {
                log.atInfo()
                        .addKeyValue("event", e.type().label())
                        .addKeyValue("kind", e.kind().label())
                        .addKeyValue("arn", e.resource().arn())
                        .addKeyValue("name", e.name())
                        .addKeyValue("account_id", e.resource().accountId())
                        .addKeyValue("region", e.resource().region())
                        .addKeyValue("from", e.fromStatus())
                        .addKeyValue("to", e.toStatus())
                        .addKeyValue("target", target.key())
                        .log("event {} {} {}: {}", e.type().label(), e.kind().label(), e.name(), e.message());
            }
        }
    }

    /** The source's API refused the monitor: recorded and published, but neither a failure nor a streak. */
    private Outcome notPermitted(PollTarget target, Instant start, String message, boolean first) {
        Instant at = clock.instant();
        PollNotPermitted event = new PollNotPermitted(target, at, Duration.between(start, at), principal, message,
                first);
        try {
            store.recordPollNotPermitted(target, at, event.grant() + " (" + message + ")");
        } catch (RuntimeException e) {
            log.debug("cannot record that {} is not permitted: {}", target, e.getMessage());
        }
        streak.recovered();
        if (first) {
            log.atWarn()
                    .addKeyValue("source", target.source().label())
                    .addKeyValue("account_id", target.accountId())
                    .addKeyValue("region", target.region())
                    .addKeyValue("iam_actions", String.join(",", event.actions()))
                    .log("{} is not permitted ({}): {}. Not counted as a failing poll and no alert; asked again "
                            + "every {}th poll until it answers", target, message, event.grant(),
                            Permission.PROBE_EVERY);
        } else {
            log.debug("{} still not permitted: {}", target, message);
        }
        lastNotPermitted = event;
        bus.publish(event);
        return new Outcome(null, null, event);
    }

    /**
     * @param unexpected an exception that is not an AWS answer (a bug, a database outage): its stack trace is
     *                   logged with the first failure of a streak only
     */
    private Outcome failed(PollTarget target, Instant start, PollErrorReason reason, String message,
                           RuntimeException unexpected) {
        Instant at = clock.instant();
        int consecutive;
        try {
            consecutive = store.recordPollFailure(target, at, reason, message);
        } catch (RuntimeException e) {
            consecutive = streak.count() + 1; // the store is down too: count here so the streak still shows
        }
        if (streak.failed(reason)) {
            log.warn("poll of {} failed ({}): {}; further failures of this kind are logged at DEBUG until it recovers",
                    target, reason.label(), message, unexpected);
        } else {
            log.debug("poll of {} failed again ({} in a row, {}): {}", target, consecutive, reason.label(), message);
        }
        PollFailed failed = new PollFailed(target, at, Duration.between(start, at), reason, message, consecutive);
        bus.publish(failed);
        return new Outcome(null, failed);
    }

    /** What a targeted poll of this target came to. */
    public enum Targeted {
        /** Described, and the result committed and published. */
        POLLED,
        /** This target does not observe the resource (not found, or outside its scope or filters) nor knows it. */
        NOT_OBSERVED,
        /**
         * Only a full poll can tell: the target knows the resource but the describe did not observe it (a
         * vanish is the full poll's to decide), or the target knows nothing yet.
         */
        FULL_POLL_NEEDED,
        /** Not asked: the source cannot describe one resource, or is not permitted. */
        SKIPPED
    }

    /**
     * Exactly one of the three is set: a completed poll, a failed one, or a source not permitted (a run skipped
     * while not permitted has the last not-permitted poll).
     */
    public record Outcome(PollCompleted completed, PollFailed failed, PollNotPermitted notPermitted) {
        public Outcome(PollCompleted completed, PollFailed failed) {
            this(completed, failed, null);
        }

        public boolean succeeded() {
            return completed != null;
        }
    }
}
