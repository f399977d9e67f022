package io.integrationmonitor.poll;

import static io.integrationmonitor.poll.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.integrationmonitor.config.FilterConfig;
import io.integrationmonitor.config.RedshiftInboundIntegrationsSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.redshift.model.DescribeInboundIntegrationsResponse;
import software.amazon.awssdk.services.redshift.model.InboundIntegration;
import software.amazon.awssdk.services.redshift.model.IntegrationError;

class RedshiftInboundIntegrationsPollerTest {
    private static final String TARGET = "arn:aws:redshift:eu-west-1:123456789012:namespace:ns-1";
    private static final String SCOPE = "arn:aws:rds:eu-west-1:123456789012:integration:scope-1";

    private final StubRedshift redshift = new StubRedshift();

    @Test
    void pagesThroughTheSdkPaginatorPassingScopesAndPageSize() throws Exception {
        // given
        redshift.thenInbound(page("m1", inbound("i-1", "active"))).thenInbound(page(null, inbound("i-2", "syncing")));
        RedshiftInboundIntegrationsSource source =
                new RedshiftInboundIntegrationsSource(true, Duration.ofMinutes(1), 20, TARGET, SCOPE, null, null);

        // when
        Snapshot snapshot = poller(source).poll();

        // then
        assertThat(snapshot.pages()).isEqualTo(2);
        assertThat(snapshot.resources()).extracting(ObservedResource::name, ObservedResource::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("i-1", ResourceStatus.ACTIVE),
                org.assertj.core.groups.Tuple.tuple("i-2", ResourceStatus.SYNCING));
        assertThat(redshift.inboundRequests).extracting(r -> r.marker()).containsExactly(null, "m1");
        assertThat(redshift.inboundRequests).allSatisfy(r -> {
            assertThat(r.maxRecords()).isEqualTo(20);
            assertThat(r.targetArn()).isEqualTo(TARGET);
            assertThat(r.integrationArn()).isEqualTo(SCOPE);
        });
    }

    @Test
    void leavesScopesOutWhenNotConfigured() throws Exception {
        // given
        redshift.thenInbound(page(null));

        // when
        poller(RedshiftInboundIntegrationsSource.defaults()).poll();

        // then
        assertThat(redshift.inboundRequests).singleElement().satisfies(r -> {
            assertThat(r.targetArn()).isNull();
            assertThat(r.integrationArn()).isNull();
            assertThat(r.maxRecords()).isEqualTo(100);
        });
    }

    @Test
    void mapsEveryFieldAndTheSourceAccountOfACrossAccountIntegration() throws Exception {
        // given an Aurora integration from another account into the polled account's namespace
        Instant created = Instant.parse("2025-06-01T10:00:00Z");
        redshift.thenInbound(page(null, InboundIntegration.builder()
                .integrationArn("arn:aws:rds:eu-west-1:210987654321:integration:5e6f")
                .sourceArn("arn:aws:rds:eu-west-1:210987654321:cluster:orders")
                .targetArn(TARGET)
                .status("failed")
                .createTime(created)
                .errors(IntegrationError.builder().errorCode("SOURCE_UNREACHABLE").errorMessage("lost").build())
                .build()));

        // when
        ObservedResource resource = poller(RedshiftInboundIntegrationsSource.defaults()).poll().resources().get(0);

        // then
        assertThat(resource).isEqualTo(new ObservedResource(
                ResourceKind.REDSHIFT_INBOUND_INTEGRATION,
                "arn:aws:rds:eu-west-1:210987654321:integration:5e6f",
                "5e6f",
                Fixtures.ACCOUNT,
                REGION,
                ResourceStatus.FAILED,
                List.of(new ResourceError("SOURCE_UNREACHABLE", "lost")),
                Map.of(ObservedResource.Attributes.SOURCE_ARN, "arn:aws:rds:eu-west-1:210987654321:cluster:orders",
                        ObservedResource.Attributes.SOURCE_ACCOUNT_ID, "210987654321",
                        ObservedResource.Attributes.TARGET_ARN, TARGET),
                Map.of(),
                created));
    }

    @Test
    void aMissingStatusIsAnInvalidResponseNamingTheField() {
        // given
        redshift.thenInbound(page(null, inbound("i-1", "active"), inbound("i-2", null)));

        // when / then
        assertThatThrownBy(() -> poller(RedshiftInboundIntegrationsSource.defaults()).poll())
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.INVALID_RESPONSE);
                    assertThat(e.getMessage()).isEqualTo(
                            "Redshift DescribeInboundIntegrations page 1: InboundIntegrations[1].Status is missing");
                });
    }

    @Test
    void stopsAtThePageLimit() {
        // given a server that never stops paging
        redshift.endlessInbound();
        RedshiftInboundIntegrationsPoller poller = new RedshiftInboundIntegrationsPoller(redshift,
                RedshiftInboundIntegrationsSource.defaults(),
                Fixtures.context(Source.REDSHIFT_INBOUND_INTEGRATIONS, ResourceFilter.acceptAll(), 5));

        // when / then
        assertThatThrownBy(poller::poll)
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.POLL_BUDGET_EXCEEDED);
                    assertThat(e.getMessage())
                            .startsWith("Redshift DescribeInboundIntegrations page 6: poll budget exceeded");
                });
        assertThat(redshift.inboundRequests).hasSize(5);
    }

    @Test
    void tagFiltersDoNotApplyToInboundIntegrationsButNameFiltersDo() throws Exception {
        // given a filter that wants a tag inbound integrations never carry, and excludes one id
        ResourceFilter filter = new ResourceFilter(new FilterConfig(List.of(), List.of("i-2"),
                Map.of("team", "data"), Map.of()));
        redshift.thenInbound(page(null, inbound("i-1", "active"), inbound("i-2", "active")));
        RedshiftInboundIntegrationsPoller poller = new RedshiftInboundIntegrationsPoller(redshift,
                RedshiftInboundIntegrationsSource.defaults(),
                Fixtures.context(Source.REDSHIFT_INBOUND_INTEGRATIONS, filter, 100));

        // when
        Snapshot snapshot = poller.poll();

        // then
        assertThat(snapshot.resources()).extracting(ObservedResource::name).containsExactly("i-1");
    }

    private RedshiftInboundIntegrationsPoller poller(RedshiftInboundIntegrationsSource source) {
        return new RedshiftInboundIntegrationsPoller(redshift, source,
                Fixtures.context(Source.REDSHIFT_INBOUND_INTEGRATIONS));
    }

    private static DescribeInboundIntegrationsResponse page(String marker, InboundIntegration... integrations) {
        return DescribeInboundIntegrationsResponse.builder().marker(marker).inboundIntegrations(integrations).build();
    }

    private static InboundIntegration inbound(String id, String status) {
        return InboundIntegration.builder()
                .integrationArn("arn:aws:redshift:eu-west-1:123456789012:integration:" + id)
                .targetArn(TARGET)
                .status(status)
                .build();
    }
}
