package io.integrationmonitor.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.Listings;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.detect.ResourceHealth;
import io.integrationmonitor.alert.AlertView;
import io.integrationmonitor.alert.silence.Silence;
import io.integrationmonitor.alert.silence.Silences;
import io.integrationmonitor.config.MatchConfig;
import io.integrationmonitor.config.SilenceConfig;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.state.TargetHealth;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * {@code GET /}: the HTML status page, built from the state store on each request; while the store cannot be
 * read, 503 and a small page with the unhealthy resources as last read.
 */
public final class StatusPageHandler implements HttpHandler {
    private static final int RECENT_EVENTS = 50;
    private static final Duration EVENT_WINDOW = Duration.ofHours(24);

    private final Supplier<List<KnownResource>> resources;
    private final BiFunction<Instant, Integer, List<ResourceEvent>> eventsSince;
    private final Supplier<List<TargetHealth>> targets;
    private final Supplier<List<AlertView>> alerts;
    private final Function<Instant, List<StatusPageModel.SilenceRow>> silences;
    private final String version;
    private final Clock clock;
    private final StatusPage page = new StatusPage();
    private final LastKnown<StatusPageModel> lastKnown;

    public StatusPageHandler(Supplier<List<KnownResource>> resources,
                             BiFunction<Instant, Integer, List<ResourceEvent>> eventsSince,
                             Supplier<List<TargetHealth>> targets, String version, Clock clock) {
        this(resources, eventsSince, targets, List::of, now -> List.of(), version, clock);
    }

    /**
     * @param alerts   every pending or firing alert (wiring: {@code alerting.engine()::alerts})
     * @param silences every silence as of the given time (wiring: {@link #silenceRows(Silences)})
     */
    public StatusPageHandler(Supplier<List<KnownResource>> resources,
                             BiFunction<Instant, Integer, List<ResourceEvent>> eventsSince,
                             Supplier<List<TargetHealth>> targets, Supplier<List<AlertView>> alerts,
                             Function<Instant, List<StatusPageModel.SilenceRow>> silences, String version,
                             Clock clock) {
        this.resources = resources;
        this.eventsSince = eventsSince;
        this.targets = targets;
        this.alerts = alerts;
        this.silences = silences;
        this.version = version;
        this.clock = clock;
        this.lastKnown = new LastKnown<>(this::model, clock);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (refusedUnlessGet(exchange)) {
            return;
        }
        int status = 200;
        String html;
        try {
            html = page.render(lastKnown.get().value());
        } catch (LastKnown.Unavailable e) {
            // a small page at once rather than a 500 after the pool's timeout
            status = 503;
            LastKnown.Read<StatusPageModel> last = e.lastKnown();
            html = page.renderUnavailable(e.since(), last == null ? null : last.value(), clock.instant());
            exchange.getResponseHeaders().set("Retry-After", "5");
        }
        sendHtml(exchange, status, html);
    }

    /** Answers 405 (with {@code Allow: GET}) to anything but GET; true when it did. */
    static boolean refusedUnlessGet(HttpExchange exchange) throws IOException {
        if (exchange.getRequestMethod().equals("GET")) {
            return false;
        }
        exchange.getResponseHeaders().set("Allow", "GET");
        exchange.sendResponseHeaders(405, -1);
        return true;
    }

    /** Sends a page with the status page's headers: its CSP (inline style by hash only), no caching, no framing. */
    static void sendHtml(HttpExchange exchange, int status, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", StatusPage.CONTENT_TYPE);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Content-Security-Policy", StatusPage.CONTENT_SECURITY_POLICY);
        exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    StatusPageModel model() {
        Instant now = clock.instant();
        List<StatusPageModel.ResourceRow> rows = rows(resources.get());
        List<ResourceEvent> window = eventsSince.apply(now.minus(EVENT_WINDOW), 10_000);
        // Newest first.
        List<StatusPageModel.EventRow> recent = new java.util.ArrayList<>();
        for (int i = window.size() - 1; i >= 0 && recent.size() < RECENT_EVENTS; i--) {
            ResourceEvent e = window.get(i);
            recent.add(new StatusPageModel.EventRow(e.at(), e.type().label(), e.kind().label(), e.name(),
                    e.message()));
        }
        List<StatusPageModel.TargetRow> health = targets.get().stream()
                .map(t -> new StatusPageModel.TargetRow(t.target().source().label(), t.target().accountId(),
                        t.target().region(), t.lastSuccess(), t.lastFailure(),
                        t.lastErrorReason() == null ? "" : t.lastErrorReason().label(), t.consecutiveFailures(),
                        t.failingSince(), t.notPermittedSince(), t.notPermitted() ? t.lastErrorMessage() : ""))
                .toList();
        List<StatusPageModel.AlertRow> firing = alerts.get().stream().filter(AlertView::firing)
                .map(v -> new StatusPageModel.AlertRow(v.alert().condition().label(), v.alert().severity().label(),
                        v.alert().kind(), v.alert().table().isEmpty() ? v.alert().name() : v.alert().displayName(),
                        v.alert().arn(),
                        // a table's alert: AWS's code and message (no poll shows them), escaped by the page
                        v.alert().table().isEmpty() || v.alert().errors().isEmpty() ? v.alert().status()
                                : String.join("; ", v.alert().errors()),
                        v.alert().startsAt(), v.silenced(), v.alert().detail()))
                .sorted(Comparator.comparing(StatusPageModel.AlertRow::startsAt,
                        Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        return new StatusPageModel(now, version, rows, recent, health, firing, silences.apply(now));
    }

    /**
     * One row per integration ({@link Listings}): the owner's view, with every listing that reports it. An
     * inbound integration has no name of its own (the poller names it after its ARN's last segment): where a
     * primary listing reports it too, that one owns it and the row carries its name.
     */
    static List<StatusPageModel.ResourceRow> rows(List<KnownResource> resources) {
        return Listings.group(resources).stream().map(l -> row(l.owner()).listedBy(l.listings())).toList();
    }

    /** Every configured and run-time silence as rows, for the page (the same list as {@code GET /api/v1/silences}). */
    public static Function<Instant, List<StatusPageModel.SilenceRow>> silenceRows(Silences silences) {
        return now -> {
            List<StatusPageModel.SilenceRow> rows = new ArrayList<>();
            int i = 0;
            for (SilenceConfig s : silences.configured()) {
                rows.add(new StatusPageModel.SilenceRow("config-" + i++, "config", matchers(s.matchers()),
                        s.weekly() == null ? s.endsAt() : null, s.comment(), Silences.configActive(s, now)));
            }
            for (Silence s : silences.store().all()) {
                rows.add(new StatusPageModel.SilenceRow(s.id(), "api", matchers(s.matchers()), s.endsAt(),
                        s.comment(), s.activeAt(now)));
            }
            return rows;
        };
    }

    /** {@code key=value} per set matcher, alternatives joined by {@code |}; empty when it matches everything. */
    static String matchers(MatchConfig m) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        lists.put("kind", m.kind());
        lists.put("condition", m.condition());
        lists.put("status", m.status());
        lists.put("account_id", m.accountId());
        lists.put("region", m.region());
        lists.put("name", m.name());
        StringJoiner out = new StringJoiner(" ");
        lists.forEach((key, values) -> {
            if (values != null && !values.isEmpty()) {
                out.add(key + "=" + String.join("|", values));
            }
        });
        if (m.tags() != null) {
            new TreeMap<>(m.tags()).forEach((k, v) -> out.add("tag:" + k + "=" + v));
        }
        return out.toString();
    }

    static StatusPageModel.ResourceRow row(KnownResource known) {
        ObservedResource r = known.resource();
        return new StatusPageModel.ResourceRow(r.kind().label(), r.name(), r.arn(), r.accountId(), r.region(),
                r.status().label(), known.statusSince(),
                r.errors().stream().map(e -> new StatusPageModel.ErrorRow(e.code(), e.message())).toList(),
                ResourceHealth.of(known), r.attribute(ObservedResource.Attributes.SOURCE_ARN),
                r.attribute(ObservedResource.Attributes.TARGET_ARN));
    }
}
