package io.integrationmonitor.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationmonitor.text.InertText;

/**
 * The JSON document of a notification, for webhooks and SNS JSON subscriptions. Lists every alert of the group.
 * The human {@code title} is made inert ({@link InertText}); the alerts' fields are data and stay raw (JSON-escaped).
 */
final class WebhookPayload {
    static final String VERSION = "1";

    private final ObjectMapper json;

    WebhookPayload(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode document(Notification n) {
        ObjectNode root = json.createObjectNode();
        root.put("version", VERSION);
        root.put("idempotency_key", n.idempotencyKey());
        root.put("receiver", n.receiver());
        root.put("state", n.state());
        root.put("reminder", n.reminder());
        root.put("severity", n.severity().label());
        root.put("title", InertText.escape(n.title()));
        root.put("created_at", n.createdAt().toString());
        root.put("alert_count", n.alerts().size());
        ArrayNode alerts = root.putArray("alerts");
        for (Alert a : n.alerts()) {
            ObjectNode node = json.valueToTree(a);
            node.put("severity", a.severity().label());
            AlertText.consoleUrl(a).ifPresent(u -> node.put("console_url", u));
            alerts.add(node);
        }
        return root;
    }
}
