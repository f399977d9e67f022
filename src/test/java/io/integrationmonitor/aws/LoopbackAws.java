package io.integrationmonitor.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A scripted AWS endpoint on loopback, port 0: answers requests in order with the queued responses and
 * records what arrived. Enough to drive the real SDK clients over HTTP in unit tests.
 */
public final class LoopbackAws implements AutoCloseable {
    public static final AwsCredentialsProvider TEST_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOOPBACKTEST", "loopback-secret"));

    /** One request as the server saw it. */
    public record Request(String method, String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    private record Response(int status, Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final Deque<Response> responses = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();

    public LoopbackAws() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Queues a Glue (awsJson1_1) success. */
    public LoopbackAws glueOk(String json) {
        return respond(200, Map.of("Content-Type", "application/x-amz-json-1.1"), json);
    }

    /** Queues a Glue (awsJson1_1) error with the code in {@code x-amzn-ErrorType}. */
    public LoopbackAws glueError(int status, String code) {
        return respond(status, Map.of("Content-Type", "application/x-amz-json-1.1", "x-amzn-ErrorType", code),
                "{\"__type\":\"" + code + "\",\"Message\":\"scripted " + code + "\"}");
    }

    /** Queues an awsQuery (STS, SNS) XML success. */
    public LoopbackAws xmlOk(String xml) {
        return respond(200, Map.of("Content-Type", "text/xml"), xml);
    }

    public synchronized LoopbackAws respond(int status, Map<String, String> headers, String body) {
        responses.add(new Response(status, headers, body));
        return this;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Response response;
        synchronized (this) {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            response = responses.poll();
        }
        if (response == null) {
            response = new Response(500, Map.of("x-amzn-ErrorType", "UnexpectedRequest"), "{}");
        }
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.getResponseHeaders().add("x-amzn-RequestId", "loopback-" + requests.size());
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
