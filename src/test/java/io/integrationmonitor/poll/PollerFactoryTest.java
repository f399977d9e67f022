package io.integrationmonitor.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.integrationmonitor.aws.AwsClientFactory;
import io.integrationmonitor.aws.LoopbackAws;
import io.integrationmonitor.config.AppIntegrationsSource;
import io.integrationmonitor.config.AwsConfig;
import io.integrationmonitor.config.EndpointsConfig;
import io.integrationmonitor.config.GlueFilter;
import io.integrationmonitor.config.GlueInboundIntegrationsSource;
import io.integrationmonitor.config.GlueIntegrationsSource;
import io.integrationmonitor.config.MonitorConfig;
import io.integrationmonitor.config.RdsIntegrationsSource;
import io.integrationmonitor.config.RedshiftInboundIntegrationsSource;
import io.integrationmonitor.config.RedshiftIntegrationsSource;
import io.integrationmonitor.config.RetryConfig;
import io.integrationmonitor.config.RedshiftInboundIntegrationsSource;
import io.integrationmonitor.config.RedshiftIntegrationsSource;
import io.integrationmonitor.config.SourcesConfig;
import io.integrationmonitor.config.StartupException;
import io.integrationmonitor.config.TargetConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The factory's target list, and its pollers driving the real SDK clients against a loopback endpoint. */
class PollerFactoryTest {
    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "eu-west-1";
    /** The default chain when it finds nothing: the SDK's own exception type, as the chain throws it. */
    private static final AwsCredentialsProvider NO_CREDENTIALS = () -> {
        throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
    };
    private static final Instant NOW = Instant.parse("2026-05-06T07:08:09Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private LoopbackAws aws;
    private AwsClientFactory clients;

    @AfterEach
    void tearDown() {
        if (clients != null) {
            clients.close();
        }
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void listsOneTargetPerEnabledSourceAccountAndRegion() throws Exception {
        // given two accounts, the second in the default region, and AppIntegrations switched off
        MonitorConfig config = config(URI.create("http://127.0.0.1:9"), List.of(
                new TargetConfig(ACCOUNT, null, null, null, List.of("eu-west-1", "us-east-1")),
                new TargetConfig("210987654321", "arn:aws:iam::210987654321:role/m", "ext", null, null)),
                new SourcesConfig(null, null, new AppIntegrationsSource(false, null, null)), 1);

        // when
        List<PollTarget> targets = factory(config).targets();

        // then
        assertThat(targets).extracting(PollTarget::key).containsExactly(
                "glue_integrations/123456789012/eu-west-1",
                "glue_inbound_integrations/123456789012/eu-west-1",
                "rds_integrations/123456789012/eu-west-1",
                "redshift_integrations/123456789012/eu-west-1",
                "redshift_inbound_integrations/123456789012/eu-west-1",
                "glue_integrations/123456789012/us-east-1",
                "glue_inbound_integrations/123456789012/us-east-1",
                "rds_integrations/123456789012/us-east-1",
                "redshift_integrations/123456789012/us-east-1",
                "redshift_inbound_integrations/123456789012/us-east-1",
                "glue_integrations/210987654321/eu-west-1",
                "glue_inbound_integrations/210987654321/eu-west-1",
                "rds_integrations/210987654321/eu-west-1",
                "redshift_integrations/210987654321/eu-west-1",
                "redshift_inbound_integrations/210987654321/eu-west-1");
    }

    @Test
    void createsAPollerPerTarget() throws Exception {
        // given
        MonitorConfig config = config(URI.create("http://127.0.0.1:9"),
                List.of(new TargetConfig(ACCOUNT, null, null, null, List.of(REGION))),
                SourcesConfig.defaults(), 1);
        PollerFactory factory = factory(config);

        // when
        List<Poller> pollers = factory.create();

        // then
        assertThat(pollers).extracting(Poller::target).containsExactlyElementsOf(factory.targets());
        assertThat(pollers).extracting(p -> p.getClass().getSimpleName()).containsExactly(
                "GlueIntegrationsPoller", "GlueInboundIntegrationsPoller", "AppIntegrationsPoller",
                "RdsIntegrationsPoller", "RedshiftIntegrationsPoller", "RedshiftInboundIntegrationsPoller");
        assertThatThrownBy(() -> factory.create(new PollTarget(Source.GLUE_INTEGRATIONS, "999999999999", REGION)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsTheSameAccountAndRegionTwice() {
        // given
        MonitorConfig config = config(URI.create("http://127.0.0.1:9"), List.of(
                new TargetConfig(ACCOUNT, null, null, null, List.of(REGION)),
                new TargetConfig(ACCOUNT, "arn:aws:iam::123456789012:role/other", null, null, List.of(REGION))),
                null, 1);

        // when / then
        assertThatThrownBy(() -> factory(config).targets())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("configured more than once");
    }

    @Test
    void anAccountThatStsRefusesIsPolledAsUnknownWithResourcesLabelledFromTheirArns() throws Exception {
        // given GetCallerIdentity is refused, then Glue answers with an integration of account 123456789012
        aws = new LoopbackAws().respond(403, Map.of("Content-Type", "text/xml"), stsError("AccessDenied"))
                .glueOk("{\"Integrations\":[{\"IntegrationArn\":\"arn:aws:glue:eu-west-1:123456789012:integration:a\","
                        + "\"IntegrationName\":\"orders\",\"SourceArn\":\"s\",\"TargetArn\":\"t\","
                        + "\"Status\":\"ACTIVE\"}]}");
        MonitorConfig config = config(aws.endpoint(), List.of(TargetConfig.defaults()), glueIntegrationsOnly(), 1);
        PollerFactory factory = factory(config);

        // when
        List<PollTarget> targets = factory.targets();
        Snapshot snapshot = factory.create(targets.get(0)).poll();

        // then the start goes on: the poll is the unknown account's, the resource its ARN's account
        assertThat(targets).extracting(PollTarget::key).containsExactly("glue_integrations/unknown/eu-west-1");
        assertThat(snapshot.resources()).singleElement()
                .satisfies(r -> assertThat(r.accountId()).isEqualTo(ACCOUNT));
    }

    @Test
    void noCredentialsAtStartIsAStartupFailureNamingHowToSetThem() throws Exception {
        // given the default chain has nothing, and STS would have to be asked
        aws = new LoopbackAws();
        MonitorConfig config = config(aws.endpoint(), List.of(TargetConfig.defaults()), null, 1);
        PollerFactory factory = factory(config, NO_CREDENTIALS);

        // when / then
        assertThatThrownBy(factory::targets)
                .isInstanceOfSatisfying(StartupException.class, e -> {
                    assertThat(e.key()).isEqualTo("credentials");
                    assertThat(e.line()).startsWith("error: credentials: no usable AWS credentials: "
                            + "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE");
                });
        assertThat(aws.requests()).isEmpty();
    }

    @Test
    void aPollWhoseCredentialsCannotBeResolvedSaysSo() throws Exception {
        // given a configured account, so the start asks nothing, but no credentials
        aws = new LoopbackAws();
        MonitorConfig config = config(aws.endpoint(),
                List.of(new TargetConfig(ACCOUNT, null, null, null, List.of(REGION))), null, 1);
        Poller poller = factory(config, NO_CREDENTIALS).create(new PollTarget(Source.GLUE_INTEGRATIONS, ACCOUNT, REGION));

        // when / then
        assertThatThrownBy(poller::poll)
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.ACCESS_DENIED);
                    assertThat(e.getMessage()).isEqualTo("Glue DescribeIntegrations page 1: no usable AWS credentials "
                            + "(the default credential chain found none)");
                });
        assertThat(aws.requests()).isEmpty();
    }

    @Test
    void aRoleTargetsAccountComesFromItsArnWithoutAskingAws() throws Exception {
        // given a role without account_id, and an endpoint that would answer nothing
        aws = new LoopbackAws();
        MonitorConfig config = config(aws.endpoint(), List.of(
                new TargetConfig(null, "arn:aws:iam::210987654321:role/monitor", "ext", null, List.of(REGION))),
                null, 1);
        PollerFactory factory = factory(config);

        // when
        List<Poller> pollers = factory.create();

        // then neither STS nor anything else was called: the role is assumed on the first poll
        assertThat(pollers).extracting(p -> p.target().accountId()).containsOnly("210987654321");
        assertThat(aws.requests()).isEmpty();
    }

    @Test
    void anUnresolvableAccountAmongOthersIsPolledAsUnknown() throws Exception {
        // given GetCallerIdentity is refused, and a second target with a known account
        aws = new LoopbackAws().respond(403, Map.of("Content-Type", "text/xml"), stsError("AccessDenied"));
        MonitorConfig config = config(aws.endpoint(), List.of(
                TargetConfig.defaults(),
                new TargetConfig(null, "arn:aws:iam::210987654321:role/monitor", null, null, null)),
                new SourcesConfig(null, null, new AppIntegrationsSource(false, null, null),
                        RdsIntegrationsSource.disabled(), RedshiftIntegrationsSource.disabled(),
                        RedshiftInboundIntegrationsSource.disabled()), 1);
        PollerFactory factory = factory(config);

        // when
        List<PollTarget> targets = factory.targets();
        List<Poller> pollers = factory.create();

        // then both are there, the first as "unknown", and STS was asked only once
        assertThat(targets).extracting(PollTarget::key).containsExactly(
                "glue_integrations/unknown/eu-west-1",
                "glue_inbound_integrations/unknown/eu-west-1",
                "glue_integrations/210987654321/eu-west-1",
                "glue_inbound_integrations/210987654321/eu-west-1");
        assertThat(pollers).extracting(Poller::target).containsExactlyElementsOf(targets);
        assertThat(aws.requests()).singleElement()
                .satisfies(r -> assertThat(r.body()).contains("Action=GetCallerIdentity"));
    }

    @Test
    void pollsGlueIntegrationsOverTheWire() throws Exception {
        // given two pages in Glue's awsJson1_1 format
        aws = new LoopbackAws()
                .glueOk("{\"Integrations\":[{\"IntegrationArn\":\"arn:aws:glue:eu-west-1:123456789012:integration:a\","
                        + "\"IntegrationName\":\"orders\",\"SourceArn\":\"arn:src\",\"TargetArn\":\"arn:tgt\","
                        + "\"Description\":\"d\",\"Status\":\"NEEDS_ATTENTION\",\"CreateTime\":1735689600.5,"
                        + "\"Tags\":[{\"key\":\"team\",\"value\":\"data\"}],"
                        + "\"IntegrationConfig\":{\"RefreshInterval\":\"15\",\"ContinuousSync\":true},"
                        + "\"Errors\":[{\"ErrorCode\":\"INTERNAL_ERROR\",\"ErrorMessage\":\"boom\"}]}],"
                        + "\"Marker\":\"m1\"}")
                .glueOk("{\"Integrations\":[{\"IntegrationArn\":\"arn:aws:glue:eu-west-1:123456789012:integration:b\","
                        + "\"IntegrationName\":\"billing\",\"SourceArn\":\"s\",\"TargetArn\":\"t\","
                        + "\"Status\":\"BRAND_NEW\",\"CreateTime\":1735689601}]}");
        SourcesConfig sources = new SourcesConfig(new GlueIntegrationsSource(true, Duration.ofMinutes(1), 1,
                List.of(new GlueFilter("Status", List.of("ACTIVE", "NEEDS_ATTENTION")))), null, null);
        MonitorConfig config = config(aws.endpoint(),
                List.of(new TargetConfig(ACCOUNT, null, null, null, List.of(REGION))), sources, 1);

        // when
        Snapshot snapshot = factory(config).create(new PollTarget(Source.GLUE_INTEGRATIONS, ACCOUNT, REGION)).poll();

        // then
        assertThat(snapshot.pages()).isEqualTo(2);
        assertThat(snapshot.observedAt()).isEqualTo(NOW);
        assertThat(snapshot.resources()).hasSize(2);
        ObservedResource orders = snapshot.resources().get(0);
        assertThat(orders.status()).isEqualTo(ResourceStatus.NEEDS_ATTENTION);
        assertThat(orders.tags()).isEqualTo(Map.of("team", "data"));
        assertThat(orders.errors()).containsExactly(new ResourceError("INTERNAL_ERROR", "boom"));
        assertThat(orders.attributes()).containsEntry("refresh_interval", "15").containsEntry("source_arn", "arn:src");
        assertThat(orders.createdAt()).isEqualTo(Instant.parse("2025-01-01T00:00:00.500Z"));
        assertThat(snapshot.resources().get(1).status()).isEqualTo(ResourceStatus.UNKNOWN);
        List<LoopbackAws.Request> requests = aws.requests();
        assertThat(requests.get(0).body()).contains("\"MaxRecords\":1")
                .contains("\"Filters\":[{\"Name\":\"Status\",\"Values\":[\"ACTIVE\",\"NEEDS_ATTENTION\"]}]")
                .doesNotContain("Marker");
        assertThat(requests.get(1).body()).contains("\"Marker\":\"m1\"");
    }

    @Test
    void pollsAppIntegrationsOverTheWire() throws Exception {
        // given
        String diArn = "arn:aws:app-integrations:eu-west-1:123456789012:data-integration/di-1";
        aws = new LoopbackAws()
                .respond(200, Map.of("Content-Type", "application/json"),
                        "{\"DataIntegrations\":[{\"Arn\":\"" + diArn + "\",\"Name\":\"customers\"}]}")
                .respond(200, Map.of("Content-Type", "application/json"),
                        "{\"DataIntegrationAssociations\":[{\"DataIntegrationAssociationArn\":\"" + diArn
                                + "/assoc-1\",\"DataIntegrationArn\":\"" + diArn + "\",\"ClientId\":\"c\","
                                + "\"LastExecutionStatus\":{\"ExecutionStatus\":\"FAILED\",\"StatusMessage\":\"x\"},"
                                + "\"ExecutionConfiguration\":{\"ExecutionMode\":\"ON_DEMAND\"}}]}");
        MonitorConfig config = config(aws.endpoint(),
                List.of(new TargetConfig(ACCOUNT, null, null, null, List.of(REGION))), null, 1);

        // when
        Snapshot snapshot = factory(config)
                .create(new PollTarget(Source.APPINTEGRATIONS_ASSOCIATIONS, ACCOUNT, REGION)).poll();

        // then
        assertThat(snapshot.resources()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("customers/assoc-1");
            assertThat(r.status()).isEqualTo(ResourceStatus.FAILED);
            assertThat(r.errors()).containsExactly(new ResourceError("", "x"));
            assertThat(r.attribute("execution_mode")).isEqualTo("ON_DEMAND");
        });
        List<LoopbackAws.Request> requests = aws.requests();
        assertThat(requests.get(0).path()).isEqualTo("/dataIntegrations?maxResults=50");
        // the data integration's id, not its ARN, names it in the path
        assertThat(requests.get(1).path()).isEqualTo("/dataIntegrations/di-1/associations?maxResults=50");
    }

    @Test
    void anUnparseableResponseIsAnInvalidResponse() throws Exception {
        // given
        aws = new LoopbackAws().glueOk("{\"Integrations\":[{\"IntegrationArn\": not json");

        // when / then
        assertThatThrownBy(() -> gluePoller().poll())
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.INVALID_RESPONSE);
                    assertThat(e.getMessage())
                            .isEqualTo("Glue DescribeIntegrations page 1: unparseable response");
                });
    }

    @Test
    void throttlingThatOutlastsTheRetriesIsThrottled() throws Exception {
        // given a single attempt allowed
        aws = new LoopbackAws().glueError(400, "ThrottlingException");

        // when / then
        assertThatThrownBy(() -> gluePoller().poll())
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.THROTTLED);
                    assertThat(e.getMessage())
                            .isEqualTo("Glue DescribeIntegrations page 1: ThrottlingException from Glue (HTTP 400)");
                });
    }

    @Test
    void aRefusedRoleIsAccessDenied() throws Exception {
        // given STS refuses AssumeRole
        aws = new LoopbackAws().respond(403, Map.of("Content-Type", "text/xml"), stsError("AccessDenied"));
        MonitorConfig config = config(aws.endpoint(), List.of(new TargetConfig(ACCOUNT,
                "arn:aws:iam::123456789012:role/monitor", "secret-external-id", null, List.of(REGION))), null, 1);

        // when / then
        assertThatThrownBy(() -> factory(config).create(new PollTarget(Source.GLUE_INTEGRATIONS, ACCOUNT, REGION))
                .poll())
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.ACCESS_DENIED);
                    assertThat(e.getMessage()).contains("AccessDenied").doesNotContain("secret-external-id");
                });
    }

    @Test
    void anUnreachableEndpointIsANetworkError() throws Exception {
        // given a port nobody listens on
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        MonitorConfig config = config(URI.create("http://127.0.0.1:" + closedPort),
                List.of(new TargetConfig(ACCOUNT, null, null, null, List.of(REGION))), null, 1);

        // when / then
        assertThatThrownBy(() -> factory(config).create(new PollTarget(Source.GLUE_INTEGRATIONS, ACCOUNT, REGION))
                .poll())
                .isInstanceOfSatisfying(PollFailedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PollErrorReason.OTHER);
                    assertThat(e.getMessage()).startsWith("Glue DescribeIntegrations page 1: network error");
                });
        assertThat(registry.get("integration.monitor.aws.requests").tag("outcome", "network_error").counter().count())
                .isEqualTo(1.0);
    }

    private Poller gluePoller() throws PollFailedException {
        MonitorConfig config = config(aws.endpoint(),
                List.of(new TargetConfig(ACCOUNT, null, null, null, List.of(REGION))), null, 1);
        return factory(config).create(new PollTarget(Source.GLUE_INTEGRATIONS, ACCOUNT, REGION));
    }

    /** Only glue_integrations: every other source disabled. */
    private static SourcesConfig glueIntegrationsOnly() {
        return new SourcesConfig(null, new GlueInboundIntegrationsSource(false, null, null, null, null, null, null),
                new AppIntegrationsSource(false, null, null), RdsIntegrationsSource.disabled(),
                RedshiftIntegrationsSource.disabled(), RedshiftInboundIntegrationsSource.disabled());
    }

    private PollerFactory factory(MonitorConfig config) {
        return factory(config, LoopbackAws.TEST_CREDENTIALS);
    }

    private PollerFactory factory(MonitorConfig config, AwsCredentialsProvider credentials) {
        clients = new AwsClientFactory(config.aws(), registry, credentials);
        return new PollerFactory(config, clients, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static MonitorConfig config(URI endpoint, List<TargetConfig> targets, SourcesConfig sources, int attempts) {
        AwsConfig aws = new AwsConfig(REGION, EndpointsConfig.all(endpoint),
                new RetryConfig(RetryConfig.Mode.STANDARD, attempts), Duration.ofSeconds(20), Duration.ofSeconds(10), 2);
        return new MonitorConfig(aws, targets, sources, null, null, null, null, null, null, null, null, null, null);
    }

    private static String stsError(String code) {
        return "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
                + "<Code>" + code + "</Code><Message>not allowed</Message></Error><RequestId>r</RequestId>"
                + "</ErrorResponse>";
    }
}
