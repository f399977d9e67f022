package io.integrationmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DescribeIntegrationsResponse;
import software.amazon.awssdk.services.rds.model.Integration;
import software.amazon.awssdk.services.rds.model.IntegrationError;
import software.amazon.awssdk.services.rds.model.IntegrationNotFoundException;
import software.amazon.awssdk.services.rds.model.IntegrationStatus;
import software.amazon.awssdk.services.rds.model.Tag;

/** RDS DescribeIntegrations over awsQuery, read by the unmodified SDK client. */
class RdsWireTest {
    private static final Partition HOME = new Partition(Estate.DEFAULT_ACCOUNT, "us-east-1");
    private static final Instant CREATED = Instant.parse("2025-07-01T08:30:00Z");

    private AwsSimulator simulator;
    private RdsClient rds;

    @BeforeEach
    void start() {
        simulator = AwsSimulator.start(0);
        rds = new SdkClients(simulator.endpoint()).rds();
    }

    @AfterEach
    void stop() {
        rds.close();
        simulator.close();
    }

    @Test
    void theSdkPaginatorCollectsEveryIntegrationAcrossMoreThanThreePages() {
        // given 23 RDS integrations and a page cap of 5, whatever MaxRecords asks for
        simulator.estate().populate(HOME, EstateSpec.empty().withRdsIntegrations(23));
        simulator.estate().setPageCap(5);

        // when the SDK's paginator follows Marker
        List<DescribeIntegrationsResponse> pages =
                rds.describeIntegrationsPaginator(r -> r.maxRecords(100)).stream().toList();

        // then every integration came back exactly once, five to a page
        assertThat(pages).hasSize(5).allSatisfy(p -> assertThat(p.integrations()).hasSizeLessThanOrEqualTo(5));
        assertThat(pages.stream().flatMap(p -> p.integrations().stream()).map(Integration::integrationArn))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(simulator.estate().rdsIntegrations(HOME).stream()
                        .map(SimRdsIntegration::arn).toList());
        assertThat(pages.get(4).marker()).isNull();
        assertThat(simulator.calls().count(Operation.RDS_DESCRIBE_INTEGRATIONS)).isEqualTo(5);
    }

    @Test
    void everyMemberOfTheModelRoundTrips() {
        // given one integration with every member set
        simulator.estate().addRdsIntegration(full("active"));

        // when
        Integration read = rds.describeIntegrations(r -> { }).integrations().get(0);

        // then
        assertThat(read.integrationArn()).isEqualTo(arn());
        assertThat(read.integrationName()).isEqualTo("orders-aurora-zetl");
        assertThat(read.sourceArn()).isEqualTo("arn:aws:rds:us-east-1:123456789012:cluster:orders-aurora");
        assertThat(read.targetArn()).isEqualTo("arn:aws:redshift-serverless:us-east-1:123456789012:namespace/ns-1");
        assertThat(read.status()).isEqualTo(IntegrationStatus.ACTIVE);
        assertThat(read.statusAsString()).isEqualTo("active");
        assertThat(read.createTime()).isEqualTo(CREATED);
        assertThat(read.kmsKeyId()).isEqualTo("arn:aws:kms:us-east-1:123456789012:key/k-1");
        assertThat(read.additionalEncryptionContext()).isEqualTo(Map.of("department", "finance", "team", "orders"));
        assertThat(read.dataFilter()).isEqualTo("include: orders.*, exclude: orders.audit_<log>");
        assertThat(read.description()).isEqualTo("Orders & refunds into the warehouse");
        assertThat(read.tags()).containsExactly(Tag.builder().key("env").value("prod").build(),
                Tag.builder().key("team").value("orders").build());
        assertThat(read.errors()).isEmpty();
    }

    @Test
    void everyLowerCaseStatusAndItsErrorsRoundTrip() {
        // given one integration
        simulator.estate().addRdsIntegration(full("active"));

        for (String status : List.of("creating", "active", "modifying", "failed", "deleting", "syncing",
                "needs_attention")) {
            // when its status and errors change
            simulator.estate().setRdsStatus(arn(), status,
                    List.of(new SimError("S3_ACCESS_DENIED", "cannot read " + status)));
            Integration read = rds.describeIntegrations(r -> { }).integrations().get(0);

            // then the SDK reads the status as RDS spells it, and the IntegrationError members
            assertThat(read.statusAsString()).isEqualTo(status);
            assertThat(read.status()).isNotEqualTo(IntegrationStatus.UNKNOWN_TO_SDK_VERSION);
            assertThat(read.errors()).containsExactly(IntegrationError.builder().errorCode("S3_ACCESS_DENIED")
                    .errorMessage("cannot read " + status).build());
        }
    }

    @Test
    void anEmptyAccountIsAnEmptyListNotAMissingOne() {
        // given no RDS integrations at all

        // when
        DescribeIntegrationsResponse response = rds.describeIntegrations(r -> { });

        // then the SDK sees the (empty) list: only its absence would be an invalid response
        assertThat(response.hasIntegrations()).isTrue();
        assertThat(response.integrations()).isEmpty();
        assertThat(response.marker()).isNull();
    }

    @Test
    void filtersAndTheIdentifierSelect() {
        // given two integrations, one failed
        simulator.estate().addRdsIntegration(full("active"));
        SimRdsIntegration other = new SimRdsIntegration(
                "arn:aws:rds:us-east-1:123456789012:integration:other", "other", "arn:aws:rds:us-east-1:123456789012:cluster:c",
                "arn:aws:redshift:us-east-1:123456789012:namespace:n", "failed", CREATED, null, null, null, Map.of(),
                List.of(), Map.of());
        simulator.estate().addRdsIntegration(other);

        // when / then a status filter, serialised as Filters.Filter.1.Values.Value.N
        assertThat(rds.describeIntegrations(r -> r.filters(f -> f.name("status").values("failed", "syncing")))
                .integrations()).extracting(Integration::integrationName).containsExactly("other");
        // the identifier, by ARN or by name
        assertThat(rds.describeIntegrations(r -> r.integrationIdentifier(arn())).integrations())
                .extracting(Integration::integrationName).containsExactly("orders-aurora-zetl");
        assertThat(rds.describeIntegrations(r -> r.integrationIdentifier("other")).integrations())
                .extracting(Integration::integrationArn).containsExactly(other.arn());
        // an unknown identifier is the modelled 404 fault
        assertThatThrownBy(() -> rds.describeIntegrations(r -> r.integrationIdentifier("nope")))
                .isInstanceOfSatisfying(IntegrationNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("IntegrationNotFoundFault");
                });
        // a filter RDS does not know is refused
        assertThatThrownBy(() -> rds.describeIntegrations(r -> r.filters(f -> f.name("colour").values("red"))))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void maxRecordsOutsideTwentyToAHundredIsInvalidParameterValue() {
        for (int bad : new int[] {19, 101}) {
            assertThatThrownBy(() -> rds.describeIntegrations(r -> r.maxRecords(bad)))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                        assertThat(e.awsErrorDetails().errorMessage()).contains("MaxRecords", "20", "100");
                    });
        }
        assertThat(rds.describeIntegrations(r -> r.maxRecords(20)).hasIntegrations()).isTrue();
    }

    @Test
    void faultsAreRenderedAsRdsXmlErrors() {
        // given
        simulator.faults().throttleNext(Operation.RDS_DESCRIBE_INTEGRATIONS, 1);
        simulator.faults().failNext(Operation.RDS_DESCRIBE_INTEGRATIONS, 1);
        simulator.faults().errorNext(Operation.RDS_DESCRIBE_INTEGRATIONS, null, 1, 403, "AccessDenied",
                "not authorized to perform: rds:DescribeIntegrations");
        simulator.faults().malformedNext(Operation.RDS_DESCRIBE_INTEGRATIONS, 1);

        // when / then: throttling is the code the SDK retries
        assertThatThrownBy(() -> rds.describeIntegrations(r -> { }))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                    assertThat(e.isThrottlingException()).isTrue();
                });
        assertThatThrownBy(() -> rds.describeIntegrations(r -> { }))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
        assertThatThrownBy(() -> rds.describeIntegrations(r -> { }))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("rds:DescribeIntegrations");
                });
        assertThatThrownBy(() -> rds.describeIntegrations(r -> { })).isInstanceOf(SdkClientException.class);
    }

    @Test
    void throttledOnceThenSucceedsUnderStandardRetries() {
        // given
        simulator.estate().addRdsIntegration(full("active"));
        simulator.faults().throttleNext(Operation.RDS_DESCRIBE_INTEGRATIONS, 1);

        // when
        try (RdsClient retrying = new SdkClients(simulator.endpoint()).rds(true)) {
            List<Integration> integrations = retrying.describeIntegrations(r -> { }).integrations();

            // then
            assertThat(integrations).hasSize(1);
        }
        assertThat(simulator.calls().count(Operation.RDS_DESCRIBE_INTEGRATIONS)).isEqualTo(2);
    }

    @Test
    void listingFaultsBendTheXmlShape() {
        // given
        simulator.estate().addRdsIntegration(full("active"));
        simulator.faults().emptyObjectNext(Operation.RDS_DESCRIBE_INTEGRATIONS, null, 1);
        simulator.faults().nullListNext(Operation.RDS_DESCRIBE_INTEGRATIONS, null, 1);
        simulator.faults().oversizedNext(Operation.RDS_DESCRIBE_INTEGRATIONS, null, 1, 20_000);

        // when / then: no list member at all, in both shapes
        assertThat(rds.describeIntegrations(r -> { }).hasIntegrations()).isFalse();
        assertThat(rds.describeIntegrations(r -> { }).hasIntegrations()).isFalse();
        // a well-formed page of at least the size asked for
        assertThat(rds.describeIntegrations(r -> { }).integrations()).hasSizeGreaterThan(10)
                .allSatisfy(i -> assertThat(i.statusAsString()).isEqualTo("active"));

        // when the listing never ends: an empty page with a fresh marker each time
        simulator.faults().endlessPages(Operation.RDS_DESCRIBE_INTEGRATIONS, null);
        DescribeIntegrationsResponse first = rds.describeIntegrations(r -> { });
        DescribeIntegrationsResponse second = rds.describeIntegrations(r -> r.marker(first.marker()));
        assertThat(first.hasIntegrations()).isTrue();
        assertThat(first.integrations()).isEmpty();
        assertThat(first.marker()).isNotEmpty().isNotEqualTo(second.marker());
    }

    @Test
    void theFormAndTheXmlAreAwsQuery() throws Exception {
        // given
        simulator.estate().addRdsIntegration(full("needs_attention"));

        // when a raw awsQuery form is posted, with no SigV4 scope to go by
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(simulator.endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("Action=DescribeIntegrations&Version=2014-10-31"
                        + "&MaxRecords=20&Filters.Filter.1.Name=status&Filters.Filter.1.Values.Value.1=needs_attention"))
                .build(), HttpResponse.BodyHandlers.ofString());

        // then the Version alone routes it to RDS, whose XML wraps each list's members
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/xml");
        assertThat(response.body())
                .startsWith("<DescribeIntegrationsResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\">"
                        + "<DescribeIntegrationsResult><Integrations><Integration>")
                .contains("<Status>needs_attention</Status>",
                        "<Tags><Tag><Key>env</Key><Value>prod</Value></Tag>",
                        "<AdditionalEncryptionContext><entry><key>department</key><value>finance</value></entry>",
                        "<Description>Orders &amp; refunds into the warehouse</Description>",
                        "<CreateTime>2025-07-01T08:30:00Z</CreateTime>")
                .endsWith("</ResponseMetadata></DescribeIntegrationsResponse>");
    }

    private static String arn() {
        return "arn:aws:rds:us-east-1:123456789012:integration:5b3c-orders";
    }

    private static SimRdsIntegration full(String status) {
        return new SimRdsIntegration(arn(), "orders-aurora-zetl",
                "arn:aws:rds:us-east-1:123456789012:cluster:orders-aurora",
                "arn:aws:redshift-serverless:us-east-1:123456789012:namespace/ns-1", status, CREATED,
                "Orders & refunds into the warehouse", "include: orders.*, exclude: orders.audit_<log>",
                "arn:aws:kms:us-east-1:123456789012:key/k-1", Map.of("team", "orders", "department", "finance"),
                List.of(), Map.of("team", "orders", "env", "prod"));
    }
}
