package io.integrationmonitor.poll;

import static io.integrationmonitor.poll.Fixtures.ACCOUNT;
import static io.integrationmonitor.poll.Fixtures.NOW;
import static io.integrationmonitor.poll.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.integrationmonitor.config.FilterConfig;
import io.integrationmonitor.config.RedshiftFilter;
import io.integrationmonitor.config.RedshiftIntegrationsSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.redshift.model.DescribeIntegrationsFilter;
import software.amazon.awssdk.services.redshift.model.DescribeIntegrationsResponse;
import software.amazon.awssdk.services.redshift.model.Integration;
import software.amazon.awssdk.services.redshift.model.IntegrationError;
import software.amazon.awssdk.services.redshift.model.Tag;

class RedshiftIntegrationsPollerTest {
    private static final RedshiftIntegrationsSource SOURCE = new RedshiftIntegrationsSource(true,
            Duration.ofMinutes(1), 25, List.of(new RedshiftFilter("status", List.of("active", "failed")),
            new RedshiftFilter("source-types", List.of("dynamodb"))), null, null);

    private final StubRedshift redshift = new StubRedshift();

    @Test
    void pagesThroughTheSdkPaginatorPassingPageSizeAndFilters() throws Exception {
        // given three pages chained by markers
        redshift.thenIntegrations(page("m1", integration("a", "active")))
                .thenIntegrations(page("m2", integration("b", "active"), integration("c", "failed")))
                .thenIntegrations(page(null, integration("d", "creating")));

        // when
        Snapshot snapshot = poller(SOURCE).poll();

        // then
        assertThat(snapshot.pages()).isEqualTo(3);
        assertThat(snapshot.observedAt()).isEqualTo(NOW);
        assertThat(snapshot.target()).isEqualTo(new PollTarget(Source.REDSHIFT_INTEGRATIONS, ACCOUNT, REGION));
        assertThat(snapshot.resources()).extracting(ObservedResource::name).containsExactly("a", "b", "c", "d");
        assertThat(redshift.integrationRequests).extracting(r -> r.marker()).containsExactly(null, "m1", "m2");
        assertThat(redshift.integrationRequests).allSatisfy(r -> {
            assertThat(r.maxRecords()).isEqualTo(25);
            assertThat(r.filters()).containsExactly(
                    DescribeIntegrationsFilter.builder().name("status").values("active", "failed").build(),
                    DescribeIntegrationsFilter.builder().name("source-types").values("dynamodb").build());
        });
    }

    @Test
    void sendsNoFiltersWhenNoneAreConfigured() throws Exception {
        // given
        redshift.thenIntegrations(page(null));

        // when
        poller(RedshiftIntegrationsSource.defaults()).poll();

        // then
        assertThat(redshift.integrationRequests).singleElement().satisfies(r -> {
            assertThat(r.hasFilters()).isFalse();
            assertThat(r.maxRecords()).isEqualTo(100);
        });
    }

    @Test
    void mapsEveryField() throws Exception {
        // given
        Instant created = Instant.parse("2025-06-01T10:00:00.5Z");
        Integration integration = Integration.builder()
                .integrationArn("arn:aws:redshift:eu-west-1:123456789012:integration:1a2b")
                .integrationName("orders-ddb")
                .sourceArn("arn:aws:dynamodb:eu-west-1:123456789012:table/orders")
                .targetArn("arn:aws:redshift-serverless:eu-west-1:123456789012:namespace/ns")
                .description("orders feed")
                .status("needs_attention")
                .createTime(created)
                .kmsKeyId("alias/zetl")
                .errors(IntegrationError.builder().errorCode("TABLE_NOT_FOUND").errorMessage("gone").build(),
                        IntegrationError.builder().errorCode(null).errorMessage("second").build())
                .tags(Tag.builder().key("team").value("data").build(), Tag.builder().key("env").value(null).build())
                .build();
        redshift.thenIntegrations(page(null, integration));

        // when
        ObservedResource resource = poller(SOURCE).poll().resources().get(0);

        // then
        assertThat(resource).isEqualTo(new ObservedResource(
                ResourceKind.REDSHIFT_INTEGRATION,
                "arn:aws:redshift:eu-west-1:123456789012:integration:1a2b",
                "orders-ddb",
                ACCOUNT,
                REGION,
                ResourceStatus.NEEDS_ATTENTION,
                List.of(new ResourceError("TABLE_NOT_FOUND", "gone"), new ResourceError("", "second")),
                Map.of(ObservedResource.Attributes.SOURCE_ARN, "arn:aws:dynamodb:eu-west-1:123456789012:table/orders",
                        ObservedResource.Attributes.TARGET_ARN,
                        "arn:aws:redshift-serverless:eu-west-1:123456789012:namespace/ns",
                        ObservedResource.Attributes.DESCRIPTION, "orders feed"),
                Map.of("team", "data", "env", ""),
                created));
    }

    @ParameterizedTest
    @CsvSource({
        "creating, CREATING", "active, ACTIVE", "modifying, MODIFYING", "failed, FAILED", "deleting, DELETING",
        "syncing, SYNCING", "needs_attention, NEEDS_ATTENTION", "paused, UNKNOWN", "ACTIVE, UNKNOWN",
        "unknown, UNKNOWN"})
    void normalisesTheLowerCaseStatuses(String raw, ResourceStatus expected) throws Exception {
        // given
        redshift.thenIntegrations(page(null, integration("x", raw)));

        // when
        Snapshot snapshot = poller(SOURCE).poll();

        // then
        assertThat(snapshot.resources()).singleElement().extracting(ObservedResource::status).isEqualTo(expected);
    }

    @Test
    void aPageFailingAfterGoodOnesFailsTheWholePoll() {
        // given two good pages, then throttling that outlasted the SDK's retries
        redshift.thenIntegrations(page("m1", integration("a", "active")))
                .thenIntegrations(page("m2", integration("b", "active")))
                .thenIntegrationsFail(Fixtures.serviceError("Throttling", 400));

        // when / then
        assertThatThrownBy(() -> poller(SOURCE).poll())
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.THROTTLED);
                    assertThat(e.getMessage()).startsWith("Redshift DescribeIntegrations page 3: Throttling");
                });
        assertThat(redshift.integrationRequests).hasSize(3);
    }

    @Test
    void aRepeatedMarkerFailsInsteadOfLooping() {
        // given the server hands back an earlier marker
        redshift.thenIntegrations(page("m1", integration("a", "active")))
                .thenIntegrations(page("m2", integration("b", "active")))
                .thenIntegrations(page("m1", integration("a", "active")));

        // when / then
        assertThatThrownBy(() -> poller(SOURCE).poll())
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.INVALID_RESPONSE);
                    assertThat(e.getMessage()).isEqualTo("Redshift DescribeIntegrations page 3: "
                            + "Marker repeats an earlier page's, the listing would never end");
                });
        assertThat(redshift.integrationRequests).hasSize(3);
    }

    @Test
    void missingRequiredMembersAreInvalidResponsesNamingTheField() {
        // given the second page's second integration lacks its name
        redshift.thenIntegrations(page("m1", integration("a", "active")))
                .thenIntegrations(page(null, integration("b", "active"),
                        integration("c", "active").toBuilder().integrationName(null).build()));

        // when / then
        assertThatThrownBy(() -> poller(SOURCE).poll())
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.INVALID_RESPONSE);
                    assertThat(e.getMessage())
                            .isEqualTo("Redshift DescribeIntegrations page 2: Integrations[1].IntegrationName is missing");
                });
    }

    @Test
    void aLaterPageWithoutItsListIsAnInvalidResponseNotTheEndOfTheEstate() {
        // given a good first page, then a 200 whose Integrations member is absent
        redshift.thenIntegrations(page("m1", integration("a", "failed")))
                .thenIntegrations(DescribeIntegrationsResponse.builder().build());

        // when / then
        assertThatThrownBy(() -> poller(SOURCE).poll())
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.INVALID_RESPONSE);
                    assertThat(e.getMessage()).startsWith("Redshift DescribeIntegrations page 2: Integrations is missing");
                });
    }

    @Test
    void tagsDriveTheResourceFilter() throws Exception {
        // given
        ResourceFilter filter = new ResourceFilter(new FilterConfig(List.of("orders-*"), List.of(),
                Map.of("team", "data"), Map.of("env", "test")));
        redshift.thenIntegrations(page(null,
                integration("orders-eu", "active").toBuilder().tags(tag("team", "data")).build(),
                integration("orders-test", "active").toBuilder().tags(tag("team", "data"), tag("env", "test")).build(),
                integration("orders-us", "active").toBuilder().tags(tag("team", "web")).build(),
                integration("billing", "active").toBuilder().tags(tag("team", "data")).build()));
        RedshiftIntegrationsPoller poller = new RedshiftIntegrationsPoller(redshift, SOURCE,
                Fixtures.context(Source.REDSHIFT_INTEGRATIONS, filter, 100));

        // when
        Snapshot snapshot = poller.poll();

        // then
        assertThat(snapshot.resources()).extracting(ObservedResource::name).containsExactly("orders-eu");
    }

    private RedshiftIntegrationsPoller poller(RedshiftIntegrationsSource source) {
        return new RedshiftIntegrationsPoller(redshift, source, Fixtures.context(Source.REDSHIFT_INTEGRATIONS));
    }

    static DescribeIntegrationsResponse page(String marker, Integration... integrations) {
        return DescribeIntegrationsResponse.builder().marker(marker).integrations(integrations).build();
    }

    static Integration integration(String name, String status) {
        return Integration.builder()
                .integrationArn("arn:aws:redshift:eu-west-1:123456789012:integration:" + name)
                .integrationName(name)
                .status(status)
                .build();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
