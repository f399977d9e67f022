package io.integrationmonitor.alert.evaluate;

/** How urgent a condition is: drives colours, emoji and the {@code severity} label. */
public enum Severity {
    CRITICAL("critical"),
    WARNING("warning");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
