package io.integrationmonitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.simulator.EstateSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.integrationmonitor.MonitorFixture.HOME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/openapi.json} against the monitor that serves it: every documented path and parameter is
 * accepted, every served path is documented, and real responses carry the documented fields (and, where the
 * schema is closed, no others). Reads are behind {@code http.auth.protect_reads} here, as the document says.
 */
class OpenApiDocumentTest {
    private static final String TOKEN = "openapi-document-test-token";

    @TempDir
    Path dataDir;

    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private MonitorFixture fixture;
    private JsonNode doc;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void theDocumentMatchesTheHandlers() throws Exception {
        // given: a monitor with resources, events, a firing alert and silences of both sources
        fixture = MonitorFixture.start(new EstateSpec(2, 1, 1, 1, 0), dataDir, """
                alerting:
                  silences:
                    - matchers: {name: "nothing-*"}
                      ends_at: 2999-01-01T00:00:00Z
                """, "{bind_address: 127.0.0.1, port: 0, auth: {bearer_tokens: ['" + TOKEN + "'], protect_reads: true}}");
        fixture.pollAllExpectingSuccess();
        String failing = fixture.estate().integrations(HOME).get(0).arn();
        fixture.estate().setIntegrationStatus(failing, "FAILED", List.of());
        fixture.pollAllExpectingSuccess();
        HttpResponse<String> silence = send(HttpRequest.newBuilder(uri("/api/v1/silences"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"matchers\": {\"name\": \"x\"}, "
                        + "\"ends_at\": \"2999-01-01T00:00:00Z\", \"created_by\": \"test\"}")), true);
        assertThat(silence.statusCode()).as(silence.body()).isEqualTo(201);

        // when
        HttpResponse<String> served = get("/api/v1/openapi.json", true);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        doc = json.readTree(served.body());

        // then: the document and the served paths are the same set
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        List<String> documented = new ArrayList<>();
        doc.get("paths").fieldNames().forEachRemaining(documented::add);
        List<String> routes = fixture.monitor().httpServer().paths();
        for (String route : routes) {
            assertThat(documented).as("served path %s is documented", route)
                    .anyMatch(p -> route.length() > 1 && route.endsWith("/") ? p.startsWith(route + "{") : p.equals(route));
        }
        for (String path : documented) {
            String route = path.contains("{") ? path.substring(0, path.indexOf('{')) : path;
            assertThat(routes).as("documented path %s is served", path).contains(route);
        }

        // every documented GET accepts every documented query parameter, and reads need the token
        Set<String> checkedSchemas = new HashSet<>();
        for (String path : documented) {
            JsonNode get = doc.get("paths").get(path).get("get");
            if (get == null) {
                continue;
            }
            StringBuilder query = new StringBuilder();
            for (JsonNode p : get.path("parameters")) {
                assertThat(p.get("in").asText()).as(path).isEqualTo("query");
                String value = p.get("name").asText().equals("arn") ? failing : p.get("example").asText();
                query.append(query.isEmpty() ? "?" : "&").append(p.get("name").asText()).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
            HttpResponse<String> withAll = get(path + query, true);
            assertThat(withAll.statusCode()).as(path + query + ": " + withAll.body()).isEqualTo(200);
            boolean open = get.has("security");
            assertThat(get(path + query, false).statusCode()).as(path + " without the token")
                    .isEqualTo(open ? 200 : 401);

            // and real responses carry the documented fields
            JsonNode schema = get.at("/responses/200/content/application~1json/schema");
            if (schema.path("type").asText().equals("array")) {
                String ref = schema.at("/items/$ref").asText();
                JsonNode body = json.readTree(get(path.equals("/resource") ? path + query : path, true).body());
                assertThat(body).as(path + " gives something to check").isNotEmpty();
                body.forEach(item -> assertMatches(item, ref, path));
                checkedSchemas.add(ref);
            }
        }
        assertThat(checkedSchemas).containsExactlyInAnyOrder("#/components/schemas/Resource",
                "#/components/schemas/Event", "#/components/schemas/Alert", "#/components/schemas/Silence");
    }

    private void assertMatches(JsonNode item, String ref, String path) {
        JsonNode schema = doc.at(ref.substring(1));
        Set<String> actual = new HashSet<>();
        item.fieldNames().forEachRemaining(actual::add);
        for (JsonNode required : schema.get("required")) {
            assertThat(actual).as("%s: %s has %s", path, ref, required.asText()).contains(required.asText());
        }
        if (!schema.path("additionalProperties").asBoolean(true)) {
            List<String> properties = new ArrayList<>();
            schema.get("properties").fieldNames().forEachRemaining(properties::add);
            assertThat(properties).as("%s: every field of %s is documented", path, ref).containsAll(actual);
        }
    }

    private HttpResponse<String> get(String path, boolean token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET(), token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, boolean token) throws IOException, InterruptedException {
        if (token) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + fixture.monitor().httpPort() + path);
    }
}
