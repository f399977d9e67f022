package io.integrationmonitor.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Slack incoming webhook on loopback that records when each message arrived and what it said. */
final class FakeSlack implements AutoCloseable {
    record Message(long arrivedNanos, String body) {
    }

    private final HttpServer server;
    private final List<Message> messages = new CopyOnWriteArrayList<>();

    private FakeSlack(HttpServer server) {
        this.server = server;
    }

    static FakeSlack start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        FakeSlack slack = new FakeSlack(server);
        server.createContext("/services/bench", exchange -> {
            long arrived = System.nanoTime();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            slack.messages.add(new Message(arrived, body));
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        server.start();
        return slack;
    }

    URI webhookUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/services/bench/hook");
    }

    List<Message> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
