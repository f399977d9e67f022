package io.integrationmonitor.alert;

import io.integrationmonitor.alert.evaluate.AlertState;
import io.integrationmonitor.alert.evaluate.Evaluation;
import io.integrationmonitor.alert.evaluate.FreshnessAlertEvaluator;
import io.integrationmonitor.alert.evaluate.Notification;
import io.integrationmonitor.alert.outbox.AlertMetrics;
import io.integrationmonitor.alert.outbox.Outbox;
import io.integrationmonitor.alert.silence.Silences;
import io.integrationmonitor.freshness.FreshnessAlertSink;
import io.integrationmonitor.freshness.FreshnessFinding;
import io.integrationmonitor.state.Jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The alert edge of the freshness polls: one transaction per (account, region) and poll locks the holder's
 * {@code alert_target} row (so reconciliations of one holder serialize on every replica, and a late, older poll
 * changes nothing), reads its alert states, asks the {@link FreshnessAlertEvaluator}, and writes the new states
 * and their outbox rows together, as {@link TableIngestionAlerts} does for table events.
 */
final class FreshnessAlerts implements FreshnessAlertSink {
    private final Jdbc jdbc;
    private final FreshnessAlertEvaluator evaluator;
    private final AlertStore store;
    private final Outbox outbox;
    private final Silences silences;
    private final AlertMetrics metrics;
    private final Runnable onEnqueued;

    FreshnessAlerts(Jdbc jdbc, FreshnessAlertEvaluator evaluator, AlertStore store, Outbox outbox,
                    Silences silences, AlertMetrics metrics, Runnable onEnqueued) {
        this.jdbc = jdbc;
        this.evaluator = evaluator;
        this.store = store;
        this.outbox = outbox;
        this.silences = silences;
        this.metrics = metrics;
        this.onEnqueued = onEnqueued;
    }

    @Override
    public void reconcile(String accountId, String region, List<FreshnessFinding> findings, Set<String> judged,
                          Instant now) {
        String holder = FreshnessAlertEvaluator.holder(accountId, region);
        Silences.Snapshot silenced = silences.snapshot(now);
        Evaluation evaluation = jdbc.inTransaction("reconciling the freshness alerts of " + holder, c -> {
            if (!store.lockTarget(c, holder, now)) {
                return Evaluation.NONE; // this poll, or a newer one, was reconciled already
            }
            List<AlertState> held = store.lockHolder(c, holder);
            if (held.isEmpty() && findings.isEmpty()) {
                return Evaluation.NONE;
            }
            Set<String> backlogged = held.stream().anyMatch(s -> !s.lastSent().isEmpty()) ? outbox.backlogged(c)
                    : Set.of();
            Evaluation e = evaluator.reconcile(accountId, region, held, findings, judged, silenced::silences,
                    backlogged, now);
            persist(c, e, holder, now);
            return e;
        });
        evaluation.silencedFor().forEach(receiver -> metrics.count(receiver, AlertMetrics.OUTCOME_SILENCED));
        evaluation.notifications().forEach(n -> metrics.count(n.receiver(), AlertMetrics.OUTCOME_ENQUEUED));
        metrics.refreshFiring(store::firingCounts);
        if (!evaluation.notifications().isEmpty()) {
            onEnqueued.run();
        }
    }

    private void persist(Connection c, Evaluation e, String holder, Instant now) throws SQLException {
        for (AlertState s : e.saved()) {
            store.save(c, s, holder, now);
        }
        for (String key : e.deleted()) {
            store.delete(c, key, holder);
        }
        for (Notification n : e.notifications()) {
            outbox.enqueue(c, n);
        }
    }
}
