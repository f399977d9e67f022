package io.integrationmonitor.alert;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A loopback HTTP endpoint standing in for Slack, a webhook or Alertmanager: records every request and
 * answers the status {@code responder} picks for the n-th request (0-based). Only accepted requests
 * (2xx) are counted as delivered.
 */
public final class FakeHttpReceiver implements AutoCloseable {
    record Request(String path, Headers headers, String body, int status) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile IntUnaryOperator responder = n -> 200;
    private volatile String retryAfter;
    private volatile Runnable onAccepted = () -> { };

    public FakeHttpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                int status = responder.applyAsInt(count.getAndIncrement());
                requests.add(new Request(exchange.getRequestURI().getPath(), exchange.getRequestHeaders(), body, status));
                if (status / 100 == 2) {
                    onAccepted.run();
                }
                if (retryAfter != null && status == 429) {
                    exchange.getResponseHeaders().set("Retry-After", retryAfter);
                }
                byte[] answer = (status / 100 == 2 ? "ok" : "error").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        });
        server.start();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    void respond(IntUnaryOperator responder) {
        this.responder = responder;
    }

    void retryAfter(String value) {
        this.retryAfter = value;
    }

    /** Runs after a request was accepted, before the answer is written: simulates a crash in between. */
    void onAccepted(Runnable hook) {
        this.onAccepted = hook;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<String> acceptedBodies() {
        return requests.stream().filter(r -> r.status() / 100 == 2).map(Request::body).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
