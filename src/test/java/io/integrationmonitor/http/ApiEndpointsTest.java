package io.integrationmonitor.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.config.HttpAuthConfig;
import io.integrationmonitor.config.HttpConfig;
import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.poll.ResourceError;
import io.integrationmonitor.state.EventQuery;
import io.integrationmonitor.state.StateStoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static io.integrationmonitor.metrics.Fixtures.ACCOUNT;
import static io.integrationmonitor.metrics.Fixtures.ASSOCIATIONS;
import static io.integrationmonitor.metrics.Fixtures.GLUE;
import static io.integrationmonitor.metrics.Fixtures.OTHER_ACCOUNT;
import static io.integrationmonitor.metrics.Fixtures.T0;
import static io.integrationmonitor.metrics.Fixtures.association;
import static io.integrationmonitor.metrics.Fixtures.event;
import static io.integrationmonitor.metrics.Fixtures.glue;
import static io.integrationmonitor.metrics.Fixtures.inbound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSON API, routing and error answers, over real HTTP. */
class ApiEndpointsTest {
    private static final Instant NOW = T0.plus(Duration.ofDays(2));
    /** Writes need credentials (see AccessTest); this test is about routing. */
    private static final String TOKEN = "api-endpoints-test-token";

    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicReference<List<KnownResource>> resources = new AtomicReference<>(List.of());
    private final AtomicReference<RuntimeException> readFailure = new AtomicReference<>();
    private final List<Object[]> eventQueries = new ArrayList<>();
    private final AtomicReference<List<ResourceEvent>> events = new AtomicReference<>(List.of());
    private HttpApiServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpApiServer.builder(new HttpConfig("127.0.0.1", 0, null,
                        new HttpAuthConfig(List.of(TOKEN), false)))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .resources(() -> {
                    RuntimeException failure = readFailure.get();
                    if (failure != null) {
                        throw failure;
                    }
                    return resources.get();
                })
                .events(query -> {
                    synchronized (eventQueries) {
                        eventQueries.add(new Object[]{query.since(), query.limit()});
                    }
                    List<EventQuery.Stored> stored = new ArrayList<>();
                    events.get().forEach(e -> stored.add(new EventQuery.Stored(stored.size() + 1, e)));
                    return stored;
                })
                .route("/custom", exchange -> {
                    byte[] body = exchange.getRequestMethod().getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                })
                .routePrefix("/api/v1/silences/", exchange -> {
                    byte[] body = exchange.getRequestURI().getPath().getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                })
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listsEveryResourceUnhealthyFirstWithItsFullState() throws Exception {
        // given healthy and unhealthy resources of every kind
        resources.set(List.of(
                glue(ACCOUNT, "b-active", "ACTIVE", T0),
                association("assoc-ok", "COMPLETED", T0),
                glue(ACCOUNT, "a-failed", "FAILED", T0, ResourceError.of("KMS.AccessDenied", "no key access")),
                inbound("in-attention", "NEEDS_ATTENTION", T0),
                association("assoc-failed", "FAILED", T0)));

        // when listing everything
        HttpResponse<String> response = get("/api/v1/resources");

        // then unhealthy come first, each group ordered by kind then name
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        JsonNode body = json.readTree(response.body());
        assertThat(body.findValuesAsText("name"))
                .containsExactly("a-failed", "in-attention", "assoc-failed", "b-active", "assoc-ok");

        // and each resource carries its whole state in snake_case with ISO instants
        JsonNode failed = body.get(0);
        assertThat(failed.get("kind").asText()).isEqualTo("glue_integration");
        assertThat(failed.get("arn").asText()).endsWith(":integration:a-failed");
        assertThat(failed.get("account_id").asText()).isEqualTo(ACCOUNT);
        assertThat(failed.get("region").asText()).isEqualTo("eu-west-1");
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("status_since").asText()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(failed.get("last_seen").asText()).isEqualTo("2025-03-01T10:01:00Z");
        assertThat(failed.get("errors").get(0).get("code").asText()).isEqualTo("KMS.AccessDenied");
        assertThat(failed.get("errors").get(0).get("message").asText()).isEqualTo("no key access");
        assertThat(failed.get("attributes").get("description").asText()).isEqualTo("the a-failed integration");
        assertThat(failed.get("tags").get("team").asText()).isEqualTo("data");
    }

    @Test
    void aStuckResourceNeedsAttentionAndComesFirstLikeAnUnhealthyOne() throws Exception {
        // given two syncing integrations, one of them stuck (its STUCK event emitted), and an active one
        KnownResource syncing = glue(ACCOUNT, "b-syncing", "SYNCING", T0);
        KnownResource stuck = glue(ACCOUNT, "c-stuck", "SYNCING", T0);
        resources.set(List.of(glue(ACCOUNT, "a-active", "ACTIVE", T0), syncing,
                new KnownResource(stuck.resource(), stuck.statusSince(), stuck.lastSeen(), true)));

        // when
        JsonNode body = json.readTree(get("/api/v1/resources").body());

        // then the stuck one leads, as the status page and the alerts treat it
        assertThat(body.findValuesAsText("name")).containsExactly("c-stuck", "a-active", "b-syncing");
    }

    @Test
    void whileTheStoreCannotBeReadTheResourcesAnswer503WithTheLastKnownOnesMarkedStale() throws Exception {
        // given the store unreachable before any successful read
        readFailure.set(new StateStoreException("state store: reading resources failed", new SQLException("refused")));

        // then 503, a plain JSON error
        HttpResponse<String> none = get("/api/v1/resources");
        assertThat(none.statusCode()).isEqualTo(503);
        assertThat(json.readTree(none.body()).get("error").asText()).contains("unreachable");
        assertThat(none.headers().firstValue("X-Stale-Since")).isEmpty();

        // given a successful read, then the store gone again
        readFailure.set(null);
        resources.set(List.of(glue(ACCOUNT, "b-active", "ACTIVE", T0), glue(ACCOUNT, "a-failed", "FAILED", T0)));
        assertThat(get("/api/v1/resources").statusCode()).isEqualTo(200);
        readFailure.set(new StateStoreException("state store: reading resources failed", new SQLException("refused")));

        // when
        HttpResponse<String> stale = get("/api/v1/resources?status=FAILED");

        // then the last known resources, filtered, and when they were read
        assertThat(stale.statusCode()).isEqualTo(503);
        assertThat(stale.headers().firstValue("X-Stale-Since")).contains(NOW.toString());
        assertThat(stale.headers().firstValue("Retry-After")).contains("5");
        JsonNode body = json.readTree(stale.body());
        assertThat(body.get("error").asText()).contains("unreachable");
        assertThat(body.get("stale_since").asText()).isEqualTo(NOW.toString());
        assertThat(body.get("unreachable_since").asText()).isEqualTo(NOW.toString());
        assertThat(body.get("resources").findValuesAsText("name")).containsExactly("a-failed");

        // and back to 200 once it reads again
        readFailure.set(null);
        assertThat(get("/api/v1/resources").statusCode()).isEqualTo(200);
    }

    @Test
    void filtersByKindStatusAccountAndRegion() throws Exception {
        resources.set(List.of(
                glue(ACCOUNT, "orders", "FAILED", T0),
                glue(ACCOUNT, "billing", "ACTIVE", T0),
                glue(OTHER_ACCOUNT, "stock", "FAILED", T0),
                inbound("in-1", "NEEDS_ATTENTION", T0),
                association("assoc-failed", "FAILED", T0)));

        assertThat(names("/api/v1/resources?kind=glue_integration&status=FAILED"))
                .containsExactly("orders", "stock");
        assertThat(names("/api/v1/resources?kind=glue_integration&status=failed&account_id=" + OTHER_ACCOUNT))
                .containsExactly("stock");
        assertThat(names("/api/v1/resources?status=FAILED,NEEDS_ATTENTION&account_id=" + ACCOUNT))
                .containsExactly("orders", "in-1", "assoc-failed");
        assertThat(names("/api/v1/resources?kind=appintegrations_association&kind=glue_inbound_integration"))
                .containsExactly("in-1", "assoc-failed");
        assertThat(names("/api/v1/resources?region=us-east-1")).isEmpty();
    }

    @Test
    void rejectsBadFiltersNamingTheParameter() throws Exception {
        assertBadRequest("/api/v1/resources?kind=glue", "kind");
        assertBadRequest("/api/v1/resources?status=BROKEN", "status");
        assertBadRequest("/api/v1/resources?account_id=12345", "account_id");
        assertBadRequest("/api/v1/resources?region=mars", "region");
        assertBadRequest("/api/v1/resources?stauts=FAILED", "stauts");
        assertBadRequest("/api/v1/events?since=yesterday", "since");
        assertBadRequest("/api/v1/events?limit=0", "limit");
        assertBadRequest("/api/v1/events?limit=5001", "limit");
        assertBadRequest("/api/v1/events?limit=ten", "limit");
        assertBadRequest("/api/v1/events?limit=1&limit=2", "limit");
    }

    @Test
    void eventsDefaultToTheLastDayAndTakeSinceAsInstantOrDuration() throws Exception {
        // given one stored event
        KnownResource orders = glue(ACCOUNT, "orders", "FAILED", T0, ResourceError.of("E1", "broken"));
        ResourceEvent changed = event(EventType.STATUS_CHANGED, GLUE, orders, "ACTIVE", "FAILED", T0.plusSeconds(60));
        events.set(List.of(changed));

        // when asking without parameters, with a duration, an ISO duration and an instant
        HttpResponse<String> response = get("/api/v1/events");
        get("/api/v1/events?since=1h&limit=10");
        get("/api/v1/events?since=PT30M");
        get("/api/v1/events?since=2025-03-01T09:00:00Z&limit=5000");

        // then the store is asked for the right window
        synchronized (eventQueries) {
            assertThat(eventQueries).extracting(q -> q[0], q -> q[1]).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(NOW.minus(Duration.ofHours(24)), 500),
                    org.assertj.core.groups.Tuple.tuple(NOW.minus(Duration.ofHours(1)), 10),
                    org.assertj.core.groups.Tuple.tuple(NOW.minus(Duration.ofMinutes(30)), 500),
                    org.assertj.core.groups.Tuple.tuple(Instant.parse("2025-03-01T09:00:00Z"), 5000));
        }

        // and each event is rendered with its resource's identity
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode e = json.readTree(response.body()).get(0);
        assertThat(e.get("id").asText()).isEqualTo(changed.id());
        assertThat(e.get("type").asText()).isEqualTo("status_changed");
        assertThat(e.get("kind").asText()).isEqualTo("glue_integration");
        assertThat(e.get("arn").asText()).isEqualTo(orders.arn());
        assertThat(e.get("name").asText()).isEqualTo("orders");
        assertThat(e.get("account_id").asText()).isEqualTo(ACCOUNT);
        assertThat(e.get("region").asText()).isEqualTo("eu-west-1");
        assertThat(e.get("from").asText()).isEqualTo("ACTIVE");
        assertThat(e.get("to").asText()).isEqualTo("FAILED");
        assertThat(e.get("at").asText()).isEqualTo("2025-03-01T10:01:00Z");
        assertThat(e.get("errors").get(0).get("code").asText()).isEqualTo("E1");
    }

    @Test
    void answersUnknownPathsAndWrongMethodsWithJson() throws Exception {
        HttpResponse<String> missing = get("/nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json.readTree(missing.body()).get("error").asText()).contains("/nope");

        HttpResponse<String> post = client.send(HttpRequest.newBuilder(uri("/api/v1/resources"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET");
        assertThat(json.readTree(post.body()).get("error").asText()).contains("POST");

        assertThat(get("/healthz").body()).isEqualTo("ok\n");
        assertThat(get("/metrics").statusCode()).as("not configured in this server").isEqualTo(404);
    }

    @Test
    void servesRoutesAddedByOtherPackages() throws Exception {
        HttpResponse<String> custom = client.send(HttpRequest.newBuilder(uri("/custom"))
                .header("Authorization", "Bearer " + TOKEN).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(custom.body()).isEqualTo("DELETE");
        assertThat(get("/api/v1/silences/abc-123").body()).isEqualTo("/api/v1/silences/abc-123");

        assertThatThrownBy(() -> HttpApiServer.builder(new HttpConfig("127.0.0.1", 0))
                .route("/x", exchange -> { })
                .route("/x", exchange -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/x");
    }

    private void assertBadRequest(String path, String parameter) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("parameter").asText()).as(path).isEqualTo(parameter);
        assertThat(body.get("error").asText()).as(path).isNotBlank();
    }

    private List<String> names(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return json.readTree(response.body()).findValuesAsText("name");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
