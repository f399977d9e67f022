package io.integrationmonitor.alert.evaluate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.integrationmonitor.text.Labels;

/** What a notification tells: stored in {@code alert_outbox.state} and sent as its label. */
public enum NotificationState implements Labels.Labelled {
    FIRING("firing"),
    RESOLVED("resolved"),
    /** A resource still unhealthy in another condition (FAILED → NEEDS_ATTENTION): one notice, not a resolve and a fire. */
    CHANGED("changed");

    private final String label;

    NotificationState(String label) {
        this.label = label;
    }

    @JsonValue
    @Override
    public String label() {
        return label;
    }

    @JsonCreator
    public static NotificationState fromLabel(String label) {
        return Labels.find(NotificationState.class, label).orElseThrow(() ->
                new IllegalArgumentException("state must be firing, resolved or changed, got " + label));
    }
}
