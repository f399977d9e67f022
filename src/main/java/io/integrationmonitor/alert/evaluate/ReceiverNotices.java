package io.integrationmonitor.alert.evaluate;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an alert held apart from the status polls (a table's, a freshness condition's) tells its receivers while it
 * fires and when it resolves: one rule for {@link TableAlertEvaluator} and {@link FreshnessAlertEvaluator}.
 */
final class ReceiverNotices {
    private final RouteTable routes;
    private final Map<String, ReceiverPolicy> receivers;

    ReceiverNotices(RouteTable routes, Map<String, ReceiverPolicy> receivers) {
        this.routes = routes;
        this.receivers = receivers;
    }

    /**
     * A firing alert: each receiver its route names hears of it once, then every {@code repeat_interval} unless
     * it has a backlog; while silenced nobody does, and the receivers a silence starts to keep back are counted.
     *
     * @param sentBefore  when each receiver was last told, before this evaluation
     * @param backlogged  receivers with undelivered notifications: reminders to them wait
     * @param silencedFor collects the receivers a silence starts to keep back
     * @return when each receiver was last told, after this evaluation
     */
    Map<String, Instant> fireOrRemind(Alert alert, boolean isSilenced, boolean wasSilenced,
                                      Map<String, Instant> sentBefore, Set<String> backlogged,
                                      NotificationBatch batch, List<String> silencedFor, Instant now) {
        Map<String, Instant> lastSent = new HashMap<>(sentBefore);
        for (String name : routes.receiversFor(alert)) {
            Instant last = lastSent.get(name);
            ReceiverPolicy policy = receivers.get(name);
            if (isSilenced) {
                if (!wasSilenced) {
                    silencedFor.add(name);
                }
            } else if (last == null) {
                batch.add(name, NotificationState.FIRING, false, alert);
                lastSent.put(name, now);
            } else if (policy != null && !now.isBefore(last.plus(policy.repeatInterval()))
                    && !backlogged.contains(name)) {
                batch.add(name, NotificationState.FIRING, true, alert);
                lastSent.put(name, now);
            }
        }
        return lastSent;
    }

    /** A resolved alert: only the receivers that were told it fired hear that it resolved, if they want to. */
    void resolved(AlertState previous, Alert resolved, NotificationBatch batch) {
        for (String name : previous.lastSent().keySet()) {
            ReceiverPolicy receiver = receivers.get(name);
            if (receiver != null && receiver.sendResolved()) {
                batch.add(name, NotificationState.RESOLVED, false, resolved);
            }
        }
    }
}
