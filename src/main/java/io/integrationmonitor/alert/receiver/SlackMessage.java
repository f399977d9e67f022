package io.integrationmonitor.alert.receiver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationmonitor.alert.evaluate.Alert;
import io.integrationmonitor.alert.evaluate.Notification;
import io.integrationmonitor.alert.evaluate.Severity;
import io.integrationmonitor.text.InertText;

import java.net.URI;
import java.util.List;

/**
 * Renders a notification as a Slack incoming-webhook payload: Block Kit blocks inside a coloured
 * attachment. Every piece of AWS text is either escaped mrkdwn ({@link SlackText}) or a {@code plain_text}
 * object with its control and bidi characters escaped ({@link InertText}), and every text is cut to Slack's
 * limits so a long message is truncated, never rejected.
 */
final class SlackMessage {
    static final int MAX_BLOCKS = 50;
    static final int MAX_SECTION_TEXT = 3000;
    static final int MAX_HEADER_TEXT = 150;

    private final ObjectMapper json;
    private final int groupCap;
    private final URI externalUrl;

    /** @param externalUrl the monitor's base URL ({@code alerting.external_url}), for the resource's page */
    SlackMessage(ObjectMapper json, int groupCap, URI externalUrl) {
        this.json = json;
        this.groupCap = groupCap;
        this.externalUrl = externalUrl;
    }

    ObjectNode render(Notification n, String channel, String username) {
        ObjectNode root = json.createObjectNode();
        root.put("text", SlackText.escape(AlertText.truncate(n.title(), MAX_SECTION_TEXT)));
        if (channel != null) {
            root.put("channel", channel);
        }
        if (username != null) {
            root.put("username", username);
        }
        ObjectNode attachment = root.putArray("attachments").addObject();
        attachment.put("color", colour(n));
        ArrayNode blocks = attachment.putArray("blocks");

        ObjectNode header = blocks.addObject().put("type", "header");
        header.set("text", plain(AlertText.truncate(emoji(n) + " " + InertText.escape(n.title()), MAX_HEADER_TEXT),
                true));

        List<Alert> alerts = n.alerts();
        int listed = 0;
        // Two trailing blocks are reserved: "and N more" and the footer.
        for (Alert a : alerts) {
            int needed = a.errors().isEmpty() ? 1 : 2;
            if (listed == groupCap || blocks.size() + needed + 2 > MAX_BLOCKS) {
                break;
            }
            addAlert(blocks, a, n, listed);
            listed++;
        }
        if (alerts.size() > listed) {
            context(blocks, "…and " + (alerts.size() - listed) + " more");
        }
        context(blocks, "integration-monitor · notification " + n.idempotencyKey());
        return root;
    }

    private void addAlert(ArrayNode blocks, Alert a, Notification n, int index) {
        StringBuilder text = new StringBuilder();
        String name = SlackText.escape(a.displayName());
        text.append("*").append(AlertText.monitorUrl(externalUrl, a).map(u -> "<" + u + "|" + name + ">").orElse(name))
                .append("*")
                .append("  ").append(SlackText.escape(a.kind())).append("\n");
        if (!a.arn().isEmpty()) {
            text.append("ARN: ").append(SlackText.escape(a.arn())).append("\n");
        }
        text.append("Account ").append(SlackText.escape(a.accountId()))
                .append(" · Region ").append(SlackText.escape(a.region())).append("\n");
        if (!a.sourceAccountId().isEmpty()) {
            text.append("Source account (owner) ").append(SlackText.escape(a.sourceAccountId())).append("\n");
        }
        text.append("Status: ").append(SlackText.escape(AlertText.statusLine(a, n.createdAt()))).append("\n");
        if (!a.detail().isEmpty()) {
            text.append(SlackText.escape(AlertText.detailLine(a))).append("\n");
        }
        if (!a.refreshInterval().isEmpty()) {
            text.append("Refresh interval: ").append(SlackText.escape(a.refreshInterval())).append("\n");
        }
        AlertText.previous(n, index).ifPresent(p ->
                text.append(SlackText.escape(AlertText.previousLine(p))).append("\n"));
        AlertText.consoleUrl(a).ifPresent(u -> text.append("<").append(u).append("|AWS console>\n"));
        text.append(SlackText.escape(AlertText.lifecycleLine(a)));
        AlertText.hintLine(n, a).ifPresent(h -> text.append("\n").append(SlackText.escape(h)));
        ObjectNode section = blocks.addObject().put("type", "section");
        section.set("text", mrkdwn(AlertText.truncate(text.toString(), MAX_SECTION_TEXT)));

        if (!a.errors().isEmpty()) {
            // Free text from AWS goes out as plain_text: Slack renders it literally (bar control characters).
            String errors = "Errors:\n" + String.join("\n", a.errors().stream().map(InertText::escape).toList());
            ObjectNode errorSection = blocks.addObject().put("type", "section");
            errorSection.set("text", plain(AlertText.truncate(errors, MAX_SECTION_TEXT), false));
        }
    }

    private void context(ArrayNode blocks, String ownText) {
        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements").add(mrkdwn(SlackText.escape(ownText)));
    }

    private ObjectNode plain(String text, boolean emoji) {
        return json.createObjectNode().put("type", "plain_text").put("text", text).put("emoji", emoji);
    }

    private ObjectNode mrkdwn(String text) {
        return json.createObjectNode().put("type", "mrkdwn").put("text", text);
    }

    static String colour(Notification n) {
        if (!n.firing()) {
            return "#2EB67D";
        }
        return n.severity() == Severity.CRITICAL ? "#E01E5A" : "#ECB22E";
    }

    static String emoji(Notification n) {
        if (!n.firing()) {
            return ":white_check_mark:";
        }
        return n.severity() == Severity.CRITICAL ? ":rotating_light:" : ":warning:";
    }
}
