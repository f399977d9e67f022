package io.integrationmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminApiTest {
    private static final Partition HOME = new Partition(Estate.DEFAULT_ACCOUNT, "us-east-1");

    private final HttpClient http = HttpClient.newHttpClient();
    private AwsSimulator simulator;

    @BeforeEach
    void start() {
        simulator = AwsSimulator.start(0);
        simulator.estate().populate(HOME, new EstateSpec(3, 1, 1, 2, 0));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void estateSummaryCountsByStatus() throws Exception {
        HttpResponse<String> r = get("/_simulator/estate");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"account\":\"123456789012\"").contains("\"integrations\":{\"ACTIVE\":3}");
    }

    @Test
    void listsEveryResourceOfAPartition() throws Exception {
        HttpResponse<String> r = get("/_simulator/resources?account=123456789012&region=us-east-1");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains(simulator.estate().integrations(HOME).get(2).arn(),
                simulator.estate().associations(HOME).get(1).arn());
    }

    @Test
    void setsIntegrationStatusWithErrorsByRawOrEncodedArn() throws Exception {
        String arn = simulator.estate().integrations(HOME).get(0).arn();

        HttpResponse<String> r = post("/_simulator/integrations/" + arn + "/status",
                "{\"status\":\"FAILED\",\"errors\":[{\"code\":\"SOURCE_CONNECTION_LOST\",\"message\":\"gone\"}]}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(simulator.estate().integration(arn).orElseThrow().errors())
                .containsExactly(new SimError("SOURCE_CONNECTION_LOST", "gone"));

        String assoc = simulator.estate().associations(HOME).get(0).arn();
        HttpResponse<String> a = post("/_simulator/associations/" + URLEncoder.encode(assoc, StandardCharsets.UTF_8)
                + "/execution", "{\"status\":\"FAILED\",\"message\":\"quota\"}");
        assertThat(a.statusCode()).isEqualTo(200);
        assertThat(simulator.estate().association(assoc).orElseThrow().statusMessage()).isEqualTo("quota");
    }

    @Test
    void setsAnRdsIntegrationsLowerCaseStatusThroughTheSameRouteAndListsIt() throws Exception {
        // given an RDS integration
        simulator.estate().populate(HOME, EstateSpec.empty().withRdsIntegrations(1));
        String arn = simulator.estate().rdsIntegrations(HOME).get(0).arn();

        // when
        HttpResponse<String> r = post("/_simulator/integrations/" + URLEncoder.encode(arn, StandardCharsets.UTF_8)
                + "/status", "{\"status\":\"needs_attention\",\"errors\":[{\"code\":\"RESYNC\",\"message\":\"m\"}]}");

        // then
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(simulator.estate().rdsIntegration(arn).orElseThrow()).satisfies(i -> {
            assertThat(i.status()).isEqualTo("needs_attention");
            assertThat(i.errors()).containsExactly(new SimError("RESYNC", "m"));
        });
        assertThat(get("/_simulator/resources").body()).contains("\"rdsIntegrations\"", arn);
        assertThat(get("/_simulator/estate").body()).contains("\"rdsIntegrations\":{\"needs_attention\":1}");
    }

    @Test
    void setsARedshiftIntegrationsStatusInBothItsListingsAndListsThem() throws Exception {
        // given an integration Redshift lists outbound and inbound
        simulator.estate().populate(HOME, EstateSpec.empty().withRedshift(1, 1));
        String arn = simulator.estate().redshiftIntegrations(HOME).get(0).arn();

        // when
        HttpResponse<String> r = post("/_simulator/redshift/integrations/" + arn + "/status",
                "{\"status\":\"needs_attention\",\"errors\":[{\"code\":\"TABLE_DROPPED\",\"message\":\"gone\"}]}");

        // then
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(simulator.estate().redshiftIntegration(arn).orElseThrow().status()).isEqualTo("needs_attention");
        assertThat(simulator.estate().redshiftInboundIntegration(arn).orElseThrow().errors())
                .containsExactly(new SimError("TABLE_DROPPED", "gone"));
        assertThat(get("/_simulator/estate").body()).contains("\"redshiftIntegrations\":{\"needs_attention\":1}");
        assertThat(get("/_simulator/resources").body()).contains("\"redshiftInboundIntegrations\":[{\"arn\":\"" + arn);
        assertThat(post("/_simulator/redshift/integrations/arn:aws:redshift:us-east-1:123456789012:integration:none"
                + "/status", "{\"status\":\"active\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void unknownArnIs404AndBadFaultIs400() throws Exception {
        assertThat(post("/_simulator/integrations/arn:aws:glue:us-east-1:123456789012:integration:none/status",
                "{\"status\":\"FAILED\"}").statusCode()).isEqualTo(404);
        assertThat(post("/_simulator/faults", "{\"type\":\"explode\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void faultsAndCallCountersAreDrivable() throws Exception {
        // given a throttle fault posted through the admin API
        assertThat(post("/_simulator/faults", "{\"type\":\"throttle\",\"operation\":\"DescribeIntegrations\",\"count\":1}")
                .statusCode()).isEqualTo(200);

        // when Glue is called twice over the wire
        HttpResponse<String> first = glue("{}");
        HttpResponse<String> second = glue("{}");

        // then the first is throttled, the second served, and both counted
        assertThat(first.statusCode()).isEqualTo(400);
        assertThat(first.headers().firstValue("x-amzn-ErrorType")).contains("ThrottlingException");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(get("/_simulator/calls").body()).contains("\"glue:DescribeIntegrations\":2");
    }

    @Test
    void listingFaultsBendTheResponseShape() throws Exception {
        // given each listing fault posted through the admin API
        assertThat(post("/_simulator/faults", "{\"type\":\"empty-object\",\"operation\":\"DescribeIntegrations\"}")
                .statusCode()).isEqualTo(200);
        assertThat(post("/_simulator/faults", "{\"type\":\"null-list\",\"operation\":\"DescribeIntegrations\"}")
                .statusCode()).isEqualTo(200);
        assertThat(post("/_simulator/faults",
                "{\"type\":\"oversized\",\"operation\":\"DescribeIntegrations\",\"bytes\":300000}")
                .statusCode()).isEqualTo(200);

        // when Glue is called over the wire
        HttpResponse<String> empty = glue("{}");
        HttpResponse<String> nullList = glue("{}");
        HttpResponse<String> oversized = glue("{}");
        HttpResponse<String> normal = glue("{}");

        // then each answers 200 in its own shape, once, in the order posted
        assertThat(empty.body()).isEqualTo("{}");
        assertThat(nullList.body()).isEqualTo("{\"Integrations\":null}");
        assertThat(oversized.statusCode()).isEqualTo(200);
        assertThat(oversized.headers().firstValue("Content-Length")).isEmpty();
        assertThat(oversized.body().length()).isBetween(300_000, 302_000);
        assertThat(oversized.body()).startsWith("{\"Integrations\":[{\"IntegrationArn\":").endsWith("}]}");
        assertThat(normal.body()).contains(simulator.estate().integrations(HOME).get(0).arn());
    }

    @Test
    void endlessPagesHandOutAFreshTokenEveryTimeUntilCleared() throws Exception {
        // given
        assertThat(post("/_simulator/faults", "{\"type\":\"endless-pages\",\"operation\":\"DescribeIntegrations\"}")
                .statusCode()).isEqualTo(200);

        // when
        HttpResponse<String> first = glue("{}");
        HttpResponse<String> second = glue("{\"Marker\":\"whatever\"}");
        delete("/_simulator/faults");
        HttpResponse<String> cleared = glue("{}");

        // then
        assertThat(first.body()).startsWith("{\"Integrations\":[],\"Marker\":\"");
        assertThat(second.body()).startsWith("{\"Integrations\":[],\"Marker\":\"").isNotEqualTo(first.body());
        assertThat(cleared.body()).doesNotContain("Marker").contains("IntegrationArn");
    }

    @Test
    void listingFaultsRefuseAnOperationThatIsNoListing() throws Exception {
        assertThat(post("/_simulator/faults", "{\"type\":\"null-list\",\"operation\":\"Publish\"}").statusCode())
                .isEqualTo(400);
        assertThat(post("/_simulator/faults", "{\"type\":\"endless-pages\"}").statusCode()).isEqualTo(400);
        assertThat(post("/_simulator/faults", "{\"type\":\"oversized\",\"operation\":\"DescribeIntegrations\"}")
                .statusCode()).as("no bytes").isEqualTo(400);
    }

    @Test
    void removesResources() throws Exception {
        String arn = simulator.estate().inboundIntegrations(HOME).get(0).arn();

        assertThat(delete("/_simulator/resources/" + arn).statusCode()).isEqualTo(200);

        assertThat(simulator.estate().inboundIntegration(arn)).isEmpty();
    }

    private HttpResponse<String> glue(String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(simulator.endpoint())
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSGlue.DescribeIntegrations")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eventsAreSwitchedOnAndOffAndATableIngestionIsSetThroughTheAdminApi() throws Exception {
        // given events switched on with knobs, into the default queue
        HttpResponse<String> on = post("/_simulator/events",
                "{\"delayMillis\":0,\"jitterMillis\":0,\"duplicates\":1.0,\"seed\":5}");
        assertThat(on.statusCode()).isEqualTo(200);
        assertThat(on.body()).contains("\"enabled\":true", "123456789012/integration-events (us-east-1)",
                "\"duplicates\":1.0");
        String arn = simulator.estate().integrations(HOME).get(0).arn();

        // when a table fails, and a status is set, through the admin API
        assertThat(post("/_simulator/tables/ingestion", "{\"integrationArn\":\"" + arn + "\",\"table\":\"orders\","
                + "\"status\":\"FAILED\",\"code\":\"client_error\",\"message\":\"no database\"}").statusCode())
                .isEqualTo(200);
        assertThat(post("/_simulator/integrations/" + arn + "/status", "{\"status\":\"FAILED\"}").statusCode())
                .isEqualTo(200);

        // then both events are in the queue, twice each (duplicates 1.0), and the table's state is kept
        assertThat(simulator.sqs().messages(HOME, EventQueue.DEFAULT_NAME)).extracting(SqsQueues.QueuedMessage::body)
                .hasSize(4)
                .satisfies(bodies -> {
                    assertThat(bodies.get(0)).contains("AWS Glue Zero ETL Ingestion Failed", "\"tableName\":\"orders\"",
                            "\"error_code\":\"client_error\"").isEqualTo(bodies.get(1));
                    assertThat(bodies.get(2)).contains("AWS Glue Zero ETL Integration Failed").isEqualTo(bodies.get(3));
                });
        assertThat(simulator.estate().tableIngestions(arn).get("orders").status())
                .isEqualTo(SimTableIngestion.Status.FAILED);
        assertThat(get("/_simulator/events").body()).contains("\"events\":2", "\"messages\":4");

        // and once switched off, a change sends nothing
        assertThat(delete("/_simulator/events").statusCode()).isEqualTo(200);
        post("/_simulator/integrations/" + arn + "/status", "{\"status\":\"NEEDS_ATTENTION\"}");
        assertThat(simulator.sqs().messages(HOME, EventQueue.DEFAULT_NAME)).hasSize(4);
        assertThat(post("/_simulator/tables/ingestion", "{\"integrationArn\":\"" + arn + "\",\"table\":\"t\","
                + "\"status\":\"LOST\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void freshnessControlsSteerTheCloudWatchMetrics() throws Exception {
        String glue = simulator.estate().integrations(HOME).get(0).arn();
        String other = "210987654321";
        java.time.Instant since = java.time.Instant.parse("2026-03-02T11:55:30Z");
        java.time.Instant later = since.plusSeconds(600);

        // when every control is posted
        assertThat(post("/_simulator/freshness/stop-syncing", "{\"integrationArn\":\"" + glue + "\",\"since\":\""
                + since + "\"}").statusCode()).isEqualTo(200);
        assertThat(post("/_simulator/freshness/lag", "{\"integrationArn\":\"" + glue + "\",\"from\":\"" + since
                + "\",\"lagSeconds\":1200}").statusCode()).isEqualTo(200);
        assertThat(post("/_simulator/freshness/fail-tables", "{\"integrationArn\":\"" + glue + "\",\"from\":\""
                + since + "\",\"tables\":[\"orders\",\"customers\"]}").statusCode()).isEqualTo(200);
        assertThat(post("/_simulator/freshness/deny", "{\"accountId\":\"" + other + "\"}").statusCode())
                .isEqualTo(200);
        assertThat(post("/_simulator/freshness/page-datapoints", "{\"datapoints\":5}").statusCode()).isEqualTo(200);

        // then the simulator's freshness holds them, and shows them
        SimFreshness freshness = simulator.freshness();
        assertThat(freshness.syncingAt(glue, later)).isFalse();
        assertThat(freshness.lagAt(glue, later)).isEqualTo(java.time.Duration.ofMinutes(20));
        assertThat(freshness.failingTablesAt(glue, later)).containsExactly("customers", "orders");
        assertThat(freshness.denied(other)).isTrue();
        assertThat(freshness.pageCap()).isEqualTo(5);
        assertThat(get("/_simulator/freshness").body()).contains(glue, other, "\"pageDatapoints\":5");

        // when resumed, cleared, allowed; a bad one is refused by name
        post("/_simulator/freshness/resume-syncing", "{\"integrationArn\":\"" + glue + "\"}");
        post("/_simulator/freshness/clear-tables", "{\"integrationArn\":\"" + glue + "\",\"from\":\"" + since
                .plusSeconds(60) + "\"}");
        post("/_simulator/freshness/allow", "{\"accountId\":\"" + other + "\"}");
        HttpResponse<String> missing = post("/_simulator/freshness/lag", "{\"integrationArn\":\"" + glue + "\"}");
        HttpResponse<String> unknown = post("/_simulator/freshness/explode", "{}");

        // then
        assertThat(freshness.syncingAt(glue, java.time.Instant.now().plusSeconds(60))).isTrue();
        assertThat(freshness.failingTablesAt(glue, later)).isEmpty();
        assertThat(freshness.denied(other)).isFalse();
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("lagSeconds");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(delete("/_simulator/freshness").statusCode()).isEqualTo(200);
        assertThat(freshness.pageCap()).isEqualTo(SimFreshness.MAX_PAGE_DATAPOINTS);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(simulator.endpoint() + path);
    }
}
