package io.integrationmonitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.SimError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.integrationmonitor.MonitorFixture.HOME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The link an alert carries (Alertmanager's {@code generatorURL}) opens the page of the alerting resource. */
class AlertLinksEndToEndTest {
    @TempDir
    Path dataDir;

    private final ObjectMapper json = new ObjectMapper();
    private final List<String> alertmanagerBodies = new CopyOnWriteArrayList<>();
    private HttpServer alertmanager;
    private MonitorFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
        if (alertmanager != null) {
            alertmanager.stop(0);
        }
    }

    @Test
    void theGeneratorUrlOfAFiringAlertOpensThePageOfThatResource() throws Exception {
        // given: a monitor alerting an Alertmanager, and one integration that fails
        alertmanager = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        alertmanager.createContext("/", exchange -> {
            alertmanagerBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        alertmanager.start();
        fixture = MonitorFixture.start(new EstateSpec(2, 0, 0, 0, 0), dataDir, """
                alerting:
                  external_url: http://monitor.example:9108/
                  receivers:
                    - name: am
                      alertmanager: {urls: ["http://127.0.0.1:%d/"]}
                """.formatted(alertmanager.getAddress().getPort()));
        fixture.pollAllExpectingSuccess();
        String failing = fixture.estate().integrations(HOME).get(0).arn();
        String name = fixture.estate().integrations(HOME).get(0).name();
        fixture.estate().setIntegrationStatus(failing, "FAILED",
                List.of(new SimError("SOURCE_CONNECTION_LOST", "timed out <b>")));
        fixture.pollAllExpectingSuccess();

        // when: the alert goes out and its link is followed (on this monitor's real address)
        fixture.monitor().startAlertDelivery();
        await().atMost(Duration.ofSeconds(20)).until(() -> !alertmanagerBodies.isEmpty());
        JsonNode alert = json.readTree(alertmanagerBodies.get(0)).get(0);
        URI link = URI.create(alert.get("generatorURL").asText());
        assertThat(link.getHost()).isEqualTo("monitor.example");
        HttpResponse<String> page = fixture.get(link.getRawPath() + "?" + link.getRawQuery());

        // then: 200, the resource's page, with its status, errors, history and console link
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'none'"));
        assertThat(page.body())
                .contains("<h1>" + name + " (glue_integration)</h1>")
                .contains(failing)
                .contains("FAILED")
                .contains("<code>SOURCE_CONNECTION_LOST</code> timed out &lt;b&gt;")
                .contains("entered_failed")
                .contains("https://console.aws.amazon.com/go/view?arn=");

        // and the JSON API accepts the same arn= (the old dead link)
        HttpResponse<String> api = fixture.get("/api/v1/resources?" + link.getRawQuery());
        assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
        assertThat(json.readTree(api.body()).findValuesAsText("arn")).containsExactly(failing);
    }

    @Test
    void aLinkToAResourceTheMonitorDoesNotKnowSaysSoWith404() {
        fixture = MonitorFixture.start(new EstateSpec(1, 0, 0, 0, 0), dataDir);
        fixture.pollAllExpectingSuccess();

        HttpResponse<String> page = fixture.get("/resource?arn=arn%3Aaws%3Aglue%3Aus-east-1%3A123456789012%3Aintegration%3Agone");
        HttpResponse<String> noArn = fixture.get("/resource");

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("No known resource has the ARN")
                .contains("arn:aws:glue:us-east-1:123456789012:integration:gone");
        assertThat(noArn.statusCode()).isEqualTo(400);
        assertThat(fixture.get("/api/v1/resources?arn=arn%3Aaws%3Aglue%3Aus-east-1%3A123456789012%3Aintegration%3Agone")
                .body()).isEqualTo("[]");
    }
}
