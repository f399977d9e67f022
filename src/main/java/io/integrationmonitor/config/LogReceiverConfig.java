package io.integrationmonitor.config;

/** One structured log line per alert of a notification: the default receiver. */
public record LogReceiverConfig(Boolean sendResolved) {
    public LogReceiverConfig {
        sendResolved = sendResolved == null || sendResolved;
    }

    public static LogReceiverConfig defaults() {
        return new LogReceiverConfig(null);
    }
}
