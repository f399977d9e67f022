package io.integrationmonitor.alert;

import io.integrationmonitor.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.integrationmonitor.http.SilencesHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.integrationmonitor.alert.Polls.glue;
import static org.assertj.core.api.Assertions.assertThat;

class SilencesTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(AlertingHarness.T0);
    private final RecordingReceiver rec = new RecordingReceiver("rec");
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private void poll(AlertingHarness h, String status) {
        h.engine().onPollCompleted(Polls.completed(clock.instant(), List.of(glue("orders-zetl", status))));
        h.dispatcher().drain();
    }

    @Test
    void aConfigSilenceHoldsBackTheAlertUntilItEnds() {
        String yaml = """
                alerting:
                  receivers: [{name: rec, log: {}}]
                  silences:
                    - matchers: {name: "orders-*", condition: failed}
                      ends_at: 2025-03-03T10:00:00Z
                      comment: planned migration
                """;
        try (AlertingHarness h = new AlertingHarness(dir, clock, yaml, Map.of("rec", rec))) {
            poll(h, "FAILED");
            assertThat(rec.titles()).isEmpty();
            assertThat(h.engine().alerts()).singleElement().satisfies(v -> {
                assertThat(v.firing()).isTrue();
                assertThat(v.silenced()).isTrue();
            });
            assertThat(h.registry.counter("integration.monitor.notifications", "receiver", "rec", "outcome", "silenced")
                    .count()).isEqualTo(1);

            clock.set(Instant.parse("2025-03-03T10:00:00Z"));
            poll(h, "FAILED");
            assertThat(rec.titles()).containsExactly("[FIRING] orders-zetl FAILED");
            assertThat(h.engine().alerts()).singleElement().satisfies(v -> assertThat(v.silenced()).isFalse());
        }
    }

    @Test
    void runTimeSilencesAreCreatedListedAndDeletedThroughTheJsonApi() throws Exception {
        String yaml = "alerting:\n  receivers: [{name: rec, log: {}}]\n";
        try (AlertingHarness h = new AlertingHarness(dir, clock, yaml, Map.of("rec", rec))) {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/api/v1/silences", new SilencesHandler(h.alerting.silences(), clock));
            server.start();
            try {
                URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/silences");
                String body = """
                        {"matchers": {"kind": "glue_integration", "name": ["orders-*"]},
                         "ends_at": "2025-03-03T09:30:00Z", "comment": "deploy", "created_by": "alice"}""";
                HttpResponse<String> created = http.send(HttpRequest.newBuilder(base)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(created.statusCode()).isEqualTo(201);
                String id = json.readTree(created.body()).get("id").asText();

                poll(h, "FAILED");
                assertThat(rec.titles()).isEmpty();

                JsonNode list = json.readTree(http.send(HttpRequest.newBuilder(base).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                assertThat(list).singleElement().satisfies(s -> {
                    assertThat(s.get("id").asText()).isEqualTo(id);
                    assertThat(s.get("created_by").asText()).isEqualTo("alice");
                    assertThat(s.get("active").asBoolean()).isTrue();
                });

                HttpResponse<String> bad = http.send(HttpRequest.newBuilder(base).POST(HttpRequest.BodyPublishers
                        .ofString("{\"matchers\": {\"condition\": \"nope\"}, \"ends_at\": \"2025-03-03T09:30:00Z\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(bad.statusCode()).isEqualTo(400);
                assertThat(bad.body()).contains("condition");

                HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(URI.create(base + "/" + id)).DELETE()
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(deleted.statusCode()).isEqualTo(204);
                HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(base + "/" + id)).DELETE()
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(again.statusCode()).isEqualTo(404);

                // once the silence is gone, the still-firing alert is sent on the next evaluation
                clock.advance(Duration.ofMinutes(1));
                poll(h, "FAILED");
                assertThat(rec.titles()).containsExactly("[FIRING] orders-zetl FAILED");
            } finally {
                server.stop(0);
            }
        }
    }

}
