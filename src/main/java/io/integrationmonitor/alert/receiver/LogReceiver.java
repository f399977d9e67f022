package io.integrationmonitor.alert.receiver;

import io.integrationmonitor.alert.evaluate.Notification;
import io.integrationmonitor.config.LogReceiverConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.stream.Collectors;

/** One structured log line per notification (key-value pairs for JSON log pipelines). */
final class LogReceiver implements Receiver {
    private static final Logger log = LoggerFactory.getLogger("io.integrationmonitor.alert.notifications");

    private final String name;
    private final LogReceiverConfig config;

    LogReceiver(String name, LogReceiverConfig config) {
        this.name = name;
        this.config = config;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "log";
    }

    @Override
    public boolean sendResolved() {
        return config.sendResolved();
    }

    @Override
    public DeliveryResult deliver(Notification n) {
        String alerts = n.alerts().stream()
                .map(a -> a.displayName() + "=" + a.condition().label() + "/" + a.status())
                .collect(Collectors.joining(", "));
        // One line per notification: logback.xml's %msg (and the JSON encoder) escape line breaks from AWS.
        log.atWarn()
                .addKeyValue("receiver", name)
                .addKeyValue("state", n.state().label())
                .addKeyValue("severity", n.severity().label())
                .addKeyValue("alert_count", n.alerts().size())
                .addKeyValue("idempotency_key", n.idempotencyKey())
                .log("{} [{}]", n.title(), alerts);
        return DeliveryResult.ok();
    }
}
