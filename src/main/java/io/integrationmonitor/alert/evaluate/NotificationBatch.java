package io.integrationmonitor.alert.evaluate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The notifications of one evaluation, per receiver: one listing every resolved alert, one every changed
 * resource (a changed-to resolve paired with its successor's first firing), one every firing alert.
 */
final class NotificationBatch {
    private final Instant now;
    private final Map<String, ReceiverPolicy> receivers;
    private final Supplier<String> ids;
    private final Map<String, List<Entry>> byReceiver = new LinkedHashMap<>();

    NotificationBatch(Instant now, Map<String, ReceiverPolicy> receivers, Supplier<String> ids) {
        this.now = now;
        this.receivers = receivers;
        this.ids = ids;
    }

    void add(String receiver, NotificationState state, boolean reminder, Alert alert) {
        byReceiver.computeIfAbsent(receiver, k -> new ArrayList<>()).add(new Entry(state, reminder, alert));
    }

    List<Notification> notifications() {
        List<Notification> notifications = new ArrayList<>();
        for (Map.Entry<String, List<Entry>> e : byReceiver.entrySet()) {
            String name = e.getKey();
            List<Alert> resolved = new ArrayList<>();
            List<Entry> firing = new ArrayList<>();
            for (Entry entry : e.getValue()) {
                if (entry.state() == NotificationState.RESOLVED) {
                    resolved.add(entry.alert());
                } else {
                    firing.add(entry);
                }
            }
            List<Alert> changedFrom = new ArrayList<>();
            List<Alert> changedTo = new ArrayList<>();
            ReceiverPolicy receiver = receivers.get(name);
            for (Alert r : List.copyOf(resolved)) {
                if (!r.resolution().startsWith(Notification.CHANGED_RESOLUTION)) {
                    continue;
                }
                Entry successor = firing.stream()
                        .filter(f -> !f.reminder() && AlertConditions.isUnhealthy(f.alert().condition())
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
            add(notifications, name, NotificationState.RESOLVED, false, resolved, List.of());
            add(notifications, name, NotificationState.CHANGED, false, changedTo, changedFrom);
            add(notifications, name, NotificationState.FIRING, firing.stream().allMatch(Entry::reminder),
                    firing.stream().map(Entry::alert).toList(), List.of());
        }
        return notifications;
    }

    private void add(List<Notification> to, String receiver, NotificationState state, boolean reminder,
                     List<Alert> alerts, List<Alert> previous) {
        if (!alerts.isEmpty()) {
            to.add(new Notification(ids.get(), receiver, state, reminder, alerts, now, previous));
        }
    }

    private record Entry(NotificationState state, boolean reminder, Alert alert) {
    }
}
