package io.integrationmonitor.alert;

import io.integrationmonitor.config.AlertingConfig;
import io.integrationmonitor.detect.EventListener;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.PollCompleted;
import io.integrationmonitor.detect.PollFailed;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.UnlistedDataIntegration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The alert lifecycle. An alert is keyed by (resource ARN, condition), or (poll target, {@code poll_failing}).
 * On each completed poll of a target it fires alerts whose condition was seen in {@code firing_threshold}
 * consecutive polls, reminds every {@code repeat_interval} (Alertmanager: its {@code resend_interval}),
 * and resolves those not seen for {@code resolve_threshold} polls or whose resource vanished.
 *
 * <p>State changes and the notifications they cause are committed in one transaction, so a restart
 * neither re-sends nor forgets. Sending is the {@link OutboxDispatcher}'s job: polls never wait on a receiver.
 * Each evaluation locks its target's {@code alert_target} row first, so replicas evaluating the same target
 * serialize (and the later sees what the earlier committed) while different targets proceed in parallel.
 * Alerts are derived from the current state, not only from the poll's events: if a replica died after the
 * state store committed a poll but before this ran, the next poll of the target, on any replica, still
 * fires the alert, once.
 *
 * <p>Thread-safe without a lock of its own: that row lock is the only serialisation, so a slow evaluation
 * of one target (a large estate, a slow database) never holds up another's. Everything else the engine
 * holds is immutable, or a thread-safe metric.
 */
public final class AlertEngine implements EventListener {
    private final AlertingConfig config;
    private final DataSource dataSource;
    private final AlertStore store;
    private final Outbox outbox;
    private final Silences silences;
    private final Router router;
    private final Map<String, Receiver> receivers;
    private final AlertMetrics metrics;
    private final Clock clock;
    private final Runnable onEnqueued;
    /** Read and publish of the firing gauges as one step, so a concurrent older read never overwrites a newer. */
    private final Object firingGauges = new Object();

    AlertEngine(AlertingConfig config, DataSource dataSource, AlertStore store, Outbox outbox, Silences silences,
                Router router, Map<String, Receiver> receivers, AlertMetrics metrics, Clock clock, Runnable onEnqueued) {
        this.config = config;
        this.dataSource = dataSource;
        this.store = store;
        this.outbox = outbox;
        this.silences = silences;
        this.router = router;
        this.receivers = Map.copyOf(receivers);
        this.metrics = metrics;
        this.clock = clock;
        this.onEnqueued = onEnqueued;
    }

    @Override
    public void onPollCompleted(PollCompleted event) {
        String targetKey = event.target().key();
        Map<String, KnownResource> current = new HashMap<>();
        Map<String, Alert> seen = new LinkedHashMap<>();
        for (KnownResource kr : event.current()) {
            current.put(kr.arn(), kr);
            for (Condition c : AlertConditions.of(kr)) {
                seen.put(AlertConditions.key(kr, c), AlertConditions.alert(kr, c, targetKey));
            }
        }
        for (ResourceEvent e : event.events()) {
            KnownResource kr = e.resource() == null ? null : current.get(e.resource().arn());
            if (kr != null) {
                AlertConditions.of(e.type(), kr.resource().kind()).ifPresent(c ->
                        seen.putIfAbsent(AlertConditions.key(kr, c), AlertConditions.alert(kr, c, targetKey)));
            }
        }
        Map<Alert, Integer> unlisted = unlistedAlerts(event);
        Instant now = clock.instant();
        Silences.Snapshot silenced = silences.snapshot(now);
        int enqueued = Sql.inTransaction(dataSource, c -> {
            if (!store.lockTarget(c, targetKey, event.at())) {
                return 0;
            }
            Map<String, AlertState> states = store.loadTarget(c, targetKey);
            Map<String, Alert> successors = successors(states, seen);
            Batch batch = new Batch(now);
            for (Alert alert : seen.values()) {
                AlertState prev = states.remove(alert.key());
                int seenCount = prev == null ? 1 : prev.seenCount() + 1;
                // the resource already alerts, in another condition: no threshold to wait for
                boolean succeeds = successors.get(AlertConditions.resourceKey(alert)) == alert;
                evaluateSeen(c, prev, alert, seenCount, succeeds || seenCount >= config.firingThreshold(),
                        silenced, batch, now);
            }
            for (Map.Entry<Alert, Integer> alert : unlisted.entrySet()) {
                evaluateSeen(c, states.remove(alert.getKey().key()), alert.getKey(), alert.getValue(), true, silenced,
                        batch, now);
            }
            for (AlertState prev : states.values()) {
                evaluateNotSeen(c, prev, current.get(prev.alert().arn()),
                        successors.get(AlertConditions.resourceKey(prev.alert())), batch, now);
            }
            return batch.enqueue(c);
        });
        afterEvaluation(enqueued);
    }

    /**
     * A poll-failing alert per data integration whose associations could not be listed for
     * {@code alerting.poll_failure_threshold} polls in a row, with its streak; it resolves like a target's
     * poll-failing alert, on the first poll that lists it again (or no longer lists it at all).
     */
    private Map<Alert, Integer> unlistedAlerts(PollCompleted event) {
        PollTarget t = event.target();
        Map<Alert, Integer> alerts = new LinkedHashMap<>();
        for (UnlistedDataIntegration u : event.snapshot().unlisted()) {
            if (u.consecutiveFailures() >= config.pollFailureThreshold()) {
                alerts.put(new Alert(unlistedKey(t, u.arn()), Condition.POLL_FAILING.label(),
                        t.source().kind().label(), u.name(), u.arn(), t.accountId(), t.region(), t.key(),
                        u.reason().label(), null, Instant.EPOCH, null,
                        List.of(u.consecutiveFailures() + " consecutive polls could not list the associations of data "
                                + "integration " + u.name() + ": " + u.message()), "", Map.of(), "", ""),
                        u.consecutiveFailures());
            }
        }
        return alerts;
    }

    static String unlistedKey(PollTarget t, String dataIntegrationArn) {
        return "target:" + t.key() + "|data_integration:" + dataIntegrationArn + "|" + Condition.POLL_FAILING.label();
    }

    @Override
    public void onPollFailed(PollFailed event) {
        if (event.consecutiveFailures() < config.pollFailureThreshold()) {
            return;
        }
        PollTarget t = event.target();
        Alert alert = new Alert(pollFailingKey(t), Condition.POLL_FAILING.label(), t.source().kind().label(),
                t.key(), "", t.accountId(), t.region(), t.key(), event.reason().label(), null, Instant.EPOCH, null,
                List.of(event.consecutiveFailures() + " consecutive failed polls: " + event.message()), "", Map.of(), "", "");
        Instant now = clock.instant();
        Silences.Snapshot silenced = silences.snapshot(now);
        int enqueued = Sql.inTransaction(dataSource, c -> {
            if (!store.lockTarget(c, t.key(), event.at())) {
                return 0;
            }
            AlertState prev = store.loadTarget(c, t.key()).get(alert.key());
            Batch batch = new Batch(now);
            evaluateSeen(c, prev, alert, event.consecutiveFailures(), true, silenced, batch, now);
            return batch.enqueue(c);
        });
        afterEvaluation(enqueued);
    }

    /** Every pending or firing alert, with its silenced flag. */
    public List<AlertView> alerts() {
        return store.all().stream()
                .map(s -> new AlertView(s.alert(), s.firing(), s.silenced(), s.seenCount(), s.lastSent()))
                .toList();
    }

    /**
     * Resources whose firing unhealthy alert is gone while another unhealthy condition is seen (FAILED →
     * NEEDS_ATTENTION), by resource key, with the alert that takes over. The two stay separate alerts (the
     * condition is part of the identity, and of Alertmanager's label set), but the change is one notice.
     */
    private static Map<String, Alert> successors(Map<String, AlertState> states, Map<String, Alert> seen) {
        Map<String, Alert> unhealthySeen = new HashMap<>();
        for (Alert a : seen.values()) {
            if (AlertConditions.isUnhealthy(a.conditionEnum())) {
                unhealthySeen.put(AlertConditions.resourceKey(a), a);
            }
        }
        Map<String, Alert> successors = new HashMap<>();
        for (AlertState s : states.values()) {
            String resource = AlertConditions.resourceKey(s.alert());
            if (s.firing() && !seen.containsKey(s.alert().key())
                    && AlertConditions.isUnhealthy(s.alert().conditionEnum()) && unhealthySeen.containsKey(resource)) {
                successors.put(resource, unhealthySeen.get(resource));
            }
        }
        return successors;
    }

    private void evaluateSeen(Connection c, AlertState prev, Alert fresh, int seenCount, boolean thresholdReached,
                              Silences.Snapshot silenced, Batch batch, Instant now) throws SQLException {
        boolean wasFiring = prev != null && prev.firing();
        boolean firing = wasFiring || thresholdReached;
        Alert alert = fresh.withStartsAt(wasFiring ? prev.alert().startsAt() : now);
        boolean isSilenced = firing && silenced.silences(alert);
        boolean wasSilenced = prev != null && prev.silenced();
        Map<String, Instant> lastSent = new HashMap<>(prev == null ? Map.of() : prev.lastSent());
        if (firing) {
            for (String name : router.receiversFor(alert)) {
                Receiver receiver = receivers.get(name);
                Instant last = lastSent.get(name);
                if (isSilenced) {
                    if (!wasSilenced) {
                        metrics.count(name, AlertMetrics.OUTCOME_SILENCED);
                    }
                } else if (last == null) {
                    batch.add(name, Notification.FIRING, false, alert);
                    lastSent.put(name, now);
                } else if (!now.isBefore(last.plus(repeatInterval(receiver)))
                        && outbox.pendingCount(c, name) == 0) {
                    // A reminder is skipped while the receiver still has a backlog: it would only pile up.
                    batch.add(name, Notification.FIRING, true, alert);
                    lastSent.put(name, now);
                }
            }
        }
        store.save(c, new AlertState(alert, firing, isSilenced, seenCount, 0, lastSent), now);
    }

    /** @param successor the alert of the condition the resource changed to (see {@link #successors}), or null */
    private void evaluateNotSeen(Connection c, AlertState prev, KnownResource current, Alert successor, Batch batch,
                                 Instant now) throws SQLException {
        int healthy = prev.healthyCount() + 1;
        boolean pollRecovered = prev.alert().conditionEnum() == Condition.POLL_FAILING;
        if (!prev.firing()) {
            store.delete(c, prev.alert().key());
            return;
        }
        if (!pollRecovered && successor == null && healthy < config.resolveThreshold()) {
            store.save(c, new AlertState(prev.alert(), true, prev.silenced(), 0, healthy, prev.lastSent()), now);
            return;
        }
        Alert resolved;
        if (pollRecovered) {
            resolved = prev.alert().resolved(now, "polls succeed again");
        } else if (successor != null) {
            // still unhealthy: never "recovered"; Batch pairs it with the successor's firing into one CHANGED
            resolved = prev.alert().resolved(now, Notification.CHANGED_RESOLUTION + successor.status());
        } else if (current != null) {
            resolved = AlertConditions.alert(current, prev.alert().conditionEnum(), prev.alert().targetKey())
                    .withStartsAt(prev.alert().startsAt())
                    .resolved(now, "recovered (now " + current.status() + ")");
        } else {
            resolved = prev.alert().resolved(now, "vanished (no longer reported by AWS)");
        }
        // Only receivers that were told it fired hear that it resolved.
        for (String name : prev.lastSent().keySet()) {
            Receiver receiver = receivers.get(name);
            if (receiver != null && (receiver.sendResolved() || successor != null)) {
                batch.add(name, Notification.RESOLVED, false, resolved);
            }
        }
        store.delete(c, prev.alert().key());
    }

    private Duration repeatInterval(Receiver receiver) {
        return receiver == null ? config.repeatInterval() : receiver.resendInterval().orElse(config.repeatInterval());
    }

    private void afterEvaluation(int enqueued) {
        synchronized (firingGauges) {
            metrics.firingCounts(store.firingCounts());
        }
        if (enqueued > 0) {
            onEnqueued.run();
        }
    }

    static String pollFailingKey(PollTarget t) {
        return "target:" + t.key() + "|" + Condition.POLL_FAILING.label();
    }

    /**
     * The notifications of one evaluation, per receiver: one listing every resolved alert, one every changed
     * resource (a changed-to resolve paired with its successor's first firing), one every firing alert.
     */
    private final class Batch {
        private final Instant now;
        private final Map<String, List<Entry>> byReceiver = new LinkedHashMap<>();

        Batch(Instant now) {
            this.now = now;
        }

        void add(String receiver, String state, boolean reminder, Alert alert) {
            byReceiver.computeIfAbsent(receiver, k -> new ArrayList<>()).add(new Entry(state, reminder, alert));
        }

        int enqueue(Connection c) throws SQLException {
            int enqueued = 0;
            for (Map.Entry<String, List<Entry>> e : byReceiver.entrySet()) {
                String name = e.getKey();
                List<Alert> resolved = new ArrayList<>();
                List<Entry> firing = new ArrayList<>();
                for (Entry entry : e.getValue()) {
                    if (Notification.RESOLVED.equals(entry.state())) {
                        resolved.add(entry.alert());
                    } else {
                        firing.add(entry);
                    }
                }
                List<Alert> changedFrom = new ArrayList<>();
                List<Alert> changedTo = new ArrayList<>();
                Receiver receiver = receivers.get(name);
                for (Alert r : List.copyOf(resolved)) {
                    if (!r.resolution().startsWith(Notification.CHANGED_RESOLUTION)) {
                        continue;
                    }
                    Entry successor = firing.stream()
                            .filter(f -> !f.reminder() && AlertConditions.isUnhealthy(f.alert().conditionEnum())
                                    && AlertConditions.resourceKey(f.alert()).equals(AlertConditions.resourceKey(r)))
                            .findFirst().orElse(null);
                    if (successor != null) {
                        resolved.remove(r);
                        firing.remove(successor);
                        changedFrom.add(r);
                        changedTo.add(successor.alert());
                    } else if (receiver == null || !receiver.sendResolved()) {
                        resolved.remove(r); // added only to be paired
                    }
                }
                // Resolved notices first: a group never mixes states, and order per alert is kept by the outbox.
                enqueued += enqueue(c, name, Notification.RESOLVED, false, resolved, List.of());
                enqueued += enqueue(c, name, Notification.CHANGED, false, changedTo, changedFrom);
                enqueued += enqueue(c, name, Notification.FIRING, firing.stream().allMatch(Entry::reminder),
                        firing.stream().map(Entry::alert).toList(), List.of());
            }
            return enqueued;
        }

        private int enqueue(Connection c, String receiver, String state, boolean reminder, List<Alert> alerts,
                            List<Alert> previous) throws SQLException {
            if (alerts.isEmpty()) {
                return 0;
            }
            outbox.enqueue(c, new Notification(UUID.randomUUID().toString(), receiver, state, reminder, alerts, now,
                    previous));
            metrics.count(receiver, AlertMetrics.OUTCOME_ENQUEUED);
            return 1;
        }
    }

    private record Entry(String state, boolean reminder, Alert alert) {
    }
}
