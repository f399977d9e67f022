package io.integrationmonitor.alert.evaluate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One grouped message to one receiver: every alert one poll fired (or resolved, or changed) for that receiver.
 *
 * @param idempotencyKey stable across retries and restarts; sent to receivers that can deduplicate
 * @param receiver       the configured receiver name
 * @param state          firing, resolved or changed
 * @param reminder       a repeat of alerts that were already notified
 * @param alerts         every alert of the group (renderers list at most the group cap); for {@link NotificationState#CHANGED}
 *                       the firing alerts of the new conditions
 * @param createdAt      when it was enqueued
 * @param previous       for {@link NotificationState#CHANGED} only: {@code previous.get(i)} is the (now resolved) alert of the
 *                       same resource that {@code alerts.get(i)} replaces; empty otherwise
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Notification(
        String idempotencyKey, String receiver, NotificationState state, boolean reminder, List<Alert> alerts, Instant createdAt,
        List<Alert> previous) {

    public Notification {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(state, "state");
        alerts = List.copyOf(alerts);
        if (alerts.isEmpty()) {
            throw new IllegalArgumentException("a notification needs at least one alert");
        }
        Objects.requireNonNull(createdAt, "createdAt");
        previous = previous == null ? List.of() : List.copyOf(previous);
        if (previous.size() != (state == NotificationState.CHANGED ? alerts.size() : 0)) {
            throw new IllegalArgumentException("a changed notification pairs each alert with its previous one,"
                    + " others have none");
        }
    }

    public Notification(
            String idempotencyKey, String receiver, NotificationState state, boolean reminder, List<Alert> alerts,
            Instant createdAt) {
        this(idempotencyKey, receiver, state, reminder, alerts, createdAt, List.of());
    }

    /** Firing or changed: the alerts it lists are firing. */
    public boolean firing() {
        return state != NotificationState.RESOLVED;
    }

    public boolean changed() {
        return state == NotificationState.CHANGED;
    }

    /** The most severe severity of the group. */
    public Severity severity() {
        return alerts.stream().anyMatch(a -> a.severity() == Severity.CRITICAL) ? Severity.CRITICAL : Severity.WARNING;
    }

    /**
     * A one-line title, e.g. {@code [FIRING] orders-zetl FAILED}, {@code [RESOLVED] orders-zetl recovered},
     * {@code [CHANGED] orders-zetl FAILED → NEEDS_ATTENTION} or {@code [FIRING] 60 alerts: FAILED}. Contains AWS
     * text: escape it for the target format.
     */
    public String title() {
        if (changed()) {
            List<String> moves = new ArrayList<>();
            for (int i = 0; i < alerts.size(); i++) {
                moves.add(change(previous.get(i), alerts.get(i)));
            }
            return alerts.size() == 1 ? "[CHANGED] " + alerts.get(0).displayName() + " " + moves.get(0)
                    : "[CHANGED] " + alerts.size() + " alerts: "
                    + String.join(", ", moves.stream().distinct().sorted().toList());
        }
        String prefix = firing() ? (reminder ? "[FIRING, reminder] " : "[FIRING] ") : "[RESOLVED] ";
        if (alerts.size() == 1) {
            Alert a = alerts.get(0);
            return prefix + a.displayName() + " " + (firing() ? a.condition().headline() : resolvedWord(a));
        }
        List<String> headlines = alerts.stream().map(a -> a.condition().headline()).distinct().sorted().toList();
        boolean allRecovered = alerts.stream().allMatch(a -> "recovered".equals(resolvedWord(a)));
        return prefix + alerts.size() + " alerts: " + String.join(", ", headlines)
                + (firing() ? "" : allRecovered ? " recovered" : " resolved");
    }

    /** E.g. {@code FAILED → NEEDS_ATTENTION}: the statuses the two alerts were raised for. */
    static String change(Alert from, Alert to) {
        return from.status() + " → " + to.status();
    }

    private static String resolvedWord(Alert a) {
        if (a.resolution().startsWith(CHANGED_RESOLUTION)) {
            return "no longer " + a.condition().headline() + " (" + a.resolution() + ")";
        }
        if (a.resolution().startsWith(NO_LONGER_WATCHED)) {
            return NO_LONGER_WATCHED;
        }
        return a.resolution().startsWith("vanished") ? "vanished" : "recovered";
    }

    /** How a resolution begins when the resource is still unhealthy, in another condition. */
    static final String CHANGED_RESOLUTION = "changed to ";

    /**
     * How a freshness alert's resolution begins when its integration is no longer judged (no longer ACTIVE, or
     * gone): not "recovered", which would claim the data moves again.
     */
    static final String NO_LONGER_WATCHED = "no longer watched";
}
