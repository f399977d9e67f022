package io.integrationmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AccessDeniedException;
import software.amazon.awssdk.services.glue.model.DescribeInboundIntegrationsResponse;
import software.amazon.awssdk.services.glue.model.DescribeIntegrationsResponse;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.InboundIntegration;
import software.amazon.awssdk.services.glue.model.Integration;
import software.amazon.awssdk.services.glue.model.IntegrationFilter;
import software.amazon.awssdk.services.glue.model.IntegrationNotFoundException;
import software.amazon.awssdk.services.glue.model.IntegrationStatus;
import software.amazon.awssdk.services.glue.model.InternalServiceException;
import software.amazon.awssdk.services.glue.model.ThrottlingException;

class GlueWireTest {
    private static final Partition HOME = new Partition(Estate.DEFAULT_ACCOUNT, "us-east-1");

    private AwsSimulator simulator;
    private GlueClient glue;

    @BeforeEach
    void start() {
        simulator = AwsSimulator.start(0);
        glue = new SdkClients(simulator.endpoint()).glue();
    }

    @AfterEach
    void stop() {
        glue.close();
        simulator.close();
    }

    @Test
    void markerLoopCollectsEveryIntegrationAcrossMoreThanThreePages() {
        // given 23 integrations and a page cap of 5, whatever MaxRecords asks for
        simulator.estate().populate(HOME, new EstateSpec(23, 0, 0, 0, 5));

        // when the client loops on Marker
        List<String> arns = new ArrayList<>();
        int pages = 0;
        String marker = null;
        do {
            String m = marker;
            DescribeIntegrationsResponse page = glue.describeIntegrations(r -> r.marker(m).maxRecords(100));
            page.integrations().forEach(i -> arns.add(i.integrationArn()));
            assertThat(page.integrations()).hasSizeLessThanOrEqualTo(5);
            marker = page.marker();
            pages++;
        } while (marker != null);

        // then every integration came back exactly once
        assertThat(pages).isEqualTo(5);
        assertThat(arns).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(simulator.estate().integrations(HOME).stream()
                        .map(SimIntegration::arn).toList());
    }

    @Test
    void everyStatusAndItsErrorsRoundTrip() {
        // given one integration
        simulator.estate().populate(HOME, new EstateSpec(1, 0, 0, 0, 0));
        String arn = simulator.estate().integrations(HOME).get(0).arn();

        for (IntegrationStatus status : List.of(IntegrationStatus.CREATING, IntegrationStatus.ACTIVE,
                IntegrationStatus.MODIFYING, IntegrationStatus.FAILED, IntegrationStatus.DELETING,
                IntegrationStatus.SYNCING, IntegrationStatus.NEEDS_ATTENTION)) {
            // when its status and errors change
            List<SimError> errors = status == IntegrationStatus.ACTIVE ? List.of()
                    : List.of(new SimError("SOURCE_CONNECTION_LOST", "Lost <connection> & \"retrying\" " + status));
            simulator.estate().setIntegrationStatus(arn, status.toString(), errors);

            // then the SDK reads back exactly that
            Integration read = glue.describeIntegrations(r -> r.integrationIdentifier(arn)).integrations().get(0);
            assertThat(read.status()).isEqualTo(status);
            assertThat(read.errors()).extracting(e -> e.errorCode() + "|" + e.errorMessage())
                    .containsExactlyElementsOf(errors.stream().map(e -> e.code() + "|" + e.message()).toList());
        }
    }

    @Test
    void requiredMembersAndTimestampsParse() {
        // given an integration created at a known instant
        SimIntegration made = new SimIntegration("arn:aws:glue:us-east-1:123456789012:integration:abc-1", "orders-zetl-001",
                "arn:aws:dynamodb:us-east-1:123456789012:table/orders", "arn:aws:redshift-serverless:us-east-1:123456789012:namespace/n1",
                "ACTIVE", Instant.parse("2025-07-01T10:15:30.250Z"), "orders", List.of(), Map.of("team", "orders"));
        simulator.estate().addIntegration(made);

        // when described
        Integration read = glue.describeIntegrations(r -> r.filters(IntegrationFilter.builder().name("IntegrationName").values("orders-zetl-001").build()))
                .integrations().get(0);

        // then every member arrives
        assertThat(read.integrationArn()).isEqualTo(made.arn());
        assertThat(read.integrationName()).isEqualTo("orders-zetl-001");
        assertThat(read.sourceArn()).isEqualTo(made.sourceArn());
        assertThat(read.targetArn()).isEqualTo(made.targetArn());
        assertThat(read.createTime()).isEqualTo(made.createTime());
        assertThat(read.tags()).extracting(t -> t.key() + "=" + t.value()).containsExactly("team=orders");
    }

    @Test
    void statusFilterSelectsOnlyMatchingIntegrations() {
        // given 12 integrations of which two failed
        simulator.estate().populate(HOME, new EstateSpec(12, 0, 0, 0, 3));
        List<SimIntegration> all = simulator.estate().integrations(HOME);
        simulator.estate().setIntegrationStatus(all.get(2).arn(), "FAILED", List.of());
        simulator.estate().setIntegrationStatus(all.get(9).arn(), "FAILED", List.of());

        // when filtered by Status=FAILED
        DescribeIntegrationsResponse page = glue.describeIntegrations(r -> r.filters(IntegrationFilter.builder().name("Status").values("FAILED").build()));

        // then only those two come back, on one page
        assertThat(page.integrations()).extracting(Integration::integrationArn)
                .containsExactlyInAnyOrder(all.get(2).arn(), all.get(9).arn());
        assertThat(page.marker()).isNull();
    }

    @Test
    void inboundIntegrationsPageWithMarkerAndFilterByTarget() {
        // given 7 inbound integrations and a page cap of 2
        simulator.estate().populate(HOME, new EstateSpec(0, 7, 0, 0, 2));

        // when the client loops on Marker
        List<InboundIntegration> all = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            String m = marker;
            DescribeInboundIntegrationsResponse page = glue.describeInboundIntegrations(r -> r.marker(m));
            all.addAll(page.inboundIntegrations());
            marker = page.marker();
            pages++;
        } while (marker != null);

        // then all 7 come back over 4 pages, each with its status
        assertThat(pages).isEqualTo(4);
        assertThat(all).hasSize(7).allSatisfy(i -> assertThat(i.status()).isEqualTo(IntegrationStatus.ACTIVE));

        // and TargetArn narrows the listing
        String target = all.get(3).targetArn();
        simulator.estate().setInboundStatus(all.get(3).integrationArn(), "NEEDS_ATTENTION",
                List.of(new SimError("TARGET_ACCESS_DENIED", "Glue cannot write to the target database")));
        InboundIntegration one = glue.describeInboundIntegrations(r -> r.targetArn(target)).inboundIntegrations().get(0);
        assertThat(one.status()).isEqualTo(IntegrationStatus.NEEDS_ATTENTION);
        assertThat(one.errors().get(0).errorCode()).isEqualTo("TARGET_ACCESS_DENIED");
    }

    @Test
    void errorsMapToTheModelledSdkExceptions() {
        // unknown identifier -> IntegrationNotFoundFault 404
        assertThatThrownBy(() -> glue.describeIntegrations(r -> r.integrationIdentifier("arn:aws:glue:us-east-1:123456789012:integration:nope")))
                .isInstanceOfSatisfying(IntegrationNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));

        simulator.faults().errorNext(Operation.GLUE_DESCRIBE_INTEGRATIONS, null, 1, 400, "AccessDeniedException", "no glue:DescribeIntegrations");
        assertThatThrownBy(() -> glue.describeIntegrations(r -> { }))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("no glue:DescribeIntegrations"));

        simulator.faults().errorNext(Operation.GLUE_DESCRIBE_INBOUND_INTEGRATIONS, null, 1, 400, "EntityNotFoundException", "gone");
        assertThatThrownBy(() -> glue.describeInboundIntegrations(r -> { })).isInstanceOf(EntityNotFoundException.class);

        simulator.faults().throttleNext(Operation.GLUE_DESCRIBE_INTEGRATIONS, 1);
        assertThatThrownBy(() -> glue.describeIntegrations(r -> { }))
                .isInstanceOfSatisfying(ThrottlingException.class, e -> assertThat(e.statusCode()).isEqualTo(400));

        simulator.faults().failNext(Operation.GLUE_DESCRIBE_INTEGRATIONS, 1);
        assertThatThrownBy(() -> glue.describeIntegrations(r -> { }))
                .isInstanceOfSatisfying(InternalServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(500));

        simulator.faults().malformedNext(Operation.GLUE_DESCRIBE_INTEGRATIONS, 1);
        assertThatThrownBy(() -> glue.describeIntegrations(r -> { })).isInstanceOf(SdkClientException.class);

        // and with the faults used up, the call succeeds again
        assertThat(glue.describeIntegrations(r -> { }).integrations()).isEmpty();
    }

    @Test
    void throttledOnceThenSucceedsUnderStandardRetries() {
        // given one throttled call ahead and a client with the STANDARD retry mode
        simulator.estate().populate(HOME, new EstateSpec(3, 0, 0, 0, 0));
        simulator.faults().throttleNext(Operation.GLUE_DESCRIBE_INTEGRATIONS, 1);
        try (GlueClient retrying = new SdkClients(simulator.endpoint()).glue(SdkClients.BASE, Region.US_EAST_1, true)) {
            // when it describes
            DescribeIntegrationsResponse response = retrying.describeIntegrations(r -> { });

            // then the retry got the answer, after two calls served
            assertThat(response.integrations()).hasSize(3);
            assertThat(simulator.calls().count(Operation.GLUE_DESCRIBE_INTEGRATIONS)).isEqualTo(2);
        }
    }

    @Test
    void regionInTheCredentialScopeSelectsThePartition() {
        // given integrations in two regions of the same account
        simulator.estate().populate(HOME, new EstateSpec(2, 0, 0, 0, 0));
        simulator.estate().populate(new Partition(Estate.DEFAULT_ACCOUNT, "eu-west-1"), new EstateSpec(5, 0, 0, 0, 0));

        // when a client signs for eu-west-1
        try (GlueClient eu = new SdkClients(simulator.endpoint()).glue(SdkClients.BASE, Region.EU_WEST_1, false)) {
            // then it sees only that region's estate
            assertThat(eu.describeIntegrations(r -> { }).integrations()).hasSize(5)
                    .allSatisfy(i -> assertThat(i.integrationArn()).contains(":eu-west-1:"));
        }
        assertThat(simulator.calls().count(Operation.GLUE_DESCRIBE_INTEGRATIONS, Estate.DEFAULT_ACCOUNT)).isEqualTo(1);
    }
}
