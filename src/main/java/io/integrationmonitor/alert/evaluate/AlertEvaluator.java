package io.integrationmonitor.alert.evaluate;

import io.integrationmonitor.config.AlertingConfig;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.PollCompleted;
import io.integrationmonitor.detect.PollFailed;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.UnlistedDataIntegration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The alert lifecycle of one poll target, as a pure function in the shape of the {@code Detector}: the
 * target's previous alert states and what a poll saw in, the new states and the notifications to enqueue
 * out. An alert is keyed by (resource ARN, condition), or (poll target, {@code poll_failing}). It fires
 * once its condition was seen in {@code firing_threshold} consecutive polls, reminds every
 * {@code repeat_interval} (a receiver may ask for its own), and resolves when not seen for
 * {@code resolve_threshold} polls or when its resource vanished.
 *
 * <p>Alerts are derived from the current state, not only from the poll's events: a poll whose alerts were
 * never evaluated (a replica died in between) is caught up by the next. Holds only immutable configuration;
 * the edge ({@code alert.AlertEngine}) reads the inputs and writes the result in one transaction.
 */
public final class AlertEvaluator {
    private final AlertingConfig config;
    private final RouteTable routes;
    private final Map<String, ReceiverPolicy> receivers;
    private final Supplier<String> ids;

    /**
     * @param receivers by configured name
     * @param ids       idempotency keys of new notifications (unique)
     */
    public AlertEvaluator(AlertingConfig config, RouteTable routes, Map<String, ReceiverPolicy> receivers,
                   Supplier<String> ids) {
        this.config = config;
        this.routes = routes;
        this.receivers = Map.copyOf(receivers);
        this.ids = ids;
    }

    /**
     * What an evaluation reads besides the poll.
     *
     * @param previous   the target's alert states by key
     * @param silenced   whether a silence active now matches an alert
     * @param backlogged receivers with undelivered notifications: reminders to them wait, they would only pile up
     * @param now        when the evaluation runs
     * @param ownedElsewhere ARNs another listing owns ({@code detect.Listings}): this target's resources that a
     *                   better listing reports too, and the ARNs of this target's alerts that it no longer lists
     *                   but another target does. They are left out: no alert raised for them here, and this
     *                   target's alerts of them neither resolved nor reminded (their owner adopts them)
     * @param adopted    alert states held under other targets about ARNs this target owns, by key: taken over
     *                   as if they were this target's (no second firing notice)
     */
    public record Context(Map<String, AlertState> previous, Predicate<Alert> silenced, Set<String> backlogged,
                   Instant now, Set<String> ownedElsewhere, Map<String, AlertState> adopted) {
        public Context {
            previous = Map.copyOf(previous);
            backlogged = Set.copyOf(backlogged);
            ownedElsewhere = Set.copyOf(ownedElsewhere);
            adopted = Map.copyOf(adopted);
        }

        /** A target that shares no ARN with another. */
        public Context(Map<String, AlertState> previous, Predicate<Alert> silenced, Set<String> backlogged,
                       Instant now) {
            this(previous, silenced, backlogged, now, Set.of(), Map.of());
        }
    }

    /**
     * A completed poll: fires, reminds and resolves every alert of its target, about the resources it owns
     * (see {@link Context#ownedElsewhere()}); the alerts it adopts are saved under it from now on. A targeted
     * poll ({@code Snapshot#targeted()}) evaluates only the alerts of its one ARN: the others are neither seen
     * again nor counted healthy, and stay as they are.
     */
    public Evaluation completed(PollCompleted poll, Context context) {
        String targetKey = poll.target().key();
        Map<String, KnownResource> current = new HashMap<>();
        Map<String, Alert> seen = new LinkedHashMap<>();
        for (KnownResource kr : poll.current()) {
            if (context.ownedElsewhere().contains(kr.arn()) || !poll.snapshot().covers(kr.arn())) {
                continue;
            }
            current.put(kr.arn(), kr);
            for (Condition c : AlertConditions.of(kr)) {
                seen.put(AlertConditions.key(kr, c), AlertConditions.alert(kr, c, targetKey));
            }
        }
        for (ResourceEvent e : poll.events()) {
            KnownResource kr = e.resource() == null ? null : current.get(e.resource().arn());
            if (kr != null) {
                AlertConditions.of(e.type(), kr.resource().kind()).ifPresent(c ->
                        seen.putIfAbsent(AlertConditions.key(kr, c), AlertConditions.alert(kr, c, targetKey)));
            }
        }
        Map<String, AlertState> states = new LinkedHashMap<>();
        context.previous().forEach((key, state) -> {
            // an alert about a resource another listing owns is that listing's to evaluate
            if (!context.ownedElsewhere().contains(state.alert().resourceArn()) && covers(poll, state)) {
                states.put(key, state);
            }
        });
        context.adopted().forEach((key, state) -> {
            if (covers(poll, state)) {
                states.putIfAbsent(key, adopt(state, targetKey));
            }
        });
        Map<String, Alert> successors = successors(states, seen);
        Run run = new Run(context);
        for (Alert alert : seen.values()) {
            AlertState prev = states.remove(alert.key());
            int seenCount = prev == null ? 1 : prev.seenCount() + 1;
            // the resource already alerts, in another condition: no threshold to wait for
            boolean succeeds = successors.get(AlertConditions.resourceKey(alert)) == alert;
            run.seen(prev, alert, seenCount, succeeds || seenCount >= config.firingThreshold());
        }
        for (Map.Entry<Alert, Integer> unlisted : unlistedAlerts(poll).entrySet()) {
            Alert alert = unlisted.getKey();
            run.seen(states.remove(alert.key()), alert, unlisted.getValue(), true);
        }
        for (AlertState prev : states.values()) {
            run.notSeen(prev, current.get(prev.alert().arn()),
                    successors.get(AlertConditions.resourceKey(prev.alert())));
        }
        return run.result();
    }

    /** Whether the poll tells of the alert's resource: a full poll of every one, a targeted poll of its ARN's. */
    private static boolean covers(PollCompleted poll, AlertState state) {
        return poll.snapshot().covers(state.alert().resourceArn());
    }

    /** Whether a failed poll concerns alerting at all: only from {@code poll_failure_threshold} failures on. */
    public boolean concerns(PollFailed poll) {
        return poll.consecutiveFailures() >= config.pollFailureThreshold();
    }

    /** A failed poll: fires (or reminds) its target's poll-failing alert; every other alert stays as it was. */
    public Evaluation failed(PollFailed poll, Context context) {
        if (!concerns(poll)) {
            return Evaluation.NONE;
        }
        PollTarget t = poll.target();
        Alert alert = Alert.builder(pollFailingKey(t), Condition.POLL_FAILING)
                .kind(t.source().kind().label()).name(t.key()).accountId(t.accountId()).region(t.region())
                .targetKey(t.key()).status(poll.reason().label())
                .errors(List.of(poll.consecutiveFailures() + " consecutive failed polls: " + poll.message()))
                .build();
        Run run = new Run(context);
        run.seen(context.previous().get(alert.key()), alert, poll.consecutiveFailures(), true);
        return run.result();
    }

    /**
     * A poll-failing alert per data integration whose associations could not be listed for
     * {@code alerting.poll_failure_threshold} polls in a row, with its streak; it resolves like a target's
     * poll-failing alert, on the first poll that lists it again (or no longer lists it at all).
     */
    private Map<Alert, Integer> unlistedAlerts(PollCompleted poll) {
        PollTarget t = poll.target();
        Map<Alert, Integer> alerts = new LinkedHashMap<>();
        for (UnlistedDataIntegration u : poll.snapshot().unlisted()) {
            if (u.consecutiveFailures() >= config.pollFailureThreshold()) {
                Alert alert = Alert.builder(unlistedKey(t, u.arn()), Condition.POLL_FAILING)
                        .kind(t.source().kind().label()).name(u.name()).arn(u.arn()).accountId(t.accountId())
                        .region(t.region()).targetKey(t.key()).status(u.reason().label())
                        .errors(List.of(u.consecutiveFailures() + " consecutive polls could not list the "
                                + "associations of data integration " + u.name() + ": " + u.message()))
                        .build();
                alerts.put(alert, u.consecutiveFailures());
            }
        }
        return alerts;
    }

    /** The state as the adopting target holds it: the same alert (key, firing, sent), now under this target. */
    private static AlertState adopt(AlertState s, String targetKey) {
        return new AlertState(s.alert().toBuilder().targetKey(targetKey).build(), s.firing(), s.silenced(),
                s.seenCount(), s.healthyCount(), s.lastSent());
    }

    static String pollFailingKey(PollTarget t) {
        return Alert.TARGET_KEY_PREFIX + t.key() + "|" + Condition.POLL_FAILING.label();
    }

    static String unlistedKey(PollTarget t, String dataIntegrationArn) {
        return Alert.TARGET_KEY_PREFIX + t.key() + "|data_integration:" + dataIntegrationArn + "|" + Condition.POLL_FAILING.label();
    }

    /**
     * Resources whose firing unhealthy alert is gone while another unhealthy condition is seen (FAILED →
     * NEEDS_ATTENTION), by resource key, with the alert that takes over. The two stay separate alerts (the
     * condition is part of the identity, and of Alertmanager's label set), but the change is one notice.
     */
    private static Map<String, Alert> successors(Map<String, AlertState> states, Map<String, Alert> seen) {
        Map<String, Alert> unhealthySeen = new HashMap<>();
        for (Alert a : seen.values()) {
            if (AlertConditions.isUnhealthy(a.condition())) {
                unhealthySeen.put(AlertConditions.resourceKey(a), a);
            }
        }
        Map<String, Alert> successors = new HashMap<>();
        for (AlertState s : states.values()) {
            String resource = AlertConditions.resourceKey(s.alert());
            if (s.firing() && !seen.containsKey(s.alert().key())
                    && AlertConditions.isUnhealthy(s.alert().condition()) && unhealthySeen.containsKey(resource)) {
                successors.put(resource, unhealthySeen.get(resource));
            }
        }
        return successors;
    }

    private Duration repeatInterval(String receiver) {
        ReceiverPolicy policy = receivers.get(receiver);
        return policy == null ? config.repeatInterval() : policy.repeatInterval();
    }

    /** One evaluation's decisions as they accumulate. */
    private final class Run {
        private final Context context;
        private final Instant now;
        private final NotificationBatch batch;
        private final List<AlertState> saved = new ArrayList<>();
        private final List<String> deleted = new ArrayList<>();
        private final List<String> silencedFor = new ArrayList<>();

        Run(Context context) {
            this.context = context;
            this.now = context.now();
            this.batch = new NotificationBatch(now, receivers, ids);
        }

        void seen(AlertState prev, Alert fresh, int seenCount, boolean thresholdReached) {
            boolean wasFiring = prev != null && prev.firing();
            boolean firing = wasFiring || thresholdReached;
            Alert alert = fresh.withStartsAt(wasFiring ? prev.alert().startsAt() : now);
            boolean isSilenced = firing && context.silenced().test(alert);
            boolean wasSilenced = prev != null && prev.silenced();
            Map<String, Instant> lastSent = new HashMap<>(prev == null ? Map.of() : prev.lastSent());
            if (firing) {
                for (String name : routes.receiversFor(alert)) {
                    Instant last = lastSent.get(name);
                    if (isSilenced) {
                        if (!wasSilenced) {
                            silencedFor.add(name);
                        }
                    } else if (last == null) {
                        batch.add(name, NotificationState.FIRING, false, alert);
                        lastSent.put(name, now);
                    } else if (!now.isBefore(last.plus(repeatInterval(name)))
                            && !context.backlogged().contains(name)) {
                        batch.add(name, NotificationState.FIRING, true, alert);
                        lastSent.put(name, now);
                    }
                }
            }
            saved.add(new AlertState(alert, firing, isSilenced, seenCount, 0, lastSent));
        }

        /** @param successor the alert of the condition the resource changed to (see {@link #successors}), or null */
        void notSeen(AlertState prev, KnownResource current, Alert successor) {
            int healthy = prev.healthyCount() + 1;
            boolean pollRecovered = prev.alert().condition() == Condition.POLL_FAILING;
            if (!prev.firing()) {
                deleted.add(prev.alert().key());
                return;
            }
            if (!pollRecovered && successor == null && healthy < config.resolveThreshold()) {
                saved.add(new AlertState(prev.alert(), true, prev.silenced(), 0, healthy, prev.lastSent()));
                return;
            }
            Alert resolved;
            if (pollRecovered) {
                resolved = prev.alert().resolved(now, "polls succeed again");
            } else if (successor != null) {
                // still unhealthy: never "recovered"; the batch pairs it with the successor's firing into one CHANGED
                resolved = prev.alert().resolved(now, Notification.CHANGED_RESOLUTION + successor.status());
            } else if (current != null) {
                resolved = AlertConditions.alert(current, prev.alert().condition(), prev.alert().targetKey())
                        .withStartsAt(prev.alert().startsAt())
                        .resolved(now, "recovered (now " + current.status() + ")");
            } else {
                resolved = prev.alert().resolved(now, "vanished (no longer reported by AWS)");
            }
            // Only receivers that were told it fired hear that it resolved.
            for (String name : prev.lastSent().keySet()) {
                ReceiverPolicy receiver = receivers.get(name);
                if (receiver != null && (receiver.sendResolved() || successor != null)) {
                    batch.add(name, NotificationState.RESOLVED, false, resolved);
                }
            }
            deleted.add(prev.alert().key());
        }

        Evaluation result() {
            return new Evaluation(saved, deleted, batch.notifications(), silencedFor);
        }
    }
}
