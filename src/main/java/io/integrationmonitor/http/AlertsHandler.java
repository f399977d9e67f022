package io.integrationmonitor.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.integrationmonitor.alert.AlertView;
import io.integrationmonitor.alert.evaluate.Alert;
import io.integrationmonitor.text.InertText;

import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/alerts}: every firing alert, silenced ones included with {@code silenced: true} (they are
 * tracked, not sent). Pending alerts (below their firing threshold) are not listed. Oldest first.
 */
final class AlertsHandler implements HttpHandler {
    private static final Comparator<AlertView> ORDER = Comparator
            .comparing((AlertView v) -> v.alert().startsAt(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(v -> v.alert().key());

    private final Supplier<List<AlertView>> alerts;
    private final Responses responses;

    /** @param alerts every pending or firing alert */
    AlertsHandler(Supplier<List<AlertView>> alerts, Responses responses) {
        this.alerts = alerts;
        this.responses = responses;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            QueryParams.parse(exchange.getRequestURI(), Set.of());
        } catch (BadRequestException e) {
            responses.error(exchange, 400, e.getMessage(), e.parameter());
            return;
        }
        List<Firing> body = alerts.get().stream().filter(AlertView::firing).sorted(ORDER).map(Firing::of).toList();
        responses.json(exchange, 200, body);
    }

    /**
     * One firing alert. Identifiers are raw, as in {@code /api/v1/resources}; {@code errors} and {@code detail}
     * (AWS text) are inert.
     *
     * @param name             the resource's name (for {@code poll_failing}: the poll target)
     * @param arn              empty for {@code poll_failing}
     * @param status           the resource's status (for {@code poll_failing}: the poll error reason)
     * @param consecutivePolls polls in a row that saw the condition
     * @param lastSent         per receiver, when a notification of it was last queued
     * @param table            for {@code table_ingestion_failed}: the table; empty otherwise
     * @param detail           for {@code stale}, {@code lagging} and {@code tables_failing}: the measured figure
     *                         (e.g. {@code last sync 4h12m ago, refresh interval 1h (stale after 3h15m)}); empty
     *                         otherwise
     */
    record Firing(String key, String condition, String severity, String kind, String name, String arn,
                  String table, String accountId, String region, String target, String status, Instant statusSince,
                  Instant startsAt, List<String> errors, String detail, boolean silenced, int consecutivePolls,
                  Map<String, Instant> lastSent) {

        static Firing of(AlertView view) {
            Alert a = view.alert();
            return new Firing(a.key(), a.condition().label(), a.severity().label(), a.kind(), a.name(), a.arn(),
                    a.table(), a.accountId(), a.region(), a.targetKey(), a.status(), a.statusSince(), a.startsAt(),
                    a.errors().stream().map(InertText::escape).toList(), InertText.escape(a.detail()),
                    view.silenced(), view.consecutivePolls(),
                    new TreeMap<>(view.lastSent()));
        }
    }
}
