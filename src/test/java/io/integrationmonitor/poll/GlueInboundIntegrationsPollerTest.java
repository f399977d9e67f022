package io.integrationmonitor.poll;

import static io.integrationmonitor.poll.Fixtures.ACCOUNT;
import static io.integrationmonitor.poll.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.integrationmonitor.config.GlueInboundIntegrationsSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.DescribeInboundIntegrationsResponse;
import software.amazon.awssdk.services.glue.model.InboundIntegration;
import software.amazon.awssdk.services.glue.model.IntegrationError;

class GlueInboundIntegrationsPollerTest {
    private static final String TARGET = "arn:aws:redshift:eu-west-1:123456789012:namespace:ns-1";
    private static final String SCOPE = "arn:aws:glue:eu-west-1:123456789012:integration:scope-1";

    private final StubGlue glue = new StubGlue();

    @Test
    void followsMarkersAndPassesScopesAndPageSize() throws Exception {
        // given
        glue.thenInbound(page("m1", inbound("i-1", "ACTIVE"))).thenInbound(page(null, inbound("i-2", "SYNCING")));
        GlueInboundIntegrationsSource source =
                new GlueInboundIntegrationsSource(true, Duration.ofMinutes(1), 7, TARGET, SCOPE);

        // when
        Snapshot snapshot = poller(source).poll();

        // then
        assertThat(snapshot.pages()).isEqualTo(2);
        assertThat(snapshot.resources()).extracting(ObservedResource::name).containsExactly("i-1", "i-2");
        assertThat(glue.inboundRequests).extracting(r -> r.marker()).containsExactly(null, "m1");
        assertThat(glue.inboundRequests).allSatisfy(r -> {
            assertThat(r.maxRecords()).isEqualTo(7);
            assertThat(r.targetArn()).isEqualTo(TARGET);
            assertThat(r.integrationArn()).isEqualTo(SCOPE);
        });
    }

    @Test
    void leavesScopesOutWhenNotConfigured() throws Exception {
        // given
        glue.thenInbound(page(null));

        // when
        poller(GlueInboundIntegrationsSource.defaults()).poll();

        // then
        assertThat(glue.inboundRequests).singleElement().satisfies(r -> {
            assertThat(r.targetArn()).isNull();
            assertThat(r.integrationArn()).isNull();
            assertThat(r.maxRecords()).isEqualTo(100);
        });
    }

    @Test
    void mapsEveryFieldAndNamesByTheLastArnSegment() throws Exception {
        // given
        Instant created = Instant.parse("2025-03-04T05:06:07Z");
        glue.thenInbound(page(null, InboundIntegration.builder()
                .integrationArn("arn:aws:glue:eu-west-1:123456789012:integration:abc-123")
                .sourceArn("arn:aws:rds:eu-west-1:210987654321:cluster:db")
                .targetArn(TARGET)
                .status("FAILED")
                .createTime(created)
                .integrationConfig(c -> c.refreshInterval("60"))
                .errors(IntegrationError.builder().errorCode("ACCESS_DENIED").errorMessage("no access").build())
                .build()));

        // when
        ObservedResource resource = poller(GlueInboundIntegrationsSource.defaults()).poll().resources().get(0);

        // then
        assertThat(resource).isEqualTo(new ObservedResource(
                ResourceKind.GLUE_INBOUND_INTEGRATION,
                "arn:aws:glue:eu-west-1:123456789012:integration:abc-123",
                "abc-123",
                ACCOUNT,
                REGION,
                ResourceStatus.FAILED,
                List.of(new ResourceError("ACCESS_DENIED", "no access")),
                // a cross-account inbound integration: the source's account owns it
                Map.of(ObservedResource.Attributes.SOURCE_ARN, "arn:aws:rds:eu-west-1:210987654321:cluster:db",
                        ObservedResource.Attributes.SOURCE_ACCOUNT_ID, "210987654321",
                        ObservedResource.Attributes.TARGET_ARN, TARGET,
                        ObservedResource.Attributes.REFRESH_INTERVAL, "60"),
                Map.of(),
                created));
    }

    @Test
    void unknownStatusBecomesUnknown() throws Exception {
        // given
        glue.thenInbound(page(null, inbound("i-1", "RESUMING")));

        // when
        Snapshot snapshot = poller(GlueInboundIntegrationsSource.defaults()).poll();

        // then
        assertThat(snapshot.resources()).singleElement()
                .extracting(ObservedResource::status).isEqualTo(ResourceStatus.UNKNOWN);
    }

    @Test
    void aFailingSecondPageFailsThePoll() {
        // given
        glue.thenInbound(page("m1", inbound("i-1", "ACTIVE")))
                .thenInboundFail(Fixtures.serviceError("InternalServiceException", 500));

        // when / then
        assertThatThrownBy(() -> poller(GlueInboundIntegrationsSource.defaults()).poll())
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.SERVER_ERROR);
                    assertThat(e.getMessage()).startsWith("Glue DescribeInboundIntegrations page 2: ");
                });
    }

    @Test
    void aRepeatedMarkerFails() {
        // given the same marker twice in a row
        glue.thenInbound(page("m1", inbound("i-1", "ACTIVE"))).thenInbound(page("m1", inbound("i-1", "ACTIVE")));

        // when / then
        assertThatThrownBy(() -> poller(GlueInboundIntegrationsSource.defaults()).poll())
                .isInstanceOfSatisfying(PollFailedException.class,
                        e -> assertThat(e.reason()).isEqualTo(PollErrorReason.INVALID_RESPONSE));
    }

    @Test
    void aMissingArnIsAnInvalidResponseNamingTheField() {
        // given
        glue.thenInbound(page(null, inbound("i-1", "ACTIVE").toBuilder().integrationArn(null).build()));

        // when / then
        assertThatThrownBy(() -> poller(GlueInboundIntegrationsSource.defaults()).poll())
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.INVALID_RESPONSE);
                    assertThat(e.getMessage()).isEqualTo(
                            "Glue DescribeInboundIntegrations page 1: InboundIntegrations[0].IntegrationArn is missing");
                });
    }

    @Test
    void aPageWithoutItsListIsAnInvalidResponse() {
        // given a good first page, then a 200 whose InboundIntegrations member is absent
        glue.thenInbound(page("m1", inbound("a", "ACTIVE")))
                .thenInbound(DescribeInboundIntegrationsResponse.builder().build());

        // when / then
        assertThatThrownBy(() -> poller(GlueInboundIntegrationsSource.defaults()).poll())
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.INVALID_RESPONSE);
                    assertThat(e.getMessage()).startsWith(
                            "Glue DescribeInboundIntegrations page 2: InboundIntegrations is missing or null");
                });
    }

    private GlueInboundIntegrationsPoller poller(GlueInboundIntegrationsSource source) {
        return new GlueInboundIntegrationsPoller(glue, source, Fixtures.context(Source.GLUE_INBOUND_INTEGRATIONS));
    }

    private static DescribeInboundIntegrationsResponse page(String marker, InboundIntegration... integrations) {
        return DescribeInboundIntegrationsResponse.builder().marker(marker).inboundIntegrations(integrations).build();
    }

    private static InboundIntegration inbound(String id, String status) {
        return InboundIntegration.builder()
                .integrationArn("arn:aws:glue:eu-west-1:123456789012:integration:" + id)
                .status(status)
                .build();
    }
}
