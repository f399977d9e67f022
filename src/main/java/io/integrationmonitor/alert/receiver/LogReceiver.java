package io.integrationmonitor.alert.receiver;

import io.integrationmonitor.alert.evaluate.Alert;
import io.integrationmonitor.alert.evaluate.Notification;
import io.integrationmonitor.config.LogReceiverConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/** One structured log line per alert of a notification (key-value pairs for JSON log pipelines). */
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

    /**
     * One line per alert of the notification, each with the notification's title and the alert's fields as
     * key-value pairs (the JSON log format writes them as top-level keys, so a log pipeline can filter on
     * {@code arn} or {@code condition}); {@code idempotency_key} and {@code alert_count} tie the lines of one
     * notification together. For a changed alert, {@code from} and {@code to} are the statuses it moved between;
     * a freshness alert's figure is {@code detail}, and ends the message. AWS text is logged raw here: the
     * text format's {@code %msg} and the JSON encoder make it inert ({@code cli.InertMessageConverter},
     * {@code cli.InertJsonEncoder}), as for every log line.
     */
    @Override
    public DeliveryResult deliver(Notification n) {
        for (int i = 0; i < n.alerts().size(); i++) {
            Alert a = n.alerts().get(i);
            String from = n.changed() ? n.previous().get(i).status() : "";
            // logback.xml's %msg (and the JSON encoder) escape line breaks from AWS: one line per alert
            log.atWarn()
                    .addKeyValue("receiver", name)
                    .addKeyValue("state", n.state().label())
                    .addKeyValue("severity", a.severity().label())
                    .addKeyValue("condition", a.condition().label())
                    .addKeyValue("kind", a.kind())
                    .addKeyValue("arn", a.arn())
                    .addKeyValue("name", a.name())
                    .addKeyValue("account_id", a.accountId())
                    .addKeyValue("region", a.region())
                    .addKeyValue("status", a.status())
                    .addKeyValue("from", from)
                    .addKeyValue("to", from.isEmpty() ? "" : a.status())
                    .addKeyValue("detail", a.detail())
                    .addKeyValue("alert_count", n.alerts().size())
                    .addKeyValue("idempotency_key", n.idempotencyKey())
                    .log(a.detail().isEmpty() ? "{} [{}={}/{}]" : "{} [{}={}/{}]: {}", n.title(), a.displayName(),
                            a.condition().label(), a.status(), a.detail());
        }
        return DeliveryResult.ok();
    }
}
