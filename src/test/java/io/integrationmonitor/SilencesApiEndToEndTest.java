package io.integrationmonitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.simulator.EstateSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v1/silences} through the whole monitor: credentials, and input refused in the API's own words. */
class SilencesApiEndToEndTest {
    private static final String TOKEN = "end-to-end-test-token-42";
    private static final String ENDS = "\"ends_at\": \"2099-01-01T00:00:00Z\"";
    private static final String MATCH = "\"matchers\": {\"name\": \"orders-*\"}";

    @TempDir
    Path dataDir;

    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private MonitorFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void withoutCredentialsConfiguredTheMonitorRefusesWritesAndServesReads() throws Exception {
        // given: the demo's setup, no web config file and no token
        fixture = MonitorFixture.start(new EstateSpec(1, 0, 0, 0, 1), dataDir);

        // when
        HttpResponse<String> post = post("{" + MATCH + ", " + ENDS + "}", null);

        // then
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(fixture.get("/api/v1/silences").statusCode()).isEqualTo(200);
        assertThat(fixture.get("/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void createsAValidSilenceAndRefusesInvalidOnesNamingTheFieldAndLimit() throws Exception {
        // given
        fixture = MonitorFixture.start(new EstateSpec(1, 0, 0, 0, 1), dataDir, "",
                "{bind_address: 127.0.0.1, port: 0, auth: {bearer_tokens: ['" + TOKEN + "']}}");

        // when / then: a valid one
        HttpResponse<String> created = post("{" + MATCH + ", " + ENDS + ", \"comment\": \"deploy\", "
                + "\"created_by\": \"alice\"}", TOKEN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json.readTree(fixture.get("/api/v1/silences").body()).findValuesAsText("created_by"))
                .containsExactly("alice");

        // a comment over the column's 1,024 characters
        assertRefused("{" + MATCH + ", " + ENDS + ", \"comment\": \"" + "x".repeat(1025) + "\"}", "comment", "1024");
        assertRefused("{" + MATCH + ", " + ENDS + ", \"created_by\": \"" + "x".repeat(257) + "\"}", "created_by", "256");
        // not an object
        for (String body : new String[]{"null", "[]", "[{}]", "\"x\"", "42"}) {
            assertRefused(body, "request body must be a JSON object");
        }
        assertRefused("{nope", "not valid JSON");
        // no matchers: it would mute everything
        assertRefused("{" + ENDS + "}", "a silence must have at least one matcher");
        assertRefused("{\"matchers\": {}, " + ENDS + "}", "a silence must have at least one matcher");
        assertRefused("{\"matchers\": null, " + ENDS + "}", "a silence must have at least one matcher");
        // the rest
        assertRefused("{" + MATCH + "}", "ends_at is required");
        assertRefused("{" + MATCH + ", \"starts_at\": \"2099-01-02T00:00:00Z\", " + ENDS + "}", "ends_at must be after starts_at");
        assertRefused("{" + MATCH + ", \"ends_at\": \"tomorrow\"}", "ends_at", "ISO-8601");
        assertRefused("{" + MATCH + ", " + ENDS + ", \"comment\": 5}", "comment must be a string");
        assertRefused("{" + MATCH + ", \"ends_at\": \"+999999999-12-31T23:59:59Z\"}", "ends_at", "9999");
        assertRefused("{" + MATCH + ", " + ENDS + ", \"extra\": 1}", "unknown field 'extra'");
        assertRefused("{\"matchers\": {\"nme\": \"x\"}, " + ENDS + "}", "matchers", "nme");
        assertRefused("{\"matchers\": {\"condition\": \"nope\"}, " + ENDS + "}", "matchers.condition");
        assertRefused("{\"matchers\": {\"name\": {\"a\": 1}}, " + ENDS + "}", "matchers");
        assertRefused("{\"matchers\": {\"name\": [\"" + "n".repeat(257) + "\"]}, " + ENDS + "}", "matchers.name", "256");
        assertRefused("{\"matchers\": {\"region\": [" + "\"r\",".repeat(100) + "\"r\"]}, " + ENDS + "}",
                "matchers.region", "100");
        assertThat(json.readTree(fixture.get("/api/v1/silences").body())).hasSize(1);

        // an unauthenticated or non-JSON write never gets that far
        assertThat(post("{" + MATCH + ", " + ENDS + "}", null).statusCode()).isEqualTo(401);
        assertThat(client.send(request().header("Authorization", "Bearer " + TOKEN).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(415);
    }

    private void assertRefused(String body, String... expected) throws Exception {
        HttpResponse<String> response = post(body, TOKEN);
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        JsonNode error = json.readTree(response.body());
        assertThat(error.get("error").asText()).as(body).contains(expected)
                .doesNotContainIgnoringCase("exception")
                .doesNotContain("java.").doesNotContain("jackson").doesNotContain("io.integrationmonitor")
                .doesNotContain("MatchConfig").doesNotContain("Silence[");
        assertThat(response.body().length()).as(body).isLessThan(600);
    }

    private HttpResponse<String> post(String body, String token) throws Exception {
        HttpRequest.Builder builder = request().header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request() {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fixture.monitor().httpPort() + "/api/v1/silences"));
    }
}
