package io.integrationmonitor.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;

/**
 * In front of every route: refuses cross-site requests, requires credentials for writes (always) and for
 * reads (when {@code protect_reads}), and lets writes carry JSON only. Refusals are JSON errors like the
 * API's own. The {@code Authorization} header is never logged.
 *
 * <p>Why the content type matters: a browser sends a cross-site POST with {@code text/plain} or a form type
 * without asking first (a CORS "simple request"); {@code application/json} it only sends after a preflight,
 * which this server never approves. With the {@code Origin} check, this closes CSRF for browsers old and new.
 */
final class AccessGuard implements HttpHandler {
    static final String REALM = "integration-monitor";
    private static final Logger log = LoggerFactory.getLogger(AccessGuard.class);

    private final HttpHandler next;
    private final Credentials credentials;
    private final boolean protectReads;
    private final URI externalUrl;
    private final Responses responses;

    AccessGuard(HttpHandler next, Credentials credentials, boolean protectReads, URI externalUrl, Responses responses) {
        if (protectReads && !credentials.configured()) {
            throw new IllegalArgumentException("protect_reads needs credentials");
        }
        this.next = next;
        this.credentials = credentials;
        this.protectReads = protectReads;
        this.externalUrl = externalUrl;
        this.responses = responses;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Access.Kind kind = Access.kind(method, path);
        if (kind == Access.Kind.PROBE) {
            next.handle(exchange);
            return;
        }
        if (!Access.originAllowed(exchange.getRequestHeaders().getFirst("Origin"), externalUrl)) {
            log.debug("refused {} {} from {}: cross-origin", method, path, exchange.getRemoteAddress());
            refuse(exchange, 403, "cross-origin request refused: Origin does not match alerting.external_url");
            return;
        }
        if (kind == Access.Kind.WRITE && !credentials.configured()) {
            refuse(exchange, 403, "writes are disabled: no credentials are configured. Enable them with "
                    + "basic_auth_users in the file named by http.web_config_file, or with http.auth.bearer_tokens");
            return;
        }
        if (kind == Access.Kind.WRITE || protectReads) {
            Credentials.Outcome outcome = credentials.check(exchange.getRequestHeaders().getFirst("Authorization"));
            if (outcome == Credentials.Outcome.BUSY) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                refuse(exchange, 503, "too many authentication checks in progress; try again");
                return;
            }
            if (outcome != Credentials.Outcome.VALID) {
                log.debug("refused {} {} from {}: credentials {}", method, path, exchange.getRemoteAddress(),
                        outcome == Credentials.Outcome.MISSING ? "missing" : "invalid");
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
                refuse(exchange, 401, outcome == Credentials.Outcome.MISSING
                        ? "credentials required (basic auth or a bearer token)" : "invalid credentials");
                return;
            }
        }
        if (kind == Access.Kind.WRITE && Access.hasBody(method)
                && !Access.isJson(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            refuse(exchange, 415, "request body must be application/json");
            return;
        }
        next.handle(exchange);
    }

    private void refuse(HttpExchange exchange, int status, String message) throws IOException {
        try (exchange) {
            if (carriesBody(exchange)) {
                // The body of a refused request is never read. Jetty cannot tell whether more of it is still on
                // the way, so it closes the connection after the response; saying so keeps a keep-alive client
                // from sending its next request into that closing connection.
                exchange.getResponseHeaders().set("Connection", "close");
            }
            responses.error(exchange, status, message, null);
        }
    }

    private static boolean carriesBody(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        return exchange.getRequestHeaders().containsKey("Transfer-Encoding")
                || (length != null && !length.strip().equals("0"));
    }
}
