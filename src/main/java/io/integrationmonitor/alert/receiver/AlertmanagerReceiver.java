package io.integrationmonitor.alert.receiver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationmonitor.alert.evaluate.Alert;
import io.integrationmonitor.alert.evaluate.Condition;
import io.integrationmonitor.alert.evaluate.Json;
import io.integrationmonitor.alert.evaluate.Notification;
import io.integrationmonitor.config.AlertmanagerReceiverConfig;
import io.integrationmonitor.text.InertText;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pushes alerts to Alertmanager ({@code POST /api/v2/alerts}). The label set is the alert's identity, so
 * Alertmanager deduplicates re-sends and the members of an HA pair agree. Every URL gets every alert;
 * the delivery succeeds when at least one accepted it (the members gossip what they received).
 */
final class AlertmanagerReceiver implements Receiver {
    private final String name;
    private final AlertmanagerReceiverConfig config;
    private final HttpDelivery http;
    private final ObjectMapper json;
    private final URI externalUrl;

    AlertmanagerReceiver(String name, AlertmanagerReceiverConfig config, HttpDelivery http, ObjectMapper json,
                         URI externalUrl) {
        this.name = name;
        this.config = config;
        this.http = http;
        this.json = json;
        this.externalUrl = externalUrl;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "alertmanager";
    }

    @Override
    public boolean sendResolved() {
        return config.sendResolved();
    }

    @Override
    public Optional<Duration> resendInterval() {
        return Optional.of(config.resendInterval());
    }

    @Override
    public DeliveryResult deliver(Notification n) {
        byte[] body = Json.write(json, alerts(n)).getBytes(StandardCharsets.UTF_8);
        List<String> errors = new ArrayList<>();
        Duration retryAfter = null;
        boolean accepted = false;
        for (int i = 0; i < config.urls().size(); i++) {
            DeliveryResult r = http.postJson(endpoint(config.urls().get(i)), body, Map.of());
            if (r.delivered()) {
                accepted = true;
            } else {
                errors.add("alertmanager[" + i + "]: " + r.error());
                retryAfter = r.retryAfter().orElse(retryAfter);
            }
        }
        return accepted ? DeliveryResult.ok() : DeliveryResult.failed(String.join("; ", errors), retryAfter);
    }

    static URI endpoint(URI base) {
        String s = base.toString();
        return URI.create((s.endsWith("/") ? s.substring(0, s.length() - 1) : s) + "/api/v2/alerts");
    }

    /**
     * Alertmanager's identity is the label set, condition included: a changed notice posts the new condition's
     * alert firing and the previous one's resolved (with endsAt), as Alertmanager users expect of two alerts.
     */
    ArrayNode alerts(Notification n) {
        ArrayNode array = json.createArrayNode();
        for (int i = 0; i < n.alerts().size(); i++) {
            Alert a = n.alerts().get(i);
            Optional<Alert> previous = AlertText.previous(n, i);
            String summary = a.displayName() + " " + a.condition().headline()
                    + previous.map(p -> " (was " + p.status() + ")").orElse("");
            add(array, a, n.firing() ? summary : "[RESOLVED] " + summary, n, n.firing());
            previous.ifPresent(p -> add(array, p, "[RESOLVED] " + p.displayName() + " "
                    + p.condition().headline() + ": " + p.resolution(), n, false));
        }
        return array;
    }

    /** @param hinted with the runbook hint (alerts that fire) */
    private void add(ArrayNode array, Alert a, String summary, Notification n, boolean hinted) {
        ObjectNode alert = array.addObject();
        ObjectNode labels = alert.putObject("labels");
        labels.put("alertname", alertname(a.condition()));
        labels.put("condition", a.condition().label());
        labels.put("kind", a.kind());
        labels.put("severity", a.severity().label());
        labels.put("account_id", a.accountId());
        labels.put("region", a.region());
        labels.put("name", a.name());
        labels.put("arn", a.arn());
        labels.put("target", a.targetKey());
        if (!a.table().isEmpty()) {
            // one Alertmanager alert per table: the label set is its identity
            labels.put("table", a.table());
        }
        if (!a.sourceAccountId().isEmpty()) {
            labels.put("source_account_id", a.sourceAccountId());
        }
        ObjectNode annotations = alert.putObject("annotations");
        // Annotations are for people: inert text. Labels are identifiers to match on: raw.
        annotations.put("summary", InertText.escape(summary));
        annotations.put("description", InertText.escape(AlertText.statusLine(a, n.createdAt()) + ". "
                + (a.detail().isEmpty() ? "" : AlertText.detailLine(a) + ". ") + AlertText.lifecycleLine(a)));
        if (!a.detail().isEmpty()) {
            annotations.put("detail", AlertText.truncate(InertText.escape(a.detail()), 8000));
        }
        annotations.put("errors", AlertText.truncate(
                String.join("\n", a.errors().stream().map(InertText::escape).toList()), 8000));
        AlertText.consoleUrl(a).ifPresent(u -> annotations.put("console_url", u));
        if (hinted) {
            annotations.put("runbook", Runbook.hint(a));
        }
        alert.put("startsAt", a.startsAt().toString());
        if (a.endsAt() != null) {
            alert.put("endsAt", a.endsAt().toString());
        }
        alert.put("generatorURL", generatorUrl(a));
    }

    private String generatorUrl(Alert a) {
        // A poll target has no resource page: its alert links to the status page, which lists the targets.
        return AlertText.monitorUrl(externalUrl, a).orElse(externalUrl.toString().replaceAll("/+$", "") + "/");
    }

    static String alertname(Condition c) {
        return switch (c) {
            case FAILED -> "IntegrationFailed";
            case NEEDS_ATTENTION -> "IntegrationNeedsAttention";
            case EXECUTION_FAILED -> "IntegrationExecutionFailed";
            case STUCK -> "IntegrationStuck";
            case POLL_FAILING -> "IntegrationMonitorPollFailing";
            case TABLE_INGESTION_FAILED -> "IntegrationTableIngestionFailed";
            case STALE -> "IntegrationFreshnessStale";
            case LAGGING -> "IntegrationFreshnessLagging";
            case TABLES_FAILING -> "IntegrationFreshnessTablesFailing";
        };
    }
}
