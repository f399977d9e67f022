package io.integrationmonitor.alert.outbox;

/** Where an outbox row is in its life: {@code alert_outbox.delivery}, stored as its label. */
public enum Delivery {
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

    public String label() {
        return label;
    }

    public static Delivery fromLabel(String label) {
        for (Delivery d : values()) {
            if (d.label.equals(label)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown delivery state '" + label + "'");
    }
}
