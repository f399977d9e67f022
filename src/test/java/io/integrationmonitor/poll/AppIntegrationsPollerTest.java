package io.integrationmonitor.poll;

import static io.integrationmonitor.poll.Fixtures.ACCOUNT;
import static io.integrationmonitor.poll.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.integrationmonitor.config.AppIntegrationsSource;
import io.integrationmonitor.config.FilterConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.appintegrations.model.DataIntegrationAssociationSummary;
import software.amazon.awssdk.services.appintegrations.model.DataIntegrationSummary;
import software.amazon.awssdk.services.appintegrations.model.ListDataIntegrationAssociationsResponse;
import software.amazon.awssdk.services.appintegrations.model.ListDataIntegrationsResponse;

class AppIntegrationsPollerTest {
    private static final String DI_ARN = "arn:aws:app-integrations:eu-west-1:123456789012:data-integration/di-1";
    private static final String DI2_ARN = "arn:aws:app-integrations:eu-west-1:123456789012:data-integration/di-2";
    private static final AppIntegrationsSource SOURCE = new AppIntegrationsSource(true, Duration.ofMinutes(1), 20);

    private final StubAppIntegrations client = new StubAppIntegrations();

    @Test
    void listsDataIntegrationsThenTheAssociationsOfEachThroughThePaginators() throws Exception {
        // given two pages of data integrations; two pages of associations for the first, one for the second
        client.thenDataIntegrations(dataIntegrations("t1", dataIntegration(DI_ARN, "customers")))
                .thenDataIntegrations(dataIntegrations(null, dataIntegration(DI2_ARN, "orders")))
                .thenAssociations(DI_ARN, associations("a1", association(DI_ARN, "assoc-1", "COMPLETED", null)))
                .thenAssociations(DI_ARN, associations(null, association(DI_ARN, "assoc-2", "IN_PROGRESS", null)))
                .thenAssociations(DI2_ARN, associations(null, association(DI2_ARN, "assoc-3", "FAILED", "bad")));

        // when
        Snapshot snapshot = poller(ResourceFilter.acceptAll(), 100).poll();

        // then
        assertThat(snapshot.pages()).isEqualTo(5);
        assertThat(snapshot.resources()).extracting(ObservedResource::name)
                .containsExactly("customers/assoc-1", "customers/assoc-2", "orders/assoc-3");
        assertThat(client.listRequests).extracting(r -> r.nextToken()).containsExactly(null, "t1");
        assertThat(client.listRequests).allSatisfy(r -> assertThat(r.maxResults()).isEqualTo(20));
        assertThat(client.associationRequests)
                .extracting(r -> r.dataIntegrationIdentifier(), r -> r.nextToken(), r -> r.maxResults())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("di-1", null, 20),
                        org.assertj.core.groups.Tuple.tuple("di-1", "a1", 20),
                        org.assertj.core.groups.Tuple.tuple("di-2", null, 20));
    }

    @Test
    void mapsEveryField() throws Exception {
        // given
        String assocArn = "arn:aws:app-integrations:eu-west-1:123456789012:data-integration-association/di-1/9f8e";
        client.thenDataIntegrations(dataIntegrations(null, dataIntegration(DI_ARN, "customers")))
                .thenAssociations(DI_ARN, associations(null, DataIntegrationAssociationSummary.builder()
                        .dataIntegrationAssociationArn(assocArn)
                        .dataIntegrationArn(DI_ARN)
                        .clientId("connect-instance")
                        .destinationURI("arn:aws:s3:::bucket/prefix")
                        .executionConfiguration(c -> c.executionMode("SCHEDULED"))
                        .lastExecutionStatus(s -> s.executionStatus("FAILED").statusMessage("source unreachable"))
                        .build()));

        // when
        ObservedResource resource = poller(ResourceFilter.acceptAll(), 100).poll().resources().get(0);

        // then
        assertThat(resource).isEqualTo(new ObservedResource(
                ResourceKind.APPINTEGRATIONS_ASSOCIATION,
                assocArn,
                "customers/9f8e",
                ACCOUNT,
                REGION,
                ResourceStatus.FAILED,
                List.of(new ResourceError("", "source unreachable")),
                Map.of(ObservedResource.Attributes.DATA_INTEGRATION_ARN, DI_ARN,
                        ObservedResource.Attributes.DATA_INTEGRATION_NAME, "customers",
                        ObservedResource.Attributes.CLIENT_ID, "connect-instance",
                        ObservedResource.Attributes.EXECUTION_MODE, "SCHEDULED",
                        ObservedResource.Attributes.DESTINATION_URI, "arn:aws:s3:::bucket/prefix"),
                Map.of(),
                null));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "COMPLETED, done, COMPLETED, 0",
        "IN_PROGRESS, null, IN_PROGRESS, 0",
        "FAILED, oops, FAILED, 1",
        "FAILED, null, FAILED, 0",
        "null, null, NEVER_EXECUTED, 0",
        "CANCELLED, x, UNKNOWN, 0"})
    void mapsExecutionStatuses(String raw, String message, ResourceStatus expected, int errors) throws Exception {
        // given
        client.thenDataIntegrations(dataIntegrations(null, dataIntegration(DI_ARN, "customers")))
                .thenAssociations(DI_ARN, associations(null, association(DI_ARN, "a", raw, message)));

        // when
        ObservedResource resource = poller(ResourceFilter.acceptAll(), 100).poll().resources().get(0);

        // then
        assertThat(resource.status()).isEqualTo(expected);
        assertThat(resource.errors()).hasSize(errors);
    }

    @Test
    void anAssociationWithoutLastExecutionStatusHasNeverExecuted() throws Exception {
        // given
        client.thenDataIntegrations(dataIntegrations(null, dataIntegration(DI_ARN, "customers")))
                .thenAssociations(DI_ARN, associations(null, DataIntegrationAssociationSummary.builder()
                        .dataIntegrationAssociationArn(DI_ARN + "/new").build()));

        // when
        ObservedResource resource = poller(ResourceFilter.acceptAll(), 100).poll().resources().get(0);

        // then
        assertThat(resource.status()).isEqualTo(ResourceStatus.NEVER_EXECUTED);
        assertThat(resource.errors()).isEmpty();
        assertThat(resource.attribute(ObservedResource.Attributes.DATA_INTEGRATION_ARN)).isEqualTo(DI_ARN);
        assertThat(resource.attribute(ObservedResource.Attributes.EXECUTION_MODE)).isEmpty();
    }

    @Test
    void aRefusedDataIntegrationIsReportedUnlistedWhileTheOthersAreListed() throws Exception {
        // given the first data integration lists fine, the second is refused, in two polls
        AwsServiceException denied = AwsServiceException.builder().statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException")
                        .serviceName("AppIntegrations").build())
                .build();
        for (int i = 0; i < 2; i++) {
            client.thenDataIntegrations(dataIntegrations(null,
                            dataIntegration(DI_ARN, "customers"), dataIntegration(DI2_ARN, "orders")))
                    .thenAssociations(DI_ARN, associations(null, association(DI_ARN, "a", "COMPLETED", null)))
                    .thenAssociationsFail(DI2_ARN, denied);
        }
        AppIntegrationsPoller poller = poller(ResourceFilter.acceptAll(), 100);

        // when
        Snapshot first = poller.poll();
        Snapshot second = poller.poll();

        // then the first one's association is reported, the second is unlisted with its reason and streak
        assertThat(first.resources()).extracting(ObservedResource::arn).containsExactly(
                DI_ARN.replace(":data-integration/", ":data-integration-association/") + "/a");
        assertThat(first.unlisted()).containsExactly(new UnlistedDataIntegration(DI2_ARN, "orders",
                PollErrorReason.ACCESS_DENIED, "AppIntegrations ListDataIntegrationAssociations of orders "
                + "page 1: AccessDeniedException from AppIntegrations (HTTP 403)", 1));
        assertThat(second.unlisted()).singleElement()
                .satisfies(u -> assertThat(u.consecutiveFailures()).isEqualTo(2));
    }

    @Test
    void aRepeatedNextTokenFailsInsteadOfLooping() {
        // given
        client.thenDataIntegrations(dataIntegrations("t1", dataIntegration(DI_ARN, "customers")))
                .thenDataIntegrations(dataIntegrations("t1", dataIntegration(DI_ARN, "customers")));

        // when / then
        assertThatThrownBy(() -> poller(ResourceFilter.acceptAll(), 100).poll())
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.INVALID_RESPONSE);
                    assertThat(e.getMessage()).isEqualTo("AppIntegrations ListDataIntegrations page 2: "
                            + "NextToken repeats an earlier page's, the listing would never end");
                });
        assertThat(client.listRequests).hasSize(2);
    }

    @Test
    void aRepeatedAssociationsTokenFails() {
        // given
        client.thenDataIntegrations(dataIntegrations(null, dataIntegration(DI_ARN, "customers")))
                .thenAssociations(DI_ARN, associations("x", association(DI_ARN, "a", "COMPLETED", null)))
                .thenAssociations(DI_ARN, associations("x", association(DI_ARN, "a", "COMPLETED", null)));

        // when / then
        assertThatThrownBy(() -> poller(ResourceFilter.acceptAll(), 100).poll())
                .isInstanceOfSatisfying(PollFailedException.class,
                        e -> assertThat(e.reason()).isEqualTo(PollErrorReason.INVALID_RESPONSE));
        assertThat(client.associationRequests).hasSize(2);
    }

    @Test
    void thePageLimitCountsEveryPageOfThePoll() {
        // given 2 data-integration pages + 2 association pages, and a limit of 3
        client.thenDataIntegrations(dataIntegrations("t1", dataIntegration(DI_ARN, "customers")))
                .thenDataIntegrations(dataIntegrations(null))
                .thenAssociations(DI_ARN, associations("a1"))
                .thenAssociations(DI_ARN, associations(null));

        // when / then
        assertThatThrownBy(() -> poller(ResourceFilter.acceptAll(), 3).poll())
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.POLL_BUDGET_EXCEEDED);
                    assertThat(e.getMessage()).startsWith("AppIntegrations ListDataIntegrationAssociations of customers"
                            + " page 2: poll budget exceeded").contains("max_pages is 3");
                });
    }

    @Test
    void aMissingDataIntegrationArnIsAnInvalidResponse() {
        // given
        client.thenDataIntegrations(dataIntegrations(null, DataIntegrationSummary.builder().name("nameless").build()));

        // when / then
        assertThatThrownBy(() -> poller(ResourceFilter.acceptAll(), 100).poll())
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.INVALID_RESPONSE);
                    assertThat(e.getMessage())
                            .isEqualTo("AppIntegrations ListDataIntegrations page 1: DataIntegrations[0].Arn is missing");
                });
    }

    @Test
    void aMissingAssociationArnIsAnInvalidResponse() {
        // given
        client.thenDataIntegrations(dataIntegrations(null, dataIntegration(DI_ARN, "customers")))
                .thenAssociations(DI_ARN, associations(null, association(DI_ARN, "a", "COMPLETED", null),
                        DataIntegrationAssociationSummary.builder().clientId("c").build()));

        // when / then
        assertThatThrownBy(() -> poller(ResourceFilter.acceptAll(), 100).poll())
                .isInstanceOfSatisfying(PollFailedException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "AppIntegrations ListDataIntegrationAssociations of customers page 1: "
                                + "DataIntegrationAssociations[1].DataIntegrationAssociationArn is missing"));
    }

    @Test
    void appliesNameFiltersButIgnoresTagFiltersForAssociations() throws Exception {
        // given a tag filter (associations carry no tags) and a name exclude
        ResourceFilter filter = new ResourceFilter(
                new FilterConfig(List.of("customers/*"), List.of("*/skip"), Map.of("team", "data"), Map.of()));
        client.thenDataIntegrations(dataIntegrations(null,
                        dataIntegration(DI_ARN, "customers"), dataIntegration(DI2_ARN, "orders")))
                .thenAssociations(DI_ARN, associations(null, association(DI_ARN, "keep", "COMPLETED", null),
                        association(DI_ARN, "skip", "COMPLETED", null)))
                .thenAssociations(DI2_ARN, associations(null, association(DI2_ARN, "other", "COMPLETED", null)));

        // when
        Snapshot snapshot = poller(filter, 100).poll();

        // then
        assertThat(snapshot.resources()).extracting(ObservedResource::name).containsExactly("customers/keep");
    }

    @Test
    void aDataIntegrationPageWithoutItsListIsAnInvalidResponse() {
        // given a good first page of data integrations, then a 200 without DataIntegrations
        client.thenDataIntegrations(dataIntegrations("t1", dataIntegration(DI_ARN, "customers")))
                .thenDataIntegrations(ListDataIntegrationsResponse.builder().build());

        // when / then
        assertThatThrownBy(() -> poller(ResourceFilter.acceptAll(), 100).poll())
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.INVALID_RESPONSE);
                    assertThat(e.getMessage()).startsWith(
                            "AppIntegrations ListDataIntegrations page 2: DataIntegrations is missing or null");
                });
        assertThat(client.associationRequests).isEmpty();
    }

    @Test
    void anAssociationPageWithoutItsListIsAnInvalidResponse() {
        // given
        client.thenDataIntegrations(dataIntegrations(null, dataIntegration(DI_ARN, "customers")))
                .thenAssociations(DI_ARN, ListDataIntegrationAssociationsResponse.builder().build());

        // when / then
        assertThatThrownBy(() -> poller(ResourceFilter.acceptAll(), 100).poll())
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.INVALID_RESPONSE);
                    assertThat(e.getMessage()).startsWith("AppIntegrations ListDataIntegrationAssociations of"
                            + " customers page 1: DataIntegrationAssociations is missing or null");
                });
    }

    @Test
    void noDataIntegrationsIsAnEmptyEstate() throws Exception {
        // given
        client.thenDataIntegrations(dataIntegrations(null));

        // when
        Snapshot snapshot = poller(ResourceFilter.acceptAll(), 100).poll();

        // then
        assertThat(snapshot.resources()).isEmpty();
        assertThat(client.associationRequests).isEmpty();
    }

    private AppIntegrationsPoller poller(ResourceFilter filter, int maxPages) {
        return new AppIntegrationsPoller(client, SOURCE,
                Fixtures.context(Source.APPINTEGRATIONS_ASSOCIATIONS, filter, maxPages));
    }

    private static ListDataIntegrationsResponse dataIntegrations(String token, DataIntegrationSummary... summaries) {
        return ListDataIntegrationsResponse.builder().nextToken(token).dataIntegrations(summaries).build();
    }

    private static DataIntegrationSummary dataIntegration(String arn, String name) {
        return DataIntegrationSummary.builder().arn(arn).name(name).sourceURI("s3://bucket").build();
    }

    private static ListDataIntegrationAssociationsResponse associations(
            String token, DataIntegrationAssociationSummary... summaries) {
        return ListDataIntegrationAssociationsResponse.builder()
                .nextToken(token).dataIntegrationAssociations(summaries).build();
    }

    private static DataIntegrationAssociationSummary association(
            String dataIntegrationArn, String id, String status, String message) {
        DataIntegrationAssociationSummary.Builder builder = DataIntegrationAssociationSummary.builder()
                .dataIntegrationAssociationArn(dataIntegrationArn.replace(":data-integration/",
                        ":data-integration-association/") + "/" + id)
                .dataIntegrationArn(dataIntegrationArn)
                .clientId("client")
                .executionConfiguration(c -> c.executionMode("ON_DEMAND"));
        if (status != null) {
            builder.lastExecutionStatus(s -> s.executionStatus(status).statusMessage(message));
        }
        return builder.build();
    }
}
