package io.integrationmonitor.poll;

import static io.integrationmonitor.poll.Fixtures.ACCOUNT;
import static io.integrationmonitor.poll.Fixtures.NOW;
import static io.integrationmonitor.poll.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.integrationmonitor.config.FilterConfig;
import io.integrationmonitor.config.GlueFilter;
import io.integrationmonitor.config.GlueIntegrationsSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.glue.model.DescribeIntegrationsResponse;
import software.amazon.awssdk.services.glue.model.Integration;
import software.amazon.awssdk.services.glue.model.IntegrationError;
import software.amazon.awssdk.services.glue.model.IntegrationFilter;
import software.amazon.awssdk.services.glue.model.Tag;

class GlueIntegrationsPollerTest {
    private static final GlueIntegrationsSource SOURCE = new GlueIntegrationsSource(true, Duration.ofMinutes(1), 25,
            List.of(new GlueFilter("Status", List.of("ACTIVE", "FAILED")),
                    new GlueFilter("IntegrationName", List.of("orders"))));

    private final StubGlue glue = new StubGlue();

    @Test
    void followsMarkersUntilAbsentAndPassesPageSizeAndFilters() throws Exception {
        // given three pages chained by markers
        glue.thenIntegrations(page("m1", integration("a", "ACTIVE")))
                .thenIntegrations(page("m2", integration("b", "ACTIVE"), integration("c", "FAILED")))
                .thenIntegrations(page(null, integration("d", "CREATING")));

        // when
        Snapshot snapshot = poller(SOURCE).poll();

        // then
        assertThat(snapshot.pages()).isEqualTo(3);
        assertThat(snapshot.observedAt()).isEqualTo(NOW);
        assertThat(snapshot.target()).isEqualTo(new PollTarget(Source.GLUE_INTEGRATIONS, ACCOUNT, REGION));
        assertThat(snapshot.resources()).extracting(ObservedResource::name).containsExactly("a", "b", "c", "d");
        assertThat(glue.integrationRequests).extracting(r -> r.marker()).containsExactly(null, "m1", "m2");
        assertThat(glue.integrationRequests).allSatisfy(r -> {
            assertThat(r.maxRecords()).isEqualTo(25);
            assertThat(r.filters()).containsExactly(
                    IntegrationFilter.builder().name("Status").values("ACTIVE", "FAILED").build(),
                    IntegrationFilter.builder().name("IntegrationName").values("orders").build());
        });
    }

    @Test
    void sendsNoFiltersWhenNoneAreConfigured() throws Exception {
        // given
        glue.thenIntegrations(page(null));

        // when
        poller(GlueIntegrationsSource.defaults()).poll();

        // then
        assertThat(glue.integrationRequests).singleElement().satisfies(r -> {
            assertThat(r.hasFilters()).isFalse();
            assertThat(r.maxRecords()).isEqualTo(100);
        });
    }

    @Test
    void mapsEveryField() throws Exception {
        // given
        Instant created = Instant.parse("2025-06-01T10:00:00.5Z");
        Integration integration = Integration.builder()
                .integrationArn("arn:aws:glue:eu-west-1:123456789012:integration:1a2b")
                .integrationName("orders-to-redshift")
                .sourceArn("arn:aws:dynamodb:eu-west-1:123456789012:table/orders")
                .targetArn("arn:aws:redshift-serverless:eu-west-1:123456789012:namespace/ns")
                .description("orders feed")
                .status("NEEDS_ATTENTION")
                .createTime(created)
                .integrationConfig(c -> c.refreshInterval("15"))
                .errors(IntegrationError.builder().errorCode("INTERNAL_ERROR").errorMessage("boom").build(),
                        IntegrationError.builder().errorCode(null).errorMessage("second").build())
                .tags(Tag.builder().key("team").value("data").build(), Tag.builder().key("env").value("prod").build())
                .build();
        glue.thenIntegrations(page(null, integration));

        // when
        ObservedResource resource = poller(SOURCE).poll().resources().get(0);

        // then
        assertThat(resource).isEqualTo(new ObservedResource(
                ResourceKind.GLUE_INTEGRATION,
                "arn:aws:glue:eu-west-1:123456789012:integration:1a2b",
                "orders-to-redshift",
                ACCOUNT,
                REGION,
                ResourceStatus.NEEDS_ATTENTION,
                List.of(new ResourceError("INTERNAL_ERROR", "boom"), new ResourceError("", "second")),
                Map.of(ObservedResource.Attributes.SOURCE_ARN, "arn:aws:dynamodb:eu-west-1:123456789012:table/orders",
                        ObservedResource.Attributes.TARGET_ARN,
                        "arn:aws:redshift-serverless:eu-west-1:123456789012:namespace/ns",
                        ObservedResource.Attributes.REFRESH_INTERVAL, "15",
                        ObservedResource.Attributes.DESCRIPTION, "orders feed"),
                Map.of("team", "data", "env", "prod"),
                created));
    }

    @Test
    void optionalMembersBecomeEmptyStrings() throws Exception {
        // given an integration with only the members the monitor requires
        glue.thenIntegrations(page(null, integration("bare", "ACTIVE")));

        // when
        ObservedResource resource = poller(SOURCE).poll().resources().get(0);

        // then
        assertThat(resource.attributes()).containsOnlyKeys(ObservedResource.Attributes.SOURCE_ARN,
                ObservedResource.Attributes.TARGET_ARN, ObservedResource.Attributes.REFRESH_INTERVAL,
                ObservedResource.Attributes.DESCRIPTION);
        assertThat(resource.attribute(ObservedResource.Attributes.REFRESH_INTERVAL)).isEmpty();
        assertThat(resource.attribute(ObservedResource.Attributes.DESCRIPTION)).isEmpty();
        assertThat(resource.errors()).isEmpty();
        assertThat(resource.tags()).isEmpty();
        assertThat(resource.createdAt()).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "CREATING, CREATING", "ACTIVE, ACTIVE", "MODIFYING, MODIFYING", "FAILED, FAILED", "DELETING, DELETING",
        "SYNCING, SYNCING", "NEEDS_ATTENTION, NEEDS_ATTENTION", "PAUSED, UNKNOWN", "active, UNKNOWN",
        "UNKNOWN, UNKNOWN"})
    void mapsStatuses(String raw, ResourceStatus expected) throws Exception {
        // given
        glue.thenIntegrations(page(null, integration("x", raw)));

        // when
        Snapshot snapshot = poller(SOURCE).poll();

        // then
        assertThat(snapshot.resources()).singleElement().extracting(ObservedResource::status).isEqualTo(expected);
    }

    @Test
    void aPageFailingAfterGoodOnesFailsTheWholePoll() {
        // given two good pages, then throttling that outlasted the SDK's retries
        glue.thenIntegrations(page("m1", integration("a", "ACTIVE")))
                .thenIntegrations(page("m2", integration("b", "ACTIVE")))
                .thenIntegrationsFail(Fixtures.serviceError("ThrottlingException", 400));

        // when / then
        assertThatThrownBy(() -> poller(SOURCE).poll())
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.THROTTLED);
                    assertThat(e.getMessage()).isEqualTo(
                            "Glue DescribeIntegrations page 3: ThrottlingException from Glue (HTTP 400)");
                });
        assertThat(glue.integrationRequests).hasSize(3);
    }

    @Test
    void aRepeatedMarkerFailsInsteadOfLooping() {
        // given the server hands back an earlier marker
        glue.thenIntegrations(page("m1", integration("a", "ACTIVE")))
                .thenIntegrations(page("m2", integration("b", "ACTIVE")))
                .thenIntegrations(page("m1", integration("a", "ACTIVE")));

        // when / then
        assertThatThrownBy(() -> poller(SOURCE).poll())
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.INVALID_RESPONSE);
                    assertThat(e.getMessage()).isEqualTo("Glue DescribeIntegrations page 3: "
                            + "Marker repeats an earlier page's, the listing would never end");
                });
        assertThat(glue.integrationRequests).hasSize(3);
    }

    @Test
    void stopsAtThePageLimit() {
        // given a server that never stops paging
        glue.endlessIntegrations();
        GlueIntegrationsPoller poller = new GlueIntegrationsPoller(glue, SOURCE,
                Fixtures.context(Source.GLUE_INTEGRATIONS, ResourceFilter.acceptAll(), 5));

        // when / then
        assertThatThrownBy(poller::poll)
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.POLL_BUDGET_EXCEEDED);
                    assertThat(e.getMessage()).startsWith("Glue DescribeIntegrations page 6: poll budget exceeded")
                            .contains("5 pages", "sources.test.max_pages is 5");
                });
        assertThat(glue.integrationRequests).hasSize(5);
    }

    @Test
    void aMissingIntegrationArnIsAnInvalidResponseNamingTheField() {
        // given the third page's second integration lacks its ARN
        glue.thenIntegrations(page("m1", integration("a", "ACTIVE")))
                .thenIntegrations(page("m2", integration("b", "ACTIVE")))
                .thenIntegrations(page(null, integration("c", "ACTIVE"),
                        integration("d", "ACTIVE").toBuilder().integrationArn(null).build()));

        // when / then
        assertThatThrownBy(() -> poller(SOURCE).poll())
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.INVALID_RESPONSE);
                    assertThat(e.getMessage())
                            .isEqualTo("Glue DescribeIntegrations page 3: Integrations[1].IntegrationArn is missing");
                });
    }

    @Test
    void aMissingStatusIsAnInvalidResponseNamingTheField() {
        // given
        glue.thenIntegrations(page(null, integration("a", null)));

        // when / then
        assertThatThrownBy(() -> poller(SOURCE).poll())
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.INVALID_RESPONSE);
                    assertThat(e.getMessage())
                            .isEqualTo("Glue DescribeIntegrations page 1: Integrations[0].Status is missing");
                });
    }

    @Test
    void appliesTheResourceFilterIncludingTags() throws Exception {
        // given
        ResourceFilter filter = new ResourceFilter(new FilterConfig(List.of("orders-*"), List.of("*-test"),
                Map.of("team", "data"), Map.of()));
        glue.thenIntegrations(page(null,
                integration("orders-eu", "ACTIVE").toBuilder().tags(tag("team", "data")).build(),
                integration("orders-test", "ACTIVE").toBuilder().tags(tag("team", "data")).build(),
                integration("orders-us", "ACTIVE").toBuilder().tags(tag("team", "web")).build(),
                integration("billing", "ACTIVE").toBuilder().tags(tag("team", "data")).build()));
        GlueIntegrationsPoller poller = new GlueIntegrationsPoller(glue, SOURCE,
                Fixtures.context(Source.GLUE_INTEGRATIONS, filter, 100));

        // when
        Snapshot snapshot = poller.poll();

        // then
        assertThat(snapshot.resources()).extracting(ObservedResource::name).containsExactly("orders-eu");
    }

    @Test
    void aLaterPageWithoutItsListIsAnInvalidResponseNotTheEndOfTheEstate() {
        // given a good first page, then a 200 whose Integrations member is absent
        glue.thenIntegrations(page("m1", integration("a", "FAILED")))
                .thenIntegrations(DescribeIntegrationsResponse.builder().build());

        // when / then
        assertThatThrownBy(() -> poller(SOURCE).poll())
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.INVALID_RESPONSE);
                    assertThat(e.getMessage()).isEqualTo("Glue DescribeIntegrations page 2: Integrations is missing"
                            + " or null; a 200 without the list is not an empty listing");
                });
    }

    @Test
    void anEmptyListIsAnEmptyEstate() throws Exception {
        // given
        glue.thenIntegrations(DescribeIntegrationsResponse.builder().integrations(List.of()).build());

        // when
        Snapshot snapshot = poller(SOURCE).poll();

        // then
        assertThat(snapshot.resources()).isEmpty();
        assertThat(snapshot.pages()).isEqualTo(1);
    }

    private GlueIntegrationsPoller poller(GlueIntegrationsSource source) {
        return new GlueIntegrationsPoller(glue, source, Fixtures.context(Source.GLUE_INTEGRATIONS));
    }

    static DescribeIntegrationsResponse page(String marker, Integration... integrations) {
        return DescribeIntegrationsResponse.builder().marker(marker).integrations(integrations).build();
    }

    static Integration integration(String name, String status) {
        return Integration.builder()
                .integrationArn("arn:aws:glue:eu-west-1:123456789012:integration:" + name)
                .integrationName(name)
                .status(status)
                .build();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
