package io.integrationmonitor.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes responses: JSON (snake_case, ISO-8601 instants) and plain text. */
final class Responses {
    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, JSON, mapper.writeValueAsBytes(body));
    }

    /** A JSON document already serialized (the OpenAPI document). */
    void json(HttpExchange exchange, int status, byte[] document) throws IOException {
        send(exchange, status, JSON, document);
    }

    void error(HttpExchange exchange, int status, String message, String parameter) throws IOException {
        json(exchange, status, new ApiError(message, parameter));
    }

    void text(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, TEXT, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The body of every error response; {@code parameter} names the offending query parameter, if any. */
    record ApiError(String error, @JsonInclude(JsonInclude.Include.NON_NULL) String parameter) {
    }
}
