package io.integrationmonitor.poll;

import static io.integrationmonitor.poll.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.integrationmonitor.config.AppIntegrationsSource;
import io.integrationmonitor.config.FilterConfig;
import io.integrationmonitor.config.GlueFilter;
import io.integrationmonitor.config.GlueInboundIntegrationsSource;
import io.integrationmonitor.config.GlueIntegrationsSource;
import io.integrationmonitor.config.RdsIntegrationsSource;
import io.integrationmonitor.config.RedshiftInboundIntegrationsSource;
import io.integrationmonitor.config.RedshiftIntegrationsSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.DescribeIntegrationsResponse;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.Integration;
import software.amazon.awssdk.services.glue.model.IntegrationNotFoundException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DescribeIntegrationsRequest;
import software.amazon.awssdk.services.redshift.model.DescribeInboundIntegrationsResponse;
import software.amazon.awssdk.services.redshift.model.InboundIntegration;

/** {@link Poller#describe}: one call naming the ARN, checked like a page, "not found" never a vanish. */
class TargetedDescribeTest {
    private static final String ARN = "arn:aws:glue:eu-west-1:123456789012:integration:orders";
    private static final GlueIntegrationsSource GLUE = new GlueIntegrationsSource(true, Duration.ofMinutes(1), 25,
            List.of(new GlueFilter("Status", List.of("ACTIVE", "FAILED"))));

    private final StubGlue glue = new StubGlue();

    @Test
    void glueDescribesOneIntegrationByIdentifierInOneCallWithTheSourcesFilters() throws Exception {
        // given
        glue.thenIntegrations(page(integration(ARN, "orders", "FAILED")));

        // when
        Optional<Snapshot> snapshot = gluePoller(ResourceFilter.acceptAll()).describe(ARN);

        // then
        assertThat(glue.integrationRequests).singleElement().satisfies(r -> {
            assertThat(r.integrationIdentifier()).isEqualTo(ARN);
            assertThat(r.filters()).extracting(f -> f.name()).containsExactly("Status");
            assertThat(r.marker()).isNull();
        });
        assertThat(snapshot).hasValueSatisfying(s -> {
            assertThat(s.targeted()).isTrue();
            assertThat(s.scope()).isEqualTo(ARN);
            assertThat(s.observedAt()).isEqualTo(NOW);
            assertThat(s.resources()).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(ResourceStatus.FAILED);
                assertThat(r.kind()).isEqualTo(ResourceKind.GLUE_INTEGRATION);
            });
        });
    }

    @Test
    void notFoundOrAnEmptyAnswerIsNothingObservedNeverAFailure() throws Exception {
        // given Glue's two not-found errors, and an empty list
        glue.thenIntegrationsFail(IntegrationNotFoundException.builder().message("Integration not found").build())
                .thenIntegrationsFail(EntityNotFoundException.builder().message("not found").build())
                .thenIntegrations(page());
        GlueIntegrationsPoller poller = gluePoller(ResourceFilter.acceptAll());

        // when / then
        assertThat(poller.describe(ARN)).isEmpty();
        assertThat(poller.describe(ARN)).isEmpty();
        assertThat(poller.describe(ARN)).isEmpty();
    }

    @Test
    void aMalformedAnswerFailsLikeAMalformedPage() {
        // given a 200 without its list, one naming another integration, one without a status
        glue.thenIntegrations(DescribeIntegrationsResponse.builder().build())
                .thenIntegrations(page(integration(ARN + "-other", "other", "ACTIVE")))
                .thenIntegrations(page(integration(ARN, "orders", null)));
        GlueIntegrationsPoller poller = gluePoller(ResourceFilter.acceptAll());

        // when / then
        assertThatThrownBy(() -> poller.describe(ARN)).isInstanceOfSatisfying(PollFailedException.class, e -> {
            assertThat(e.reason()).isEqualTo(PollErrorReason.INVALID_RESPONSE);
            assertThat(e.getMessage()).isEqualTo("Glue DescribeIntegrations (targeted) page 1: Integrations is missing"
                    + " or null; a 200 without the list is not an empty listing");
        });
        assertThatThrownBy(() -> poller.describe(ARN)).isInstanceOfSatisfying(PollFailedException.class, e ->
                assertThat(e.getMessage()).endsWith("Integrations[0].IntegrationArn is not the ARN asked for"));
        assertThatThrownBy(() -> poller.describe(ARN)).isInstanceOfSatisfying(PollFailedException.class, e ->
                assertThat(e.getMessage()).endsWith("Integrations[0].Status is missing"));
    }

    @Test
    void anyOtherErrorFailsClassifiedAsAPollsWould() {
        glue.thenIntegrationsFail(Fixtures.serviceError("AccessDeniedException", 400));

        assertThatThrownBy(() -> gluePoller(ResourceFilter.acceptAll()).describe(ARN))
                .isInstanceOfSatisfying(PollFailedException.class,
                        e -> assertThat(e.reason()).isEqualTo(PollErrorReason.ACCESS_DENIED));
    }

    @Test
    void anIntegrationTheFiltersExcludeIsNotObserved() throws Exception {
        // given
        glue.thenIntegrations(page(integration(ARN, "orders", "FAILED")));
        ResourceFilter excludeOrders = new ResourceFilter(new FilterConfig(null, List.of("orders"), null, null));

        // when / then
        assertThat(gluePoller(excludeOrders).describe(ARN)).isEmpty();
    }

    @Test
    void glueInboundDescribesByIntegrationArnWithinItsTargetScopeAndSkipsOtherIntegrations() throws Exception {
        // given a source scoped to one target; then one scoped to another integration
        String target = "arn:aws:redshift:eu-west-1:123456789012:namespace:n1";
        glue.thenInbound(software.amazon.awssdk.services.glue.model.DescribeInboundIntegrationsResponse.builder()
                .inboundIntegrations(software.amazon.awssdk.services.glue.model.InboundIntegration.builder()
                        .integrationArn(ARN).status("ACTIVE").targetArn(target).build()).build());
        GlueInboundIntegrationsPoller scopedToTarget = new GlueInboundIntegrationsPoller(glue,
                new GlueInboundIntegrationsSource(true, Duration.ofMinutes(1), 7, target, null),
                Fixtures.context(Source.GLUE_INBOUND_INTEGRATIONS));
        GlueInboundIntegrationsPoller scopedToAnother = new GlueInboundIntegrationsPoller(glue,
                new GlueInboundIntegrationsSource(true, Duration.ofMinutes(1), 7, null, ARN + "-other"),
                Fixtures.context(Source.GLUE_INBOUND_INTEGRATIONS));

        // when
        Optional<Snapshot> seen = scopedToTarget.describe(ARN);
        Optional<Snapshot> outOfScope = scopedToAnother.describe(ARN);

        // then
        assertThat(seen).hasValueSatisfying(s -> assertThat(s.resources()).extracting(ObservedResource::kind)
                .containsExactly(ResourceKind.GLUE_INBOUND_INTEGRATION));
        assertThat(glue.inboundRequests).singleElement().satisfies(r -> {
            assertThat(r.integrationArn()).isEqualTo(ARN);
            assertThat(r.targetArn()).isEqualTo(target);
        });
        assertThat(outOfScope).isEmpty();
    }

    @Test
    void rdsDescribesByIntegrationIdentifierAndTakesItsNotFoundFaultAsNothingObserved() throws Exception {
        // given
        String arn = "arn:aws:rds:eu-west-1:123456789012:integration:a1";
        List<DescribeIntegrationsRequest> requests = new ArrayList<>();
        List<Object> answers = new ArrayList<>(List.of(
                software.amazon.awssdk.services.rds.model.DescribeIntegrationsResponse.builder()
                        .integrations(software.amazon.awssdk.services.rds.model.Integration.builder()
                                .integrationArn(arn).integrationName("a1").status("failed").build()).build(),
                software.amazon.awssdk.services.rds.model.IntegrationNotFoundException.builder().message("gone").build()));
        RdsClient rds = new RdsClient() {
            @Override
            public software.amazon.awssdk.services.rds.model.DescribeIntegrationsResponse describeIntegrations(
                    DescribeIntegrationsRequest request) {
                requests.add(request);
                Object answer = answers.remove(0);
                if (answer instanceof RuntimeException e) {
                    throw e;
                }
                return (software.amazon.awssdk.services.rds.model.DescribeIntegrationsResponse) answer;
            }

            @Override
            public String serviceName() {
                return "rds";
            }

            @Override
            public void close() {
            }
        };
        RdsIntegrationsPoller poller = new RdsIntegrationsPoller(rds,
                new RdsIntegrationsSource(true, Duration.ofMinutes(1), 20, List.of(), null, null),
                Fixtures.context(Source.RDS_INTEGRATIONS));

        // when / then
        assertThat(poller.describe(arn)).hasValueSatisfying(s -> assertThat(s.resources())
                .extracting(ObservedResource::status).containsExactly(ResourceStatus.FAILED));
        assertThat(poller.describe(arn)).isEmpty();
        assertThat(requests).extracting(DescribeIntegrationsRequest::integrationIdentifier).containsExactly(arn, arn);
    }

    @Test
    void redshiftDescribesBothListingsByIntegrationArn() throws Exception {
        // given
        String arn = "arn:aws:redshift:eu-west-1:123456789012:integration:r1";
        StubRedshift redshift = new StubRedshift()
                .thenIntegrations(software.amazon.awssdk.services.redshift.model.DescribeIntegrationsResponse.builder()
                        .integrations(software.amazon.awssdk.services.redshift.model.Integration.builder()
                                .integrationArn(arn).integrationName("r1").status("active").build()).build())
                .thenInbound(DescribeInboundIntegrationsResponse.builder()
                        .inboundIntegrations(InboundIntegration.builder().integrationArn(arn).status("failed").build())
                        .build());
        RedshiftIntegrationsPoller outbound = new RedshiftIntegrationsPoller(redshift,
                new RedshiftIntegrationsSource(true, Duration.ofMinutes(1), 25, List.of(), null, null),
                Fixtures.context(Source.REDSHIFT_INTEGRATIONS));
        RedshiftInboundIntegrationsPoller inbound = new RedshiftInboundIntegrationsPoller(redshift,
                new RedshiftInboundIntegrationsSource(true, Duration.ofMinutes(1), 20, null, null, null, null),
                Fixtures.context(Source.REDSHIFT_INBOUND_INTEGRATIONS));

        // when / then
        assertThat(outbound.describe(arn)).hasValueSatisfying(s -> assertThat(s.resources())
                .extracting(ObservedResource::status).containsExactly(ResourceStatus.ACTIVE));
        assertThat(inbound.describe(arn)).hasValueSatisfying(s -> assertThat(s.resources())
                .extracting(ObservedResource::status).containsExactly(ResourceStatus.FAILED));
        assertThat(redshift.integrationRequests).extracting(r -> r.integrationArn()).containsExactly(arn);
        assertThat(redshift.inboundRequests).extracting(r -> r.integrationArn()).containsExactly(arn);
    }

    @Test
    void appIntegrationsCannotDescribeOneResource() {
        AppIntegrationsPoller poller = new AppIntegrationsPoller(new StubAppIntegrations(),
                new AppIntegrationsSource(true, Duration.ofMinutes(1), 20),
                Fixtures.context(Source.APPINTEGRATIONS_ASSOCIATIONS));

        assertThat(poller.targetable()).isFalse();
        assertThatThrownBy(() -> poller.describe(ARN)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void onlyIntegrationArnsOfAKnownPartitionAndServiceRouteToTheirListings() {
        assertThat(Source.listingIntegration(ARN))
                .containsExactly(Source.GLUE_INTEGRATIONS, Source.GLUE_INBOUND_INTEGRATIONS);
        assertThat(Source.listingIntegration("arn:aws-cn:glue:cn-north-1:123456789012:integration/1a01-2b"))
                .containsExactly(Source.GLUE_INTEGRATIONS, Source.GLUE_INBOUND_INTEGRATIONS);
        assertThat(Source.listingIntegration("arn:aws-us-gov:rds:us-gov-west-1:123456789012:integration:x"))
                .containsExactly(Source.RDS_INTEGRATIONS, Source.REDSHIFT_INBOUND_INTEGRATIONS);
        assertThat(Source.listingIntegration("arn:aws:redshift:us-east-1:123456789012:integration:x"))
                .containsExactly(Source.REDSHIFT_INTEGRATIONS, Source.REDSHIFT_INBOUND_INTEGRATIONS);
        for (String notOne : new String[] {null, "", "arn:aws:glue:eu-west-1:123456789012:table/db/t",
                "arn:aws:dynamodb:eu-west-1:123456789012:integration:x", "arn:other:glue:eu-west-1:123456789012:integration:x",
                "arn:aws:glue:eu-west-1:123456789012:integration:", "arn:aws:glue:eu-west-1:123456789012:integration:a\nb",
                "arn:aws:glue:EU:123456789012:integration:x", ARN + "x".repeat(Arns.MAX_INTEGRATION_ARN)}) {
            assertThat(Source.listingIntegration(notOne)).as(String.valueOf(notOne)).isEmpty();
        }
    }

    private GlueIntegrationsPoller gluePoller(ResourceFilter filter) {
        return new GlueIntegrationsPoller(glue, GLUE, Fixtures.context(Source.GLUE_INTEGRATIONS, filter, 2_000));
    }

    private static DescribeIntegrationsResponse page(Integration... integrations) {
        return DescribeIntegrationsResponse.builder().integrations(integrations).build();
    }

    private static Integration integration(String arn, String name, String status) {
        return Integration.builder().integrationArn(arn).integrationName(name).status(status).tags(List.of()).build();
    }
}
