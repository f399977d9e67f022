package io.integrationmonitor.alert;

import io.integrationmonitor.alert.evaluate.AlertEvaluator;
import io.integrationmonitor.alert.evaluate.AlertState;
import io.integrationmonitor.alert.evaluate.Evaluation;
import io.integrationmonitor.alert.evaluate.Notification;
import io.integrationmonitor.alert.outbox.AlertMetrics;
import io.integrationmonitor.alert.outbox.Outbox;
import io.integrationmonitor.alert.outbox.OutboxDispatcher;
import io.integrationmonitor.alert.silence.Silences;
import io.integrationmonitor.detect.EventListener;
import io.integrationmonitor.detect.Listings;
import io.integrationmonitor.detect.PollCompleted;
import io.integrationmonitor.detect.PollFailed;
import io.integrationmonitor.state.Jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The edge of alert evaluation: for each poll of a target, one transaction that locks the target's
 * {@code alert_target} row, loads its alert states, asks the {@link AlertEvaluator}, writes the new states
 * and enqueues the notifications in the outbox. State changes and the notifications they cause commit
 * together, so a restart neither re-sends nor forgets; sending is the {@link OutboxDispatcher}'s job, so
 * polls never wait on a receiver.
 *
 * <p>An integration several targets list is one alert per condition, evaluated by the listing that owns it
 * ({@link Listings}): the others leave it alone, and the owner adopts what another listing held before it
 * listed the integration (or while it did not). The alert rows are locked ({@code FOR UPDATE}) by the target
 * that holds them and by the one adopting them; a row taken over concurrently fails the write (it is saved
 * only where it was held), so the transaction rolls back and the next poll evaluates again: never a second
 * notice.
 *
 * <p>Thread-safe without a lock of its own: the row lock is the only serialisation, so replicas evaluating
 * the same target serialize (the later sees what the earlier committed) while different targets, and a
 * slow evaluation of one, never hold each other up. The firing gauges are refreshed lock-free too.
 */
public final class AlertEngine implements EventListener {
    private final AlertEvaluator evaluator;
    private final Jdbc jdbc;
    private final AlertStore store;
    private final Outbox outbox;
    private final Silences silences;
    private final AlertMetrics metrics;
    private final Clock clock;
    private final Runnable onEnqueued;
    private final Predicate<String> polled;

    /** @param polled whether a target key is one this monitor polls: only those own an integration */
    AlertEngine(AlertEvaluator evaluator, Jdbc jdbc, AlertStore store, Outbox outbox, Silences silences,
                AlertMetrics metrics, Clock clock, Runnable onEnqueued, Predicate<String> polled) {
        this.evaluator = evaluator;
        this.jdbc = jdbc;
        this.store = store;
        this.outbox = outbox;
        this.silences = silences;
        this.metrics = metrics;
        this.clock = clock;
        this.onEnqueued = onEnqueued;
        this.polled = polled;
    }

    @Override
    public void onPollCompleted(PollCompleted event) {
        Set<String> listed = new HashSet<>();
        event.current().forEach(kr -> listed.add(kr.arn()));
        evaluate(event.target().key(), event.at(), listed, context -> evaluator.completed(event, context));
    }

    @Override
    public void onPollFailed(PollFailed event) {
        if (evaluator.concerns(event)) {
            // only the target's poll_failing alert changes: no resource, so no question of who owns one
            evaluate(event.target().key(), event.at(), null, context -> evaluator.failed(event, context));
        }
    }

    /**
     * The ARNs this target must leave to another listing ({@link Listings}): those of its resources that a
     * listing it does not outrank reports too, and those of its alerts it no longer lists while another
     * target does (that one takes the alert over). Only targets this monitor polls count. Two bounded queries,
     * whatever the number of resources.
     */
    private Set<String> ownedElsewhere(Connection c, String targetKey, Set<String> listed,
                                       Map<String, AlertState> states) throws SQLException {
        Set<String> owned = new HashSet<>();
        store.otherListings(c, targetKey).forEach((arn, others) -> {
            if (!Listings.owns(targetKey, others.stream().filter(polled).toList())) {
                owned.add(arn);
            }
        });
        List<String> unlisted = states.values().stream().map(s -> s.alert().resourceArn())
                .filter(arn -> !arn.isEmpty() && !listed.contains(arn)).distinct().toList();
        store.listedElsewhere(c, targetKey, unlisted).forEach((arn, others) -> {
            if (others.stream().anyMatch(polled)) {
                owned.add(arn);
            }
        });
        return owned;
    }

    private static String heldBy(Map<String, AlertState> adopted, String key, String targetKey) {
        AlertState was = adopted.get(key);
        return was == null ? targetKey : was.alert().targetKey();
    }

    /** Every pending or firing alert, with its silenced flag. */
    public List<AlertView> alerts() {
        return store.all().stream()
                .map(s -> new AlertView(s.alert(), s.firing(), s.silenced(), s.seenCount(), s.lastSent()))
                .toList();
    }

    /** @param listed the ARNs the target's completed poll lists; null for a failed poll */
    private void evaluate(String targetKey, Instant pollAt, Set<String> listed,
                          Function<AlertEvaluator.Context, Evaluation> evaluation) {
        Instant now = clock.instant();
        Silences.Snapshot silenced = silences.snapshot(now);
        Evaluation result = jdbc.inTransaction("evaluating the alerts of " + targetKey, c -> {
            if (!store.lockTarget(c, targetKey, pollAt)) {
                return Evaluation.NONE;
            }
            Map<String, AlertState> states = store.loadTarget(c, targetKey);
            Set<String> ownedElsewhere = listed == null ? Set.of() : ownedElsewhere(c, targetKey, listed, states);
            // held by the listing this target outranks (or that no longer lists them), read again under lock
            Map<String, AlertState> adopted = listed == null ? Map.of() : store.lockHeld(c,
                    store.heldElsewhere(c, targetKey).values().stream()
                            .filter(s -> !ownedElsewhere.contains(s.alert().resourceArn())).toList());
            // Only an alert already sent can be reminded of: without one, the backlog does not matter.
            boolean anySent = Stream.concat(states.values().stream(), adopted.values().stream())
                    .anyMatch(s -> !s.lastSent().isEmpty());
            Set<String> backlogged = anySent ? outbox.backlogged(c) : Set.of();
            Evaluation e = evaluation.apply(new AlertEvaluator.Context(states, silenced::silences, backlogged, now,
                    ownedElsewhere, adopted));
            for (AlertState s : e.saved()) {
                store.save(c, s, heldBy(adopted, s.alert().key(), targetKey), now);
            }
            for (String key : e.deleted()) {
                store.delete(c, key, heldBy(adopted, key, targetKey));
            }
            for (Notification n : e.notifications()) {
                outbox.enqueue(c, n);
            }
            return e;
        });
        result.silencedFor().forEach(receiver -> metrics.count(receiver, AlertMetrics.OUTCOME_SILENCED));
        result.notifications().forEach(n -> metrics.count(n.receiver(), AlertMetrics.OUTCOME_ENQUEUED));
        metrics.refreshFiring(store::firingCounts);
        if (!result.notifications().isEmpty()) {
            onEnqueued.run();
        }
    }
}
