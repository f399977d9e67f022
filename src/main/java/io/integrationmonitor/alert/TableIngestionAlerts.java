package io.integrationmonitor.alert;

import io.integrationmonitor.alert.evaluate.AlertState;
import io.integrationmonitor.alert.evaluate.Evaluation;
import io.integrationmonitor.alert.evaluate.Notification;
import io.integrationmonitor.alert.evaluate.TableAlertEvaluator;
import io.integrationmonitor.alert.evaluate.TableFailure;
import io.integrationmonitor.alert.outbox.AlertMetrics;
import io.integrationmonitor.alert.outbox.Outbox;
import io.integrationmonitor.alert.silence.Silences;
import io.integrationmonitor.detect.EventListener;
import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.PollCompleted;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.events.TableIngestion;
import io.integrationmonitor.events.TableIngestions;
import io.integrationmonitor.state.Jdbc;
import io.integrationmonitor.state.TableDecision;
import io.integrationmonitor.state.TableIngestionDecider;
import io.integrationmonitor.state.TableIngestionStore;
import io.integrationmonitor.state.TableState;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The edge of table events ({@link TableIngestions}): one transaction per event holds its receipt, the table's
 * new state and history event ({@link TableIngestionStore}), the table alert's new state and its outbox rows, so
 * a message is deleted only once all of that is durable and a duplicate (on any replica) changes nothing. As an
 * {@link EventListener} it also resolves the table alerts of an integration a complete poll saw vanish.
 */
public final class TableIngestionAlerts implements TableIngestions, EventListener {
    private final Jdbc jdbc;
    private final TableIngestionStore tables;
    private final TableAlertEvaluator evaluator;
    private final AlertStore store;
    private final Outbox outbox;
    private final Silences silences;
    private final AlertMetrics metrics;
    private final Clock clock;
    private final Runnable onEnqueued;
    private final Consumer<TableDecision> applied;

    /** @param applied told every committed decision (metrics), after the commit */
    TableIngestionAlerts(Jdbc jdbc, TableIngestionStore tables, TableAlertEvaluator evaluator, AlertStore store,
                         Outbox outbox, Silences silences, AlertMetrics metrics, Clock clock, Runnable onEnqueued,
                         Consumer<TableDecision> applied) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.evaluator = evaluator;
        this.store = store;
        this.outbox = outbox;
        this.silences = silences;
        this.metrics = metrics;
        this.clock = clock;
        this.onEnqueued = onEnqueued;
        this.applied = applied;
    }

    @Override
    public Outcome apply(TableIngestion event) {
        Instant now = clock.instant();
        Silences.Snapshot silenced = silences.snapshot(now);
        Applied result = jdbc.inTransaction("applying table event " + event.eventId(), c -> {
            TableDecision decision = tables.apply(c, event);
            Evaluation evaluation = switch (decision.change()) {
                case RAISED, UPDATED -> evaluator.failing(failure(decision.newState()),
                        store.lockKey(c, key(decision.newState())), silenced::silences, now);
                case RESOLVED -> evaluator.recovered(store.lockKey(c, key(decision.newState())), now);
                case NONE -> Evaluation.NONE;
            };
            persist(c, evaluation, now);
            return new Applied(decision, evaluation);
        });
        afterCommit(result.evaluation());
        applied.accept(result.decision());
        return result.decision().outcome();
    }

    /** A complete poll that saw an integration vanish resolves its tables' alerts and forgets their failures. */
    @Override
    public void onPollCompleted(PollCompleted poll) {
        for (ResourceEvent e : poll.events()) {
            if (e.type() == EventType.VANISHED && e.resource() != null && e.kind().isIntegration()) {
                vanished(e.resource().arn());
            }
        }
    }

    private void vanished(String integrationArn) {
        Instant now = clock.instant();
        Evaluation evaluation = jdbc.inTransaction("resolving the table alerts of " + integrationArn, c -> {
            tables.forgetFailures(c, integrationArn);
            Evaluation e = evaluator.vanished(
                    store.lockKeysStartingWith(c, TableAlertEvaluator.keyPrefix(integrationArn)), now);
            persist(c, e, now);
            return e;
        });
        afterCommit(evaluation);
    }

    private void persist(Connection c, Evaluation e, Instant now) throws SQLException {
        for (AlertState s : e.saved()) {
            store.save(c, s, s.alert().targetKey(), now);
        }
        for (String key : e.deleted()) {
            store.deleteKey(c, key);
        }
        for (Notification n : e.notifications()) {
            outbox.enqueue(c, n);
        }
    }

    private void afterCommit(Evaluation e) {
        e.silencedFor().forEach(receiver -> metrics.count(receiver, AlertMetrics.OUTCOME_SILENCED));
        e.notifications().forEach(n -> metrics.count(n.receiver(), AlertMetrics.OUTCOME_ENQUEUED));
        metrics.refreshFiring(store::firingCounts);
        if (!e.notifications().isEmpty()) {
            onEnqueued.run();
        }
    }

    private static String key(TableState s) {
        return TableAlertEvaluator.key(s.integrationArn(), s.table());
    }

    private static TableFailure failure(TableState s) {
        return new TableFailure(s.integrationArn(), s.table(), TableIngestionDecider.kindOf(s.integrationArn()).label(),
                TableIngestionDecider.nameOf(s.integrationArn()), s.accountId(), s.region(), s.errorCode(),
                s.errorMessage(), s.failedSince());
    }

    private record Applied(TableDecision decision, Evaluation evaluation) {
    }
}
