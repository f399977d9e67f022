package io.integrationmonitor.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * {@code GET /status.js}: the status page's filter, search and live update, a static file next to this class.
 * A file rather than inline script, so that the page's policy can forbid inline script altogether; the page
 * names it with its hash ({@code integrity}), so a changed file would not run.
 */
public final class StatusScript implements HttpHandler {
    public static final String PATH = "/status.js";

    static final String SOURCE = load();
    /** The Subresource Integrity value of {@link #SOURCE}. */
    static final String INTEGRITY = "sha256-" + StatusPage.sha256(SOURCE);

    private final byte[] body = SOURCE.getBytes(StandardCharsets.UTF_8);

    private static String load() {
        try (InputStream in = Objects.requireNonNull(StatusScript.class.getResourceAsStream("status.js"),
                "status.js is packaged next to StatusScript")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (StatusPageHandler.refusedUnlessGet(exchange)) {
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/javascript; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
