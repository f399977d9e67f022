package io.integrationmonitor.config;

import java.util.ArrayList;
import java.util.List;

/** A named receiver; exactly one of the type sections is set. The same type may be configured several times. */
public record ReceiverConfig(
        String name,
        SlackReceiverConfig slack,
        SnsReceiverConfig sns,
        AlertmanagerReceiverConfig alertmanager,
        WebhookReceiverConfig webhook,
        LogReceiverConfig log) {

    public ReceiverConfig {
        Validation.required(name, "name", "is required");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw KeyProblem.at("name", "must be 1-64 letters, digits, '_', '.', '-'").got(name).exception();
        }
        List<String> types = new ArrayList<>();
        if (slack != null) {
            types.add("slack");
        }
        if (sns != null) {
            types.add("sns");
        }
        if (alertmanager != null) {
            types.add("alertmanager");
        }
        if (webhook != null) {
            types.add("webhook");
        }
        if (log != null) {
            types.add("log");
        }
        if (types.size() != 1) {
            throw KeyProblem.at("", "receiver '" + name
                    + "' must have exactly one of slack, sns, alertmanager, webhook, log; has " + types).exception();
        }
    }

    public static ReceiverConfig log(String name) {
        return new ReceiverConfig(name, null, null, null, null, LogReceiverConfig.defaults());
    }

    /** {@code slack}, {@code sns}, {@code alertmanager}, {@code webhook} or {@code log}. */
    public String type() {
        if (slack != null) {
            return "slack";
        }
        if (sns != null) {
            return "sns";
        }
        if (alertmanager != null) {
            return "alertmanager";
        }
        return webhook != null ? "webhook" : "log";
    }

    public boolean sendResolved() {
        if (slack != null) {
            return slack.sendResolved();
        }
        if (sns != null) {
            return sns.sendResolved();
        }
        if (alertmanager != null) {
            return alertmanager.sendResolved();
        }
        return webhook != null ? webhook.sendResolved() : log.sendResolved();
    }
}
