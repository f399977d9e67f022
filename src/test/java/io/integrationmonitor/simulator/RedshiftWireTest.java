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
import software.amazon.awssdk.core.retry.RetryUtils;
import software.amazon.awssdk.services.redshift.RedshiftClient;
import software.amazon.awssdk.services.redshift.model.DescribeInboundIntegrationsResponse;
import software.amazon.awssdk.services.redshift.model.DescribeIntegrationsFilter;
import software.amazon.awssdk.services.redshift.model.DescribeIntegrationsFilterName;
import software.amazon.awssdk.services.redshift.model.DescribeIntegrationsResponse;
import software.amazon.awssdk.services.redshift.model.InboundIntegration;
import software.amazon.awssdk.services.redshift.model.Integration;
import software.amazon.awssdk.services.redshift.model.IntegrationNotFoundException;
import software.amazon.awssdk.services.redshift.model.InvalidNamespaceException;
import software.amazon.awssdk.services.redshift.model.RedshiftException;
import software.amazon.awssdk.services.redshift.model.ZeroETLIntegrationStatus;

/** Redshift's awsQuery protocol as the unmodified SDK client speaks it (botocore redshift/2012-12-01). */
class RedshiftWireTest {
    private static final Partition HOME = new Partition(Estate.DEFAULT_ACCOUNT, "us-east-1");
    private static final String ARN = "arn:aws:redshift:us-east-1:123456789012:integration:"
            + "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private static final String NAMESPACE =
            "arn:aws:redshift-serverless:us-east-1:123456789012:namespace/7a6b5c4d-0000-1111-2222-333344445555";

    private AwsSimulator simulator;
    private RedshiftClient redshift;

    @BeforeEach
    void start() {
        simulator = AwsSimulator.start(0);
        redshift = new SdkClients(simulator.endpoint()).redshift();
    }

    @AfterEach
    void stop() {
        redshift.close();
        simulator.close();
    }

    @Test
    void theSdkPaginatorCollectsEveryIntegrationAcrossMoreThanThreePages() {
        // given 23 Redshift integrations and a page cap of 5, whatever MaxRecords asks for
        simulator.estate().populate(HOME, EstateSpec.empty().withRedshift(23, 0));

        // when the SDK's paginator walks the Marker chain
        List<DescribeIntegrationsResponse> pages = new ArrayList<>();
        simulator.estate().setPageCap(5);
        redshift.describeIntegrationsPaginator(r -> r.maxRecords(100)).forEach(pages::add);

        // then every integration came back exactly once, over five pages
        assertThat(pages).hasSize(5).allSatisfy(p -> assertThat(p.integrations()).hasSizeLessThanOrEqualTo(5));
        assertThat(pages.stream().flatMap(p -> p.integrations().stream()).map(Integration::integrationArn).toList())
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(simulator.estate().redshiftIntegrations(HOME).stream()
                        .map(SimRedshiftIntegration::arn).toList());
        assertThat(simulator.calls().count(Operation.REDSHIFT_DESCRIBE_INTEGRATIONS)).isEqualTo(5);
    }

    @Test
    void everyStatusAndItsErrorsRoundTripInBothListings() {
        // given an integration that Redshift lists outbound and inbound
        simulator.estate().populate(HOME, EstateSpec.empty().withRedshift(1, 1));
        String arn = simulator.estate().redshiftIntegrations(HOME).get(0).arn();
        assertThat(simulator.estate().redshiftInboundIntegration(arn)).isPresent();

        for (ZeroETLIntegrationStatus status : List.of(ZeroETLIntegrationStatus.CREATING,
                ZeroETLIntegrationStatus.ACTIVE, ZeroETLIntegrationStatus.MODIFYING, ZeroETLIntegrationStatus.FAILED,
                ZeroETLIntegrationStatus.DELETING, ZeroETLIntegrationStatus.SYNCING,
                ZeroETLIntegrationStatus.NEEDS_ATTENTION)) {
            // when its status and errors change
            List<SimError> errors = status == ZeroETLIntegrationStatus.ACTIVE ? List.of()
                    : List.of(new SimError("SOURCE_TABLE_DELETED", "Table <orders> & \"more\" " + status));
            simulator.estate().setRedshiftStatus(arn, status.toString(), errors);

            // then the SDK reads back exactly that, from both operations
            Integration read = redshift.describeIntegrations(r -> r.integrationArn(arn)).integrations().get(0);
            InboundIntegration inbound =
                    redshift.describeInboundIntegrations(r -> r.integrationArn(arn)).inboundIntegrations().get(0);
            assertThat(read.status()).isEqualTo(status);
            assertThat(inbound.status()).isEqualTo(status);
            List<String> expected = errors.stream().map(e -> e.code() + "|" + e.message()).toList();
            assertThat(read.errors()).extracting(e -> e.errorCode() + "|" + e.errorMessage())
                    .containsExactlyElementsOf(expected);
            assertThat(inbound.errors()).extracting(e -> e.errorCode() + "|" + e.errorMessage())
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void everyMemberOfTheModelParses() {
        // given an integration with every member set
        Instant created = Instant.parse("2025-07-01T10:15:30.250Z");
        simulator.estate().addRedshiftIntegration(new SimRedshiftIntegration(ARN, "orders-ddb",
                "arn:aws:dynamodb:us-east-1:123456789012:table/orders", NAMESPACE, "active", created,
                "orders & returns", "arn:aws:kms:us-east-1:123456789012:key/k1", Map.of("purpose", "analytics"),
                List.of(), Map.of("team", "orders", "env", "prod")));

        // when described
        Integration read = redshift.describeIntegrations(r -> { }).integrations().get(0);

        // then every member arrives
        assertThat(read.integrationArn()).isEqualTo(ARN);
        assertThat(read.integrationName()).isEqualTo("orders-ddb");
        assertThat(read.sourceArn()).isEqualTo("arn:aws:dynamodb:us-east-1:123456789012:table/orders");
        assertThat(read.targetArn()).isEqualTo(NAMESPACE);
        assertThat(read.status()).isEqualTo(ZeroETLIntegrationStatus.ACTIVE);
        assertThat(read.createTime()).isEqualTo(created);
        assertThat(read.description()).isEqualTo("orders & returns");
        assertThat(read.kmsKeyId()).isEqualTo("arn:aws:kms:us-east-1:123456789012:key/k1");
        assertThat(read.additionalEncryptionContext()).isEqualTo(Map.of("purpose", "analytics"));
        assertThat(read.tags()).extracting(t -> t.key() + "=" + t.value()).containsExactly("env=prod", "team=orders");
        assertThat(read.hasErrors()).isFalse();
    }

    @Test
    void filtersReachTheServerAndSelect() {
        // given 12 integrations of which two failed, and one S3-sourced
        simulator.estate().populate(HOME, EstateSpec.empty().withRedshift(12, 0));
        List<SimRedshiftIntegration> all = simulator.estate().redshiftIntegrations(HOME);
        simulator.estate().setRedshiftStatus(all.get(2).arn(), "failed", List.of());
        simulator.estate().setRedshiftStatus(all.get(9).arn(), "failed", List.of());
        simulator.estate().addRedshiftIntegration(new SimRedshiftIntegration(ARN, "events-s3", "arn:aws:s3:::events",
                NAMESPACE, "failed", Instant.EPOCH, null, null, Map.of(), List.of(), Map.of()));

        // when filtered by status, then by status and source type
        List<String> failed = redshift.describeIntegrations(r -> r.filters(filter(DescribeIntegrationsFilterName.STATUS,
                "failed"))).integrations().stream().map(Integration::integrationArn).toList();
        List<String> failedFromS3 = redshift.describeIntegrations(r -> r.filters(
                        filter(DescribeIntegrationsFilterName.STATUS, "failed", "needs_attention"),
                        filter(DescribeIntegrationsFilterName.SOURCE_TYPES, "s3")))
                .integrations().stream().map(Integration::integrationArn).toList();
        List<String> byArn = redshift.describeIntegrations(r -> r.filters(
                        filter(DescribeIntegrationsFilterName.INTEGRATION_ARN, all.get(4).arn())))
                .integrations().stream().map(Integration::integrationArn).toList();

        // then each selects what it names
        assertThat(failed).containsExactlyInAnyOrder(all.get(2).arn(), all.get(9).arn(), ARN);
        assertThat(failedFromS3).containsExactly(ARN);
        assertThat(byArn).containsExactly(all.get(4).arn());
    }

    @Test
    void inboundIntegrationsPageAndScopeByTargetAndIntegration() {
        // given 3 Redshift integrations and 7 inbound ones (three of them RDS- or Glue-owned), pages of 2
        simulator.estate().populate(HOME, EstateSpec.empty().withRedshift(3, 7));
        simulator.estate().setPageCap(2);

        // when the SDK's paginator walks the listing
        List<DescribeInboundIntegrationsResponse> pages = new ArrayList<>();
        redshift.describeInboundIntegrationsPaginator(r -> r.maxRecords(20)).forEach(pages::add);
        List<InboundIntegration> all = pages.stream().flatMap(p -> p.inboundIntegrations().stream()).toList();

        // then all 7 come back over 4 pages; some share an ARN with a Redshift integration, some are RDS ones
        assertThat(pages).hasSize(4);
        assertThat(all).hasSize(7).allSatisfy(i -> assertThat(i.status()).isEqualTo(ZeroETLIntegrationStatus.ACTIVE));
        List<String> outbound = simulator.estate().redshiftIntegrations(HOME).stream()
                .map(SimRedshiftIntegration::arn).toList();
        assertThat(all).filteredOn(i -> outbound.contains(i.integrationArn())).hasSize(3);
        assertThat(all).filteredOn(i -> i.integrationArn().startsWith("arn:aws:rds:us-east-1:123456789012:integration:"))
                .isNotEmpty();

        // and TargetArn and IntegrationArn narrow it
        InboundIntegration picked = all.get(5);
        assertThat(redshift.describeInboundIntegrations(r -> r.targetArn(picked.targetArn())).inboundIntegrations())
                .extracting(InboundIntegration::integrationArn).containsExactly(picked.integrationArn());
        assertThat(redshift.describeInboundIntegrations(r -> r.integrationArn(picked.integrationArn()))
                .inboundIntegrations()).containsExactly(picked);
    }

    @Test
    void errorsMapToTheModelledSdkExceptions() {
        // an unknown IntegrationArn -> IntegrationNotFoundFault 404, in both operations
        assertThatThrownBy(() -> redshift.describeIntegrations(r -> r.integrationArn(ARN)))
                .isInstanceOfSatisfying(IntegrationNotFoundException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> redshift.describeInboundIntegrations(r -> r.integrationArn(ARN)))
                .isInstanceOf(IntegrationNotFoundException.class);

        // a TargetArn that names no namespace -> InvalidNamespaceFault
        assertThatThrownBy(() -> redshift.describeInboundIntegrations(r -> r.targetArn(NAMESPACE)))
                .isInstanceOfSatisfying(InvalidNamespaceException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(400));

        // MaxRecords outside 20..100
        assertThatThrownBy(() -> redshift.describeIntegrations(r -> r.maxRecords(19)))
                .isInstanceOfSatisfying(RedshiftException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> redshift.describeInboundIntegrations(r -> r.maxRecords(101)))
                .isInstanceOf(RedshiftException.class);

        // injected faults, in Redshift's XML
        simulator.faults().errorNext(Operation.REDSHIFT_DESCRIBE_INTEGRATIONS, null, 1, 403, "AccessDenied",
                "no redshift:DescribeIntegrations");
        assertThatThrownBy(() -> redshift.describeIntegrations(r -> { }))
                .isInstanceOfSatisfying(RedshiftException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("no redshift:DescribeIntegrations");
                });
        simulator.faults().throttleNext(Operation.REDSHIFT_DESCRIBE_INBOUND_INTEGRATIONS, 1);
        assertThatThrownBy(() -> redshift.describeInboundIntegrations(r -> { }))
                .isInstanceOfSatisfying(RedshiftException.class,
                        e -> assertThat(RetryUtils.isThrottlingException(e)).isTrue());
        simulator.faults().failNext(Operation.REDSHIFT_DESCRIBE_INTEGRATIONS, 1);
        assertThatThrownBy(() -> redshift.describeIntegrations(r -> { }))
                .isInstanceOfSatisfying(RedshiftException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
        simulator.faults().malformedNext(Operation.REDSHIFT_DESCRIBE_INTEGRATIONS, 1);
        assertThatThrownBy(() -> redshift.describeIntegrations(r -> { })).isInstanceOf(SdkClientException.class);

        // and with the faults used up, the calls succeed again
        assertThat(redshift.describeIntegrations(r -> { }).integrations()).isEmpty();
        assertThat(redshift.describeInboundIntegrations(r -> { }).hasInboundIntegrations()).isTrue();
    }

    @Test
    void throttledOnceThenSucceedsUnderStandardRetries() {
        // given one throttled call ahead and a client with the STANDARD retry mode
        simulator.estate().populate(HOME, EstateSpec.empty().withRedshift(3, 0));
        simulator.faults().throttleNext(Operation.REDSHIFT_DESCRIBE_INTEGRATIONS, 1);
        try (RedshiftClient retrying = new SdkClients(simulator.endpoint()).redshift(true)) {
            // when it describes
            DescribeIntegrationsResponse response = retrying.describeIntegrations(r -> { });

            // then the retry got the answer, after two calls served
            assertThat(response.integrations()).hasSize(3);
            assertThat(simulator.calls().count(Operation.REDSHIFT_DESCRIBE_INTEGRATIONS)).isEqualTo(2);
        }
    }

    @Test
    void listingFaultsAreRenderedAsXmlThatTheSdkReads() {
        // given one of each listing fault ahead
        simulator.faults().emptyObjectNext(Operation.REDSHIFT_DESCRIBE_INTEGRATIONS, null, 1);
        simulator.faults().nullListNext(Operation.REDSHIFT_DESCRIBE_INBOUND_INTEGRATIONS, null, 1);
        simulator.faults().oversizedNext(Operation.REDSHIFT_DESCRIBE_INTEGRATIONS, null, 1, 50_000);

        // when / then: a 200 without the list reads as absent, not as an empty list
        assertThat(redshift.describeIntegrations(r -> { }).hasIntegrations()).isFalse();
        assertThat(redshift.describeInboundIntegrations(r -> { }).hasInboundIntegrations()).isFalse();
        // a large page is well-formed
        DescribeIntegrationsResponse big = redshift.describeIntegrations(r -> { });
        assertThat(big.integrations()).hasSizeGreaterThan(20)
                .allSatisfy(i -> assertThat(i.status()).isEqualTo(ZeroETLIntegrationStatus.ACTIVE));
        assertThat(big.marker()).isNull();
        // an endless listing hands out a fresh Marker every time
        simulator.faults().endlessPages(Operation.REDSHIFT_DESCRIBE_INBOUND_INTEGRATIONS, null);
        DescribeInboundIntegrationsResponse first = redshift.describeInboundIntegrations(r -> { });
        DescribeInboundIntegrationsResponse second = redshift.describeInboundIntegrations(r -> r.marker(first.marker()));
        assertThat(first.hasInboundIntegrations()).isTrue();
        assertThat(first.inboundIntegrations()).isEmpty();
        assertThat(first.marker()).isNotBlank().isNotEqualTo(second.marker());
    }

    private static DescribeIntegrationsFilter filter(DescribeIntegrationsFilterName name, String... values) {
        return DescribeIntegrationsFilter.builder().name(name).values(values).build();
    }
}
