package io.integrationmonitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.SimIntegration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.integrationmonitor.MonitorFixture.HOME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The JSON API through the whole monitor: alerts, the events' cursor and filters, stuck resources. */
class ApiV1EndToEndTest {
    private static final String TOKEN = "api-v1-end-to-end-token";
    @TempDir
    Path dataDir;

    private final ObjectMapper json = new ObjectMapper();
    private MonitorFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void eventsSharingAMillisecondAcrossAPageBoundaryComeExactlyOnceWithTheSeqCursor() throws Exception {
        // given: one poll that detects five failures, all stamped with that poll's instant
        fixture = MonitorFixture.start(new EstateSpec(5, 0, 0, 0, 0), dataDir);
        fixture.pollAllExpectingSuccess();
        for (SimIntegration i : fixture.estate().integrations(HOME)) {
            fixture.estate().setIntegrationStatus(i.arn(), "FAILED", List.of());
        }
        fixture.pollAllExpectingSuccess();
        JsonNode all = read("/api/v1/events?since=1h&type=entered_failed");
        assertThat(all).hasSize(5);
        assertThat(all.findValuesAsText("at")).as("one millisecond for all").containsOnly(all.get(0).get("at").asText());

        // when: paging two at a time, each page after the seq of the last event received
        List<String> paged = new ArrayList<>();
        long after = 0;
        for (int page = 0; page < 10; page++) {
            JsonNode events = read("/api/v1/events?type=entered_failed&limit=2&after=" + after);
            if (events.isEmpty()) {
                break;
            }
            events.forEach(e -> paged.add(e.get("id").asText()));
            after = events.get(events.size() - 1).get("seq").asLong();
        }

        // then: every event exactly once, in the order stored
        assertThat(paged).containsExactlyElementsOf(all.findValuesAsText("id"));
    }

    @Test
    void eventsAreFilteredByTypeKindArnAccountAndRegion() throws Exception {
        // given: two integrations and an inbound one, one integration failed
        fixture = MonitorFixture.start(new EstateSpec(2, 1, 0, 0, 0), dataDir);
        fixture.pollAllExpectingSuccess();
        String failing = fixture.estate().integrations(HOME).get(0).arn();
        fixture.estate().setIntegrationStatus(failing, "FAILED", List.of());
        fixture.pollAllExpectingSuccess();
        String arn = URLEncoder.encode(failing, StandardCharsets.UTF_8);

        // then
        assertThat(read("/api/v1/events?since=1h&arn=" + arn).findValuesAsText("type")).containsExactly("entered_failed");
        assertThat(read("/api/v1/events?since=1h&type=status_changed").findValuesAsText("arn")).containsExactly(failing);
        assertThat(read("/api/v1/events?since=1h&kind=glue_inbound_integration").findValuesAsText("type"))
                .containsExactly("discovered");
        assertThat(read("/api/v1/events?since=1h&account_id=" + MonitorFixture.ACCOUNT + "&region="
                + MonitorFixture.REGION)).hasSize(read("/api/v1/events?since=1h").size()).isNotEmpty();
        assertThat(read("/api/v1/events?since=1h&region=eu-north-1")).isEmpty();
        assertThat(read("/api/v1/events?since=1h&account_id=999999999999&type=entered_failed")).isEmpty();
        assertThat(fixture.get("/api/v1/events?type=exploded").statusCode()).isEqualTo(400);
        assertThat(fixture.get("/api/v1/events?after=-1").statusCode()).isEqualTo(400);
    }

    @Test
    void alertsListsFiringAlertsAndMarksSilencedOnes() throws Exception {
        // given: two failed integrations, one of them silenced through the API
        fixture = MonitorFixture.start(new EstateSpec(2, 0, 0, 0, 0), dataDir, "",
                "{bind_address: 127.0.0.1, port: 0, auth: {bearer_tokens: ['" + TOKEN + "']}}");
        HttpResponse<String> silence = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + fixture.monitor().httpPort() + "/api/v1/silences"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"matchers\": {\"name\": \"" + nameOf(1)
                        + "\"}, \"ends_at\": \"2999-01-01T00:00:00Z\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(silence.statusCode()).as(silence.body()).isEqualTo(201);
        fixture.pollAllExpectingSuccess();
        assertThat(read("/api/v1/alerts")).isEmpty();
        for (SimIntegration i : fixture.estate().integrations(HOME)) {
            fixture.estate().setIntegrationStatus(i.arn(), "FAILED", List.of());
        }
        fixture.pollAllExpectingSuccess();

        // when
        JsonNode alerts = read("/api/v1/alerts");

        // then
        assertThat(alerts).hasSize(2);
        for (JsonNode a : alerts) {
            assertThat(a.get("condition").asText()).isEqualTo("failed");
            assertThat(a.get("severity").asText()).isEqualTo("critical");
            assertThat(a.get("silenced").asBoolean()).isEqualTo(a.get("name").asText().equals(nameOf(1)));
        }
        assertThat(fixture.get("/api/v1/alerts?state=x").statusCode()).isEqualTo(400);
    }

    @Test
    void aResourcePastItsStuckThresholdIsStuckWithSinceWhen() throws Exception {
        // given: an integration SYNCING, with a 1 s threshold
        fixture = MonitorFixture.start(new EstateSpec(1, 0, 0, 0, 0), dataDir, "stuck: {syncing: 1s}\n");
        String arn = fixture.estate().integrations(HOME).get(0).arn();
        fixture.estate().setIntegrationStatus(arn, "SYNCING", List.of());
        fixture.pollAllExpectingSuccess();
        JsonNode before = read("/api/v1/resources").get(0);
        assertThat(before.get("stuck").asBoolean()).isFalse();
        assertThat(before.get("stuck_since").isNull()).isTrue();

        // when: polls go on past the threshold
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
            fixture.pollAllExpectingSuccess();
            return read("/api/v1/resources").get(0).get("stuck").asBoolean();
        });

        // then: stuck since the SYNCING began
        JsonNode stuck = read("/api/v1/resources").get(0);
        assertThat(stuck.get("stuck_since").asText()).isEqualTo(stuck.get("status_since").asText());
    }

    private String nameOf(int i) {
        return fixture.estate().integrations(HOME).get(i).name();
    }

    private JsonNode read(String path) throws Exception {
        HttpResponse<String> response = fixture.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
