package io.integrationmonitor.alert.receiver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationmonitor.alert.evaluate.Alert;
import io.integrationmonitor.alert.evaluate.Notification;
import io.integrationmonitor.text.InertText;

import java.net.URI;

/**
 * The JSON document of a notification, for webhooks and SNS JSON subscriptions. Lists every alert of the group.
 * The human {@code title} is made inert ({@link InertText}); the alerts' fields are data and stay raw (JSON-escaped).
 */
final class WebhookPayload {
    static final String VERSION = "1";

    private final ObjectMapper json;
    private final URI externalUrl;

    /** @param externalUrl the monitor's base URL ({@code alerting.external_url}), for {@code monitor_url} */
    WebhookPayload(ObjectMapper json, URI externalUrl) {
        this.json = json;
        this.externalUrl = externalUrl;
    }

    ObjectNode document(Notification n) {
        ObjectNode root = json.createObjectNode();
        root.put("version", VERSION);
        root.put("idempotency_key", n.idempotencyKey());
        root.put("receiver", n.receiver());
        root.put("state", n.state().label());
        root.put("reminder", n.reminder());
        root.put("severity", n.severity().label());
        root.put("title", InertText.escape(n.title()));
        root.put("created_at", n.createdAt().toString());
        root.put("alert_count", n.alerts().size());
        ArrayNode alerts = root.putArray("alerts");
        for (Alert a : n.alerts()) {
            ObjectNode node = alert(a);
            if (n.firing()) {
                node.put("runbook", Runbook.hint(a));
            }
            alerts.add(node);
        }
        if (n.changed()) {
            // previous[i] is the (resolved) alert of the resource that alerts[i] replaces
            ArrayNode previous = root.putArray("previous");
            n.previous().forEach(p -> previous.add(alert(p)));
        }
        return root;
    }

    private ObjectNode alert(Alert a) {
        ObjectNode node = json.valueToTree(a);
        node.put("severity", a.severity().label());
        AlertText.monitorUrl(externalUrl, a).ifPresent(u -> node.put("monitor_url", u));
        AlertText.consoleUrl(a).ifPresent(u -> node.put("console_url", u));
        return node;
    }
}
