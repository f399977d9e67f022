package io.integrationmonitor.alert;

import io.integrationmonitor.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.integrationmonitor.alert.evaluate.Json;
import io.integrationmonitor.alert.silence.Silence;
import io.integrationmonitor.alert.silence.SilenceStore;
import io.integrationmonitor.config.MatchConfig;
import io.integrationmonitor.http.SilencesHandler;
import io.integrationmonitor.state.Jdbc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.integrationmonitor.alert.Polls.glue;
import static org.assertj.core.api.Assertions.assertThat;

/** Run-time silences obey the matcher limits, and one stored before them cannot stop alerting. */
class SilenceLimitsTest {
    private static final String YAML = """
            alerting:
              receivers: [{name: rec, log: {}}]
            """;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(AlertingHarness.T0);
    private final RecordingReceiver rec = new RecordingReceiver("rec");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theApiRejectsAnOversizedGlobNamingTheKeyAndShowsCommentsInert() throws Exception {
        try (AlertingHarness h = new AlertingHarness(dir, clock, YAML, Map.of("rec", rec))) {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/api/v1/silences", new SilencesHandler(h.alerting.silences(), clock));
            server.start();
            try {
                URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/silences");
                HttpClient http = HttpClient.newHttpClient();

                // when a silence with a 300-character glob is posted, then 400 naming the key
                String tooLong = "{\"matchers\": {\"name\": [\"" + "*".repeat(300) + "\"]}, \"ends_at\": \"2030-01-01T00:00:00Z\"}";
                HttpResponse<String> bad = http.send(HttpRequest.newBuilder(base)
                        .POST(HttpRequest.BodyPublishers.ofString(tooLong)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(bad.statusCode()).isEqualTo(400);
                assertThat(json.readTree(bad.body()).get("error").asText())
                        .contains("name[0]: at most 256 characters, got 300");

                // when one with a line break and U+202E in its comment is posted, then it is listed inert
                String ok = "{\"matchers\": {\"name\": [\"orders-*\"]}, \"ends_at\": \"2030-01-01T00:00:00Z\", "
                        + "\"comment\": \"planned\\n\\u202Emigration\", \"created_by\": \"ops\\r\"}";
                assertThat(http.send(HttpRequest.newBuilder(base).POST(HttpRequest.BodyPublishers.ofString(ok)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);
                JsonNode listed = json.readTree(http.send(HttpRequest.newBuilder(base).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                assertThat(listed).singleElement().satisfies(s -> {
                    assertThat(s.get("comment").asText()).isEqualTo("planned\\n\\u202Emigration");
                    assertThat(s.get("created_by").asText()).isEqualTo("ops\\r");
                });
            } finally {
                server.stop(0);
            }
        }
    }

    @Test
    void aStoredSilenceThatNoLongerPassesTheLimitsIsSkippedNotFatal() throws Exception {
        try (AlertingHarness h = new AlertingHarness(dir, clock, YAML, Map.of("rec", rec))) {
            // given a silence row written before the limits (a 300-character glob) and a valid one
            Instant now = clock.instant();
            try (Connection c = h.database.dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO alert_silence (id, matchers_json, starts_at, "
                         + "ends_at, comment, created_by, created_at) VALUES (?, ?, ?, ?, '', '', ?)")) {
                ps.setString(1, "old");
                ps.setString(2, "{\"name\": [\"" + "*".repeat(300) + "\"]}");
                Jdbc.setInstant(ps, 3, now);
                Jdbc.setInstant(ps, 4, now.plus(Duration.ofDays(1)));
                Jdbc.setInstant(ps, 5, now);
                ps.executeUpdate();
            }
            new SilenceStore(new Jdbc(h.database.dataSource()), Json.newMapper()).create(new Silence("valid",
                    new MatchConfig(null, null, null, null, null, List.of("billing-*"), null), now,
                    now.plus(Duration.ofDays(1)), "", "", now));

            // when two resources fail
            h.engine().onPollCompleted(Polls.completed(now, List.of(glue("orders-zetl", "FAILED"),
                    glue("billing-zetl", "FAILED"))));
            h.dispatcher().drain();

            // then evaluation went on: the valid silence holds billing back, orders is sent
            assertThat(rec.titles()).containsExactly("[FIRING] orders-zetl FAILED");
            assertThat(h.engine().alerts()).filteredOn(AlertView::silenced).extracting(v -> v.alert().name())
                    .containsExactly("billing-zetl");
        }
    }
}
