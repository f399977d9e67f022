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
import io.integrationmonitor.detect.PollCompleted;
import io.integrationmonitor.detect.PollFailed;
import io.integrationmonitor.state.Jdbc;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The edge of alert evaluation: for each poll of a target, one transaction that locks the target's
 * {@code alert_target} row, loads its alert states, asks the {@link AlertEvaluator}, writes the new states
 * and enqueues the notifications in the outbox. State changes and the notifications they cause commit
 * together, so a restart neither re-sends nor forgets; sending is the {@link OutboxDispatcher}'s job, so
 * polls never wait on a receiver.
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

    AlertEngine(AlertEvaluator evaluator, Jdbc jdbc, AlertStore store, Outbox outbox, Silences silences,
                AlertMetrics metrics, Clock clock, Runnable onEnqueued) {
        this.evaluator = evaluator;
        this.jdbc = jdbc;
        this.store = store;
        this.outbox = outbox;
        this.silences = silences;
        this.metrics = metrics;
        this.clock = clock;
        this.onEnqueued = onEnqueued;
    }

    @Override
    public void onPollCompleted(PollCompleted event) {
        evaluate(event.target().key(), event.at(), context -> evaluator.completed(event, context));
    }

    @Override
    public void onPollFailed(PollFailed event) {
        if (evaluator.concerns(event)) {
            evaluate(event.target().key(), event.at(), context -> evaluator.failed(event, context));
        }
    }

    /** Every pending or firing alert, with its silenced flag. */
    public List<AlertView> alerts() {
        return store.all().stream()
                .map(s -> new AlertView(s.alert(), s.firing(), s.silenced(), s.seenCount(), s.lastSent()))
                .toList();
    }

    private void evaluate(String targetKey, Instant pollAt, Function<AlertEvaluator.Context, Evaluation> evaluation) {
        Instant now = clock.instant();
        Silences.Snapshot silenced = silences.snapshot(now);
        Evaluation result = jdbc.inTransaction("evaluating the alerts of " + targetKey, c -> {
            if (!store.lockTarget(c, targetKey, pollAt)) {
                return Evaluation.NONE;
            }
            Map<String, AlertState> states = store.loadTarget(c, targetKey);
            // Only an alert already sent can be reminded of: without one, the backlog does not matter.
            boolean anySent = states.values().stream().anyMatch(s -> !s.lastSent().isEmpty());
            Set<String> backlogged = anySent ? outbox.backlogged(c) : Set.of();
            Evaluation e = evaluation.apply(new AlertEvaluator.Context(states, silenced::silences, backlogged, now));
            for (AlertState s : e.saved()) {
                store.save(c, s, now);
            }
            for (String key : e.deleted()) {
                store.delete(c, key);
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
