package io.integrationmonitor.alert;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One grouped message to one receiver: every alert one poll fired (or resolved) for that receiver.
 *
 * @param idempotencyKey stable across retries and restarts; sent to receivers that can deduplicate
 * @param receiver       the configured receiver name
 * @param state          {@link #FIRING} or {@link #RESOLVED}
 * @param reminder       a repeat of alerts that were already notified
 * @param alerts         every alert of the group (renderers list at most the group cap)
 * @param createdAt      when it was enqueued
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Notification(
        String idempotencyKey, String receiver, String state, boolean reminder, List<Alert> alerts, Instant createdAt) {

    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    public Notification {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(receiver, "receiver");
        if (!FIRING.equals(state) && !RESOLVED.equals(state)) {
            throw new IllegalArgumentException("state must be firing or resolved, got " + state);
        }
        alerts = List.copyOf(alerts);
        if (alerts.isEmpty()) {
            throw new IllegalArgumentException("a notification needs at least one alert");
        }
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean firing() {
        return FIRING.equals(state);
    }

    /** The most severe severity of the group. */
    public Severity severity() {
        return alerts.stream().anyMatch(a -> a.severity() == Severity.CRITICAL) ? Severity.CRITICAL : Severity.WARNING;
    }

    /**
     * A one-line title, e.g. {@code [FIRING] orders-zetl FAILED}, {@code [RESOLVED] orders-zetl recovered}
     * or {@code [FIRING] 60 alerts: FAILED}. Contains AWS text: escape it for the target format.
     */
    public String title() {
        String prefix = firing() ? (reminder ? "[FIRING, reminder] " : "[FIRING] ") : "[RESOLVED] ";
        if (alerts.size() == 1) {
            Alert a = alerts.get(0);
            return prefix + a.displayName() + " " + (firing() ? a.conditionEnum().headline() : resolvedWord(a));
        }
        List<String> headlines = alerts.stream().map(a -> a.conditionEnum().headline()).distinct().sorted().toList();
        return prefix + alerts.size() + " alerts: " + String.join(", ", headlines)
                + (firing() ? "" : " recovered");
    }

    private static String resolvedWord(Alert a) {
        return a.resolution().startsWith("vanished") ? "vanished" : "recovered";
    }
}
