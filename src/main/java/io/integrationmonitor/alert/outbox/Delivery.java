package io.integrationmonitor.alert.outbox;

import io.integrationmonitor.text.Labels;

/** Where an outbox row is in its life: {@code alert_outbox.delivery}, stored as its label. */
public enum Delivery implements Labels.Labelled {
    /** Not yet accepted by the receiver: the head of its receiver's queue blocks the rows behind it. */
    PENDING("pending"),
    /** Accepted by the receiver. */
    DELIVERED("delivered"),
    /** Given up after {@code max_age}: a dead letter. */
    DEAD("dead");

    private final String label;

    Delivery(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    public static Delivery fromLabel(String label) {
        return Labels.of(Delivery.class, label, "delivery state");
    }
}
