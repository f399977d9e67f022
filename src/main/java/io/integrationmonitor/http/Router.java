package io.integrationmonitor.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Dispatches on the exact path, then on the longest matching prefix route; anything else is a JSON 404.
 * The JDK server's own prefix matching is not used, so an unknown path never reaches the wrong handler.
 */
final class Router implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private final Map<String, HttpHandler> exact;
    private final List<Map.Entry<String, HttpHandler>> prefixes;
    private final Responses responses;

    Router(Map<String, HttpHandler> exact, Map<String, HttpHandler> prefixes, Responses responses) {
        this.exact = Map.copyOf(exact);
        this.prefixes = prefixes.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, HttpHandler> e) -> e.getKey().length()).reversed())
                .map(e -> Map.entry(e.getKey(), e.getValue()))
                .toList();
        this.responses = responses;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Optional<HttpHandler> handler = find(path);
            if (handler.isEmpty()) {
                responses.error(exchange, 404, "no such endpoint: " + path, null);
                return;
            }
            try {
                handler.get().handle(exchange);
            } catch (IOException e) {
                log.debug("client went away during {} {}: {}", exchange.getRequestMethod(), path, e.toString());
            } catch (RuntimeException e) {
                // message only: a broken dependency (say, the database) must not flood the log per request
                log.warn("{} {} failed: {}", exchange.getRequestMethod(), path, e.toString());
                log.debug("{} {} failure detail", exchange.getRequestMethod(), path, e);
                if (exchange.getResponseCode() <= 0) { // -1 (JDK) or 0 (Jetty): nothing sent yet
                    responses.error(exchange, 500, "internal error", null);
                }
            }
        }
    }

    private Optional<HttpHandler> find(String path) {
        HttpHandler handler = exact.get(path);
        if (handler != null) {
            return Optional.of(handler);
        }
        return prefixes.stream().filter(e -> path.startsWith(e.getKey())).map(Map.Entry::getValue).findFirst();
    }

    /** Wraps a read-only handler: GET passes, anything else is 405 with an Allow header. */
    static HttpHandler getOnly(HttpHandler handler, Responses responses) {
        return exchange -> {
            String method = exchange.getRequestMethod();
            if (method.equals("GET")) {
                handler.handle(exchange);
            } else {
                exchange.getResponseHeaders().set("Allow", "GET");
                responses.error(exchange, 405, "method " + method + " not allowed; use GET", null);
            }
        };
    }
}
