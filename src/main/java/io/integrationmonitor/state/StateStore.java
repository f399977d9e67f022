package io.integrationmonitor.state;

import io.integrationmonitor.detect.Detection;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.PollTarget;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Last known state of every resource and the event history. Implementations: embedded H2 (single
 * instance) and PostgreSQL (clustered); both behind the same JDBC code and migrations.
 */
public interface StateStore extends AutoCloseable {

    /**
     * Reads the target's known state, runs the detection on it and persists the detection's new state
     * and events in one transaction, holding a lock on the target so that concurrent replicas serialize.
     *
     * @return the committed result
     */
    Detection.Result applyPoll(PollTarget target, Detection detection);

    /** The known state of one target, keyed by ARN. */
    Map<String, KnownResource> knownResources(PollTarget target);

    /** Every known resource of every target. */
    List<KnownResource> allResources();

    /** Events detected at or after {@code since}, oldest first, at most {@code limit}. */
    List<ResourceEvent> eventsSince(Instant since, int limit);

    /** A page of the event history in the order it was stored, with each event's {@code seq} (see {@link EventQuery}). */
    List<EventQuery.Stored> events(EventQuery query);

    /** Deletes events older than {@code cutoff}; returns how many. */
    int pruneEventsBefore(Instant cutoff);

    /** Records a successful poll of the target: resets its consecutive failures. */
    void recordPollSuccess(PollTarget target, Instant at, Duration took);

    /**
     * Records a failed poll of the target.
     *
     * @param message a short, secret-free description
     * @return the consecutive failures of the target, including this one
     */
    int recordPollFailure(PollTarget target, Instant at, PollErrorReason reason, String message);

    /**
     * Records a poll the source's API refused before the target's first success ({@code PollNotPermitted}): no
     * failure, the streak is cleared, and the target is not permitted until its next success or failure.
     *
     * @param message what to grant and the refusal, secret-free
     */
    void recordPollNotPermitted(PollTarget target, Instant at, String message);

    /** Poll health of every target this store has seen, as every replica sees it; ordered by target key. */
    List<TargetHealth> targetHealth();

    @Override
    void close();
}
