package io.integrationmonitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.alert.FakeHttpReceiver;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.SimError;
import io.integrationmonitor.simulator.SimInboundIntegration;
import io.integrationmonitor.simulator.SimIntegration;
import io.integrationmonitor.simulator.SimRdsIntegration;
import io.integrationmonitor.simulator.SimRedshiftInboundIntegration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.integrationmonitor.MonitorFixture.HOME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One integration ARN in two listings, through the real SDK clients against the simulator: Glue's
 * DescribeIntegrations and DescribeInboundIntegrations both report a Glue integration; RDS DescribeIntegrations
 * and Redshift DescribeInboundIntegrations both report an Aurora to Redshift integration. The monitor tells people once (one
 * firing, one resolved notice), shows one row with both listings, and exports both metric families with the
 * same {@code integration_arn}.
 */
class OneIntegrationTwoListingsEndToEndTest {
    @TempDir
    Path dataDir;

    private final ObjectMapper json = new ObjectMapper();
    private FakeHttpReceiver webhook;
    private MonitorFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
        if (webhook != null) {
            webhook.close();
        }
    }

    @Test
    void anIntegrationTwoListingsReportIsToldOnceShownOnceAndMeasuredPerListing() throws Exception {
        // given a monitor with a webhook, and an integration the inbound listing reports too (page cap 2: paginated)
        webhook = new FakeHttpReceiver();
        fixture = MonitorFixture.start(new EstateSpec(5, 3, 0, 0, 2), dataDir, """
                alerting:
                  receivers: [{name: hook, webhook: {url: "%s"}}]
                """.formatted(webhook.uri("/hook")));
        SimIntegration integration = fixture.estate().integrations(HOME).get(0);
        String arn = integration.arn();
        fixture.estate().addInboundIntegration(new SimInboundIntegration(arn, integration.sourceArn(),
                integration.targetArn(), "ACTIVE", integration.createTime(), List.of()));
        fixture.pollAllExpectingSuccess();

        // when both listings report it FAILED for two polls, then ACTIVE again
        List<SimError> errors = List.of(new SimError("SOURCE_CONNECTION_LOST", "timed out"));
        fixture.estate().setIntegrationStatus(arn, "FAILED", errors);
        fixture.estate().setInboundStatus(arn, "FAILED", errors);
        fixture.pollAllExpectingSuccess();
        fixture.pollAllExpectingSuccess();
        fixture.monitor().startAlertDelivery();
        await().atMost(Duration.ofSeconds(20)).until(() -> !webhook.acceptedBodies().isEmpty());

        // then, while it fails: one alert, of the owning listing's kind
        JsonNode alerts = json.readTree(fixture.get("/api/v1/alerts").body());
        assertThat(alerts).hasSize(1);
        assertThat(alerts.findValuesAsText("kind")).containsExactly("glue_integration");

        // and both metric families, the same integration_arn in each
        String metrics = fixture.scrape();
        String byArn = "integration_arn=\"" + arn + "\"";
        assertThat(MonitorFixture.sample(metrics, "aws_glue_integration_status", byArn, "status=\"FAILED\""))
                .isEqualTo(1.0);
        assertThat(MonitorFixture.sample(metrics, "aws_glue_inbound_integration_status", byArn, "status=\"FAILED\""))
                .isEqualTo(1.0);

        // and one row in the JSON API, the status page and the resource page, naming both listings
        JsonNode resources = json.readTree(fixture.get("/api/v1/resources").body());
        assertThat(resources.findValuesAsText("arn").stream().filter(arn::equals)).hasSize(1);
        JsonNode view = json.readTree(fixture.get("/api/v1/resources?arn=" + arn).body());
        assertThat(view).singleElement().satisfies(r -> {
            assertThat(r.get("kind").asText()).isEqualTo("glue_integration");
            assertThat(r.get("name").asText()).isEqualTo(integration.name());
            assertThat(r.get("listings")).extracting(JsonNode::asText)
                    .containsExactly("glue_integrations", "glue_inbound_integrations");
        });
        assertThat(resources).hasSize(5 + 3);
        HttpResponse<String> page = fixture.get("/");
        String all = page.body().substring(page.body().indexOf("id=\"resources\""));
        assertThat(all).containsOnlyOnce("<code>" + arn + "</code>")
                .contains("listed by glue_integrations, glue_inbound_integrations");
        assertThat(fixture.get("/resource?arn=" + arn).body())
                .contains("<tr><th>Listed by</th><td>glue_integrations, glue_inbound_integrations</td></tr>");

        // when it recovers in both listings
        fixture.estate().setIntegrationStatus(arn, "ACTIVE", List.of());
        fixture.estate().setInboundStatus(arn, "ACTIVE", List.of());
        fixture.pollAllExpectingSuccess();
        fixture.pollAllExpectingSuccess();
        await().atMost(Duration.ofSeconds(20)).until(() -> webhook.acceptedBodies().size() >= 2);

        // then one firing and one resolved notice in all (delivery is in order: a second firing would come first)
        assertThat(webhook.acceptedBodies()).extracting(b -> json.readTree(b).get("state").asText())
                .containsExactly("firing", "resolved");
        assertThat(json.readTree(fixture.get("/api/v1/alerts").body())).isEmpty();
    }

    @Test
    void anAuroraIntegrationThatRdsAndRedshiftBothListAlertsOnceAsTheRdsIntegration() throws Exception {
        // given an Aurora -> Redshift integration that RDS lists and its Redshift namespace lists inbound
        webhook = new FakeHttpReceiver();
        fixture = MonitorFixture.start(new EstateSpec(1, 0, 0, 0, 0).withRdsIntegrations(2), dataDir, """
                alerting:
                  receivers: [{name: hook, webhook: {url: "%s"}}]
                """.formatted(webhook.uri("/hook")));
        SimRdsIntegration aurora = fixture.estate().rdsIntegrations(HOME).get(0);
        String arn = aurora.arn();
        fixture.estate().addRedshiftInboundIntegration(new SimRedshiftInboundIntegration(arn, aurora.sourceArn(),
                aurora.targetArn(), "active", aurora.createTime(), List.of()));
        fixture.pollAllExpectingSuccess();

        // when it needs attention (in both listings: the simulator keeps one status per integration) for two polls
        fixture.estate().setRdsStatus(arn, "needs_attention",
                List.of(new SimError("TABLE_RESYNC_REQUIRED", "Table sales.orders needs a refresh")));
        assertThat(fixture.estate().redshiftInboundIntegration(arn).orElseThrow().status())
                .isEqualTo("needs_attention");
        fixture.pollAllExpectingSuccess();
        fixture.pollAllExpectingSuccess();
        fixture.monitor().startAlertDelivery();
        await().atMost(Duration.ofSeconds(20)).until(() -> !webhook.acceptedBodies().isEmpty());

        // then one alert, the RDS listing's, and one row naming both listings
        JsonNode alerts = json.readTree(fixture.get("/api/v1/alerts").body());
        assertThat(alerts).hasSize(1);
        assertThat(alerts.findValuesAsText("kind")).containsExactly("rds_integration");
        JsonNode view = json.readTree(fixture.get("/api/v1/resources?arn=" + arn).body());
        assertThat(view).singleElement().satisfies(r -> {
            assertThat(r.get("kind").asText()).isEqualTo("rds_integration");
            assertThat(r.get("status").asText()).isEqualTo("NEEDS_ATTENTION");
            assertThat(r.get("listings")).extracting(JsonNode::asText)
                    .containsExactly("rds_integrations", "redshift_inbound_integrations");
        });

        // and two metric families, one per listing, with the same integration_arn
        String metrics = fixture.scrape();
        String byArn = "integration_arn=\"" + arn + "\"";
        assertThat(MonitorFixture.sample(metrics, "aws_rds_integration_status", byArn,
                "status=\"NEEDS_ATTENTION\"")).isEqualTo(1.0);
        assertThat(MonitorFixture.sample(metrics, "aws_redshift_inbound_integration_status", byArn,
                "status=\"NEEDS_ATTENTION\"")).isEqualTo(1.0);

        // when it recovers
        fixture.estate().setRdsStatus(arn, "active", List.of());
        fixture.pollAllExpectingSuccess();
        fixture.pollAllExpectingSuccess();
        await().atMost(Duration.ofSeconds(20)).until(() -> webhook.acceptedBodies().size() >= 2);

        // then one firing and one resolved notice in all
        assertThat(webhook.acceptedBodies()).extracting(b -> json.readTree(b).get("state").asText())
                .containsExactly("firing", "resolved");
        assertThat(json.readTree(fixture.get("/api/v1/alerts").body())).isEmpty();
    }
}
