package io.integrationmonitor.http;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.sun.net.httpserver.HttpHandler;
import io.integrationmonitor.config.ConfigException;
import io.integrationmonitor.config.HttpAuthConfig;
import io.integrationmonitor.config.HttpConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who may read and write, over real HTTP: credentials, the Origin check, the content type, open probes. */
class AccessTest {
    private static final String TOKEN = "script-token-0123456789";
    private static final String EXTERNAL = "http://monitor.example:9108";

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicInteger writesHandled = new AtomicInteger();
    private HttpApiServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void withoutCredentialsConfiguredWritesAreRefusedWithHowToEnableThemAndReadsAndProbesAreOpen() throws Exception {
        // given
        start(new HttpConfig("127.0.0.1", 0));

        // when
        HttpResponse<String> post = send(post("/api/v1/silences", "{}").header("Content-Type", "application/json"));
        HttpResponse<String> delete = send(request("/api/v1/silences/abc").DELETE());

        // then
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(post.body()).contains("http.web_config_file").contains("basic_auth_users")
                .contains("http.auth.bearer_tokens");
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(writesHandled).hasValue(0);
        assertThat(send(request("/metrics")).statusCode()).isEqualTo(200);
        assertThat(send(request("/api/v1/silences")).statusCode()).isEqualTo(200);
        assertThat(send(request("/healthz")).statusCode()).isEqualTo(200);
        assertThat(send(request("/readyz")).statusCode()).isEqualTo(200);
    }

    @Test
    void aRefusedWriteWithAnUnreadBodyDoesNotBreakTheClientsNextRequest() throws Exception {
        // given: a client that keeps its connections alive (the JDK client reuses them)
        start(new HttpConfig("127.0.0.1", 0));

        // when / then: a refused POST (its body never read) followed at once by a request on the same client,
        // many times, so that a connection closed under the client's feet would show up
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> refused = send(post("/api/v1/silences", "{\"comment\": \"" + "x".repeat(i * 10) + "\"}")
                    .header("Content-Type", "application/json"));
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(send(request("/healthz")).statusCode()).as("request after refusal %d", i).isEqualTo(200);
        }
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("POST /api/v1/silences HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 403").containsIgnoringCase("connection: close");
        }
    }

    @Test
    void withCredentialsConfiguredAWriteNeedsValidOnes() throws Exception {
        // given
        start(withUsersAndToken(false));

        // when / then: none, a wrong password, a wrong token, an unknown user
        for (String authorization : new String[]{null, basic("alice", "wrong"), "Bearer not-the-token-at-all",
                basic("mallory", "secret-pass"), "Basic %%%", "Digest x"}) {
            HttpRequest.Builder builder = post("/api/v1/silences", "{}").header("Content-Type", "application/json");
            if (authorization != null) {
                builder.header("Authorization", authorization);
            }
            HttpResponse<String> refused = send(builder);
            assertThat(refused.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
            assertThat(refused.headers().allValues("WWW-Authenticate"))
                    .anyMatch(v -> v.startsWith("Basic realm=\"integration-monitor\""))
                    .anyMatch(v -> v.startsWith("Bearer"));
            assertThat(refused.body()).doesNotContain("wrong").doesNotContain("secret-pass");
        }
        assertThat(writesHandled).hasValue(0);

        // basic auth and a bearer token both pass
        assertThat(send(jsonPost(basic("alice", "secret-pass"))).statusCode()).isEqualTo(200);
        assertThat(send(jsonPost(basic("alice", "secret-pass"))).statusCode()).as("cached").isEqualTo(200);
        assertThat(send(jsonPost("Bearer " + TOKEN)).statusCode()).isEqualTo(200);
        assertThat(send(request("/api/v1/silences/abc").header("Authorization", "Bearer " + TOKEN).DELETE())
                .statusCode()).isEqualTo(200);
        assertThat(writesHandled).hasValue(4);
    }

    @Test
    void aWriteMustBeJsonAndMustNotComeFromAnotherOrigin() throws Exception {
        // given
        start(withUsersAndToken(false));

        // when
        HttpResponse<String> textPlain = send(post("/api/v1/silences", "{}")
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "text/plain"));
        HttpResponse<String> noType = send(post("/api/v1/silences", "{}").header("Authorization", "Bearer " + TOKEN));
        HttpResponse<String> foreign = send(jsonPost("Bearer " + TOKEN).header("Origin", "https://evil.example"));
        HttpResponse<String> otherPort = send(jsonPost("Bearer " + TOKEN).header("Origin", "http://monitor.example:9999"));
        HttpResponse<String> nullOrigin = send(jsonPost("Bearer " + TOKEN).header("Origin", "null"));
        HttpResponse<String> own = send(jsonPost("Bearer " + TOKEN).header("Origin", EXTERNAL));
        HttpResponse<String> readFromElsewhere = send(request("/metrics").header("Origin", "https://evil.example"));

        // then
        assertThat(textPlain.statusCode()).isEqualTo(415);
        assertThat(noType.statusCode()).isEqualTo(415);
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("Origin");
        assertThat(otherPort.statusCode()).isEqualTo(403);
        assertThat(nullOrigin.statusCode()).isEqualTo(403);
        assertThat(readFromElsewhere.statusCode()).isEqualTo(403);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(writesHandled).hasValue(1);
    }

    @Test
    void readsAreOpenByDefaultAndProtectedWhenConfiguredWhileProbesStayOpen() throws Exception {
        // given: reads open
        start(withUsersAndToken(false));
        assertThat(send(request("/metrics")).statusCode()).isEqualTo(200);
        assertThat(send(request("/")).statusCode()).isEqualTo(200);
        server.close();

        // when: reads protected
        start(withUsersAndToken(true));

        // then
        for (String path : new String[]{"/metrics", "/api/v1/silences", "/"}) {
            HttpResponse<String> refused = send(request(path));
            assertThat(refused.statusCode()).as(path).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
                    v -> assertThat(v).startsWith("Basic realm=\"integration-monitor\""));
            assertThat(send(request(path).header("Authorization", basic("alice", "secret-pass"))).statusCode())
                    .as(path).isEqualTo(200);
            assertThat(send(request(path).header("Authorization", "Bearer " + TOKEN)).statusCode())
                    .as(path).isEqualTo(200);
        }
        assertThat(send(request("/healthz")).statusCode()).isEqualTo(200);
        assertThat(send(request("/readyz")).statusCode()).isEqualTo(200);
    }

    @Test
    void everyResponseCarriesNosniffAndTheConfiguredHeaders() throws Exception {
        // given
        Path web = dir.resolve("web.yml");
        Files.writeString(web, "http_server_config:\n  headers:\n    X-Custom: yes-indeed\n");
        start(new HttpConfig("127.0.0.1", 0, web, null));

        // when / then: a 200, a 404, a 403 and Jetty's own 431 for headers over the limit
        for (HttpResponse<String> response : List.of(send(request("/healthz")), send(request("/nope")),
                send(post("/api/v1/silences", "{}")), send(request("/healthz").header("X-Big", "a".repeat(10_000))))) {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(response.uri() + " "
                    + response.statusCode()).contains("nosniff");
            assertThat(response.headers().firstValue("X-Custom")).contains("yes-indeed");
        }
    }

    @Test
    void protectingReadsWithoutAnyCredentialIsAConfigError() {
        assertThatThrownBy(() -> start(new HttpConfig("127.0.0.1", 0, null, new HttpAuthConfig(null, true))))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems())
                        .anyMatch(p -> p.path().equals("http.auth.protect_reads")));
    }

    private HttpConfig withUsersAndToken(boolean protectReads) throws Exception {
        Path web = dir.resolve("web.yml");
        String hash = BCrypt.withDefaults().hashToString(4, "secret-pass".toCharArray());
        Files.writeString(web, "basic_auth_users:\n  alice: '" + hash + "'\n");
        return new HttpConfig("127.0.0.1", 0, web, new HttpAuthConfig(List.of(TOKEN), protectReads));
    }

    private void start(HttpConfig config) throws Exception {
        HttpHandler silences = exchange -> {
            if (!exchange.getRequestMethod().equals("GET")) {
                writesHandled.incrementAndGet();
            }
            exchange.getRequestBody().readAllBytes();
            byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        };
        server = HttpApiServer.builder(config)
                .externalUrl(URI.create(EXTERNAL))
                .metrics((openMetrics, names) -> (body, gzip) -> body.write("up 1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .readiness(List::of)
                .route("/", exchange -> {
                    exchange.sendResponseHeaders(200, -1);
                })
                .route("/api/v1/silences", silences)
                .routePrefix("/api/v1/silences/", silences)
                .start();
    }

    private HttpRequest.Builder jsonPost(String authorization) {
        return post("/api/v1/silences", "{}").header("Content-Type", "application/json; charset=utf-8")
                .header("Authorization", authorization);
    }

    private HttpRequest.Builder post(String path, String body) {
        return request(path).POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
