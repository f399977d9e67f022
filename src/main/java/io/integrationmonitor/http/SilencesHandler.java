package io.integrationmonitor.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.integrationmonitor.alert.evaluate.Json;
import io.integrationmonitor.alert.silence.Silence;
import io.integrationmonitor.alert.silence.SilenceRequest;
import io.integrationmonitor.alert.silence.Silences;
import io.integrationmonitor.config.SilenceConfig;
import io.integrationmonitor.text.InertText;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;

/**
 * {@code /api/v1/silences}: {@code GET} lists config and run-time silences, {@code POST} creates one from
 * {@code {matchers, starts_at, ends_at, comment, created_by}} and answers {@code 201 {"id": ...}},
 * {@code DELETE /api/v1/silences/{id}} removes a run-time silence.
 */
public final class SilencesHandler implements HttpHandler {
    static final String PATH = "/api/v1/silences";
    private static final int MAX_BODY = 64 * 1024;
    /** The {@code alert_silence.id} column. */
    private static final int MAX_ID = 64;

    private final Silences silences;
    private final Clock clock;
    private final ObjectMapper json;
    private final ObjectMapper strict;

    /** Answers in alerting's JSON conventions (snake_case, ISO-8601 instants), as the silences are stored. */
    public SilencesHandler(Silences silences, Clock clock) {
        this.silences = silences;
        this.clock = clock;
        this.json = Json.newMapper();
        this.strict = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
            String method = exchange.getRequestMethod();
            if (path.equals(PATH) && method.equals("GET")) {
                send(exchange, 200, list());
            } else if (path.equals(PATH) && method.equals("POST")) {
                create(exchange);
            } else if (path.startsWith(PATH + "/") && method.equals("DELETE")) {
                String id = path.substring(PATH.length() + 1);
                if (id.length() <= MAX_ID && silences.store().delete(id)) {
                    exchange.sendResponseHeaders(204, -1);
                } else {
                    send(exchange, 404, error(id.length() <= MAX_ID ? "no run-time silence with id '" + id + "'"
                            : "no run-time silence with that id (ids are at most " + MAX_ID + " characters)"));
                }
            } else if (path.equals(PATH) || path.startsWith(PATH + "/")) {
                exchange.getResponseHeaders().set("Allow", path.equals(PATH) ? "GET, POST" : "DELETE");
                send(exchange, 405, error("method not allowed"));
            } else {
                send(exchange, 404, error("not found"));
            }
        }
    }

    private void create(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            send(exchange, 413, error("request body too large (at most " + MAX_BODY / 1024 + " KiB)"));
            return;
        }
        Silence silence;
        try {
            silence = SilenceRequest.parse(body, strict, clock.instant());
        } catch (SilenceRequest.Invalid e) {
            send(exchange, 400, error("invalid silence: " + e.getMessage()));
            return;
        }
        silences.store().create(silence);
        ObjectNode created = json.createObjectNode().put("id", silence.id());
        send(exchange, 201, created);
    }

    private ArrayNode list() {
        Instant now = clock.instant();
        ArrayNode array = json.createArrayNode();
        int i = 0;
        for (SilenceConfig s : silences.configured()) {
            ObjectNode node = array.addObject();
            node.put("id", "config-" + i++);
            node.put("source", "config");
            node.set("matchers", json.valueToTree(s.matchers()));
            if (s.weekly() != null) {
                node.set("weekly", json.valueToTree(s.weekly()));
            } else {
                node.put("starts_at", s.startsAt() == null ? null : s.startsAt().toString());
                node.put("ends_at", s.endsAt().toString());
            }
            node.put("comment", s.comment());
            node.put("active", Silences.configActive(s, now));
        }
        for (Silence s : silences.store().all()) {
            ObjectNode node = json.valueToTree(s);
            // Free text from a request, for people: inert, like the status page's.
            node.put("comment", InertText.escape(s.comment()));
            node.put("created_by", InertText.escape(s.createdBy()));
            node.put("source", "api");
            node.put("active", s.activeAt(now));
            array.add(node);
        }
        return array;
    }

    private ObjectNode error(String message) {
        return json.createObjectNode().put("error", message);
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
