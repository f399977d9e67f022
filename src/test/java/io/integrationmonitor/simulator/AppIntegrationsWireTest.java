package io.integrationmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.appintegrations.AppIntegrationsClient;
import software.amazon.awssdk.services.appintegrations.model.DataIntegrationAssociationSummary;
import software.amazon.awssdk.services.appintegrations.model.DataIntegrationSummary;
import software.amazon.awssdk.services.appintegrations.model.ExecutionMode;
import software.amazon.awssdk.services.appintegrations.model.ExecutionStatus;
import software.amazon.awssdk.services.appintegrations.model.InvalidRequestException;
import software.amazon.awssdk.services.appintegrations.model.ResourceNotFoundException;
import software.amazon.awssdk.services.appintegrations.model.ThrottlingException;

class AppIntegrationsWireTest {
    private static final Partition HOME = new Partition(Estate.DEFAULT_ACCOUNT, "us-east-1");

    private AwsSimulator simulator;
    private AppIntegrationsClient client;

    @BeforeEach
    void start() {
        simulator = AwsSimulator.start(0);
        client = new SdkClients(simulator.endpoint()).appIntegrations();
    }

    @AfterEach
    void stop() {
        client.close();
        simulator.close();
    }

    @Test
    void listDataIntegrationsPaginatorWalksMoreThanThreePages() {
        // given 9 data integrations and a page cap of 2
        simulator.estate().populate(HOME, new EstateSpec(0, 0, 9, 0, 2));

        // when the SDK paginator walks them
        List<DataIntegrationSummary> all = client.listDataIntegrationsPaginator(r -> r.maxResults(50))
                .dataIntegrations().stream().toList();

        // then all 9 arrive once, over 5 calls
        assertThat(all).extracting(DataIntegrationSummary::arn).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(simulator.estate().dataIntegrations(HOME).stream()
                        .map(SimDataIntegration::arn).toList());
        assertThat(all).allSatisfy(d -> assertThat(d.sourceURI()).contains("://AppFlow/"));
        assertThat(simulator.calls().count(Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATIONS)).isEqualTo(5);
    }

    @Test
    void associationPaginatorTakesTheDataIntegrationId() {
        // given one data integration with 11 associations and a page cap of 3
        simulator.estate().populate(HOME, new EstateSpec(0, 0, 1, 11, 3));
        SimDataIntegration di = simulator.estate().dataIntegrations(HOME).get(0);

        // when the SDK paginates its associations by the data integration's id
        List<DataIntegrationAssociationSummary> all = client
                .listDataIntegrationAssociationsPaginator(r -> r.dataIntegrationIdentifier(di.id()))
                .dataIntegrationAssociations().stream().toList();

        // then all 11 arrive, over 4 pages, tied to that data integration
        assertThat(all).hasSize(11).extracting(DataIntegrationAssociationSummary::dataIntegrationAssociationArn)
                .doesNotHaveDuplicates();
        assertThat(all).allSatisfy(a -> {
            assertThat(a.dataIntegrationArn()).isEqualTo(di.arn());
            assertThat(a.executionConfiguration().executionMode()).isEqualTo(ExecutionMode.SCHEDULED);
        });
        assertThat(simulator.calls().count(Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATION_ASSOCIATIONS)).isEqualTo(4);
    }

    @Test
    void lastExecutionStatusMayBeAbsentCompletedOrFailed() {
        // given three associations: never run, completed, failed with a message
        simulator.estate().populate(HOME, new EstateSpec(0, 0, 1, 3, 0));
        SimDataIntegration di = simulator.estate().dataIntegrations(HOME).get(0);
        List<SimAssociation> assocs = simulator.estate().associationsOf(di.arn());
        simulator.estate().setAssociationExecution(assocs.get(0).arn(), null, null);
        simulator.estate().setAssociationExecution(assocs.get(1).arn(), "COMPLETED", null);
        simulator.estate().setAssociationExecution(assocs.get(2).arn(), "FAILED", "Salesforce REQUEST_LIMIT_EXCEEDED");

        // when listed
        Map<String, DataIntegrationAssociationSummary> byArn = client
                .listDataIntegrationAssociations(r -> r.dataIntegrationIdentifier(di.id()))
                .dataIntegrationAssociations().stream()
                .collect(Collectors.toMap(DataIntegrationAssociationSummary::dataIntegrationAssociationArn, Function.identity()));

        // then the SDK sees exactly those
        assertThat(byArn.get(assocs.get(0).arn()).lastExecutionStatus()).isNull();
        assertThat(byArn.get(assocs.get(1).arn()).lastExecutionStatus().executionStatus()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(byArn.get(assocs.get(2).arn()).lastExecutionStatus().executionStatus()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(byArn.get(assocs.get(2).arn()).lastExecutionStatus().statusMessage())
                .isEqualTo("Salesforce REQUEST_LIMIT_EXCEEDED");
    }

    @Test
    void getDataIntegrationById() {
        simulator.estate().populate(HOME, new EstateSpec(0, 0, 2, 0, 0));
        SimDataIntegration di = simulator.estate().dataIntegrations(HOME).get(1);

        var read = client.getDataIntegration(r -> r.identifier(di.id()));

        assertThat(read.arn()).isEqualTo(di.arn());
        assertThat(read.id()).isEqualTo(di.id());
        assertThat(read.name()).isEqualTo(di.name());
    }

    @Test
    void theIdentifierIsTheIdNotTheArnOrTheName() {
        // given a data integration with associations
        simulator.estate().populate(HOME, new EstateSpec(0, 0, 1, 2, 0));
        SimDataIntegration di = simulator.estate().dataIntegrations(HOME).get(0);

        // when / then its ARN and its name (which the service does not document as identifiers) are not found
        assertThatThrownBy(() -> client.listDataIntegrationAssociations(r -> r.dataIntegrationIdentifier(di.arn())))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> client.listDataIntegrationAssociations(r -> r.dataIntegrationIdentifier(di.name())))
                .isInstanceOf(ResourceNotFoundException.class);
        // and a blank identifier breaks the model's pattern .*\S.*; one over 255 characters its length
        assertThatThrownBy(() -> client.listDataIntegrationAssociations(r -> r.dataIntegrationIdentifier("  ")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> client.listDataIntegrationAssociations(
                r -> r.dataIntegrationIdentifier("a".repeat(256))))
                .isInstanceOf(InvalidRequestException.class);
        // while its id lists both associations
        assertThat(client.listDataIntegrationAssociations(r -> r.dataIntegrationIdentifier(di.id()))
                .dataIntegrationAssociations()).hasSize(2);
    }

    @Test
    void errorsMapToTheModelledSdkExceptions() {
        String unknown = "arn:aws:app-integrations:us-east-1:123456789012:data-integration/missing";
        assertThatThrownBy(() -> client.listDataIntegrationAssociations(r -> r.dataIntegrationIdentifier(unknown)))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));

        assertThatThrownBy(() -> client.listDataIntegrations(r -> r.maxResults(51)))
                .isInstanceOf(InvalidRequestException.class);

        simulator.faults().throttleNext(Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATIONS, 1);
        assertThatThrownBy(() -> client.listDataIntegrations(r -> { }))
                .isInstanceOfSatisfying(ThrottlingException.class, e -> assertThat(e.statusCode()).isEqualTo(429));

        assertThat(client.listDataIntegrations(r -> { }).dataIntegrations()).isEmpty();
    }
}
