package io.integrationmonitor.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.integrationmonitor.config.AwsConfig;
import io.integrationmonitor.config.EndpointsConfig;
import io.integrationmonitor.config.RetryConfig;
import io.integrationmonitor.config.StartupException;
import io.integrationmonitor.config.TargetConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.AdaptiveRetryStrategy;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.DescribeIntegrationsResponse;
import software.amazon.awssdk.services.glue.model.GlueException;

class AwsClientFactoryTest {
    private static final String REGION = "eu-west-1";
    private static final String EXTERNAL_ID = "very-secret-external-id";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private LoopbackAws aws;
    private AwsClientFactory factory;

    @AfterEach
    void tearDown() {
        if (factory != null) {
            factory.close();
        }
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void countsEveryAttemptIncludingThrottledRetries() throws Exception {
        // given Glue throttles once, then answers
        aws = new LoopbackAws()
                .glueError(400, "ThrottlingException")
                .glueOk("{\"Integrations\":[]}");
        factory = factory(new RetryConfig(RetryConfig.Mode.STANDARD, 3));

        // when
        DescribeIntegrationsResponse response = factory.glue(TargetConfig.defaults(), REGION)
                .describeIntegrations(r -> r.maxRecords(10));

        // then
        assertThat(response.integrations()).isEmpty();
        assertThat(aws.requests()).hasSize(2).allSatisfy(request ->
                assertThat(request.header("X-Amz-Target")).isEqualTo("AWSGlue.DescribeIntegrations"));
        assertThat(count("glue", "DescribeIntegrations", "throttled")).isEqualTo(1.0);
        assertThat(count("glue", "DescribeIntegrations", "success")).isEqualTo(1.0);
    }

    @Test
    void countsServerAndClientErrors() throws Exception {
        // given a 500 that the SDK retries, then a non-retryable 400
        aws = new LoopbackAws()
                .glueError(500, "InternalServiceException")
                .glueError(400, "ValidationException");
        factory = factory(new RetryConfig(RetryConfig.Mode.STANDARD, 3));
        GlueClient glue = factory.glue(TargetConfig.defaults(), REGION);

        // when
        assertThatThrownBy(() -> glue.describeInboundIntegrations(r -> r.maxRecords(1)))
                .isInstanceOf(GlueException.class);

        // then
        assertThat(count("glue", "DescribeInboundIntegrations", "server_error")).isEqualTo(1.0);
        assertThat(count("glue", "DescribeInboundIntegrations", "client_error")).isEqualTo(1.0);
    }

    @Test
    void cloudWatchGoesThroughTheSharedSetup() throws Exception {
        // given CloudWatch throttles once, then answers GetMetricData
        aws = new LoopbackAws()
                .respond(400, java.util.Map.of("Content-Type", "text/xml"), "<ErrorResponse><Error><Type>Sender</Type>"
                        + "<Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r</RequestId>"
                        + "</ErrorResponse>")
                .xmlOk("<GetMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
                        + "<GetMetricDataResult><MetricDataResults/></GetMetricDataResult>"
                        + "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetMetricDataResponse>");
        factory = factory(new RetryConfig(RetryConfig.Mode.STANDARD, 3));

        // when
        GetMetricDataResponse response = factory.cloudWatch(TargetConfig.defaults(), REGION)
                .getMetricData(r -> r.startTime(java.time.Instant.EPOCH).endTime(java.time.Instant.EPOCH));

        // then the configured endpoint, the retries and the request metrics
        assertThat(response.metricDataResults()).isEmpty();
        assertThat(aws.requests()).hasSize(2).allSatisfy(request -> {
            assertThat(request.body()).contains("Action=GetMetricData");
            assertThat(request.header("Authorization")).contains("Credential=AKIDLOOPBACKTEST/");
        });
        assertThat(count("cloudwatch", "GetMetricData", "throttled")).isEqualTo(1.0);
        assertThat(count("cloudwatch", "GetMetricData", "success")).isEqualTo(1.0);
    }

    @Test
    void stopsRetryingAtMaxAttempts() throws Exception {
        // given every attempt is throttled
        aws = new LoopbackAws()
                .glueError(400, "ThrottlingException")
                .glueError(400, "ThrottlingException")
                .glueError(400, "ThrottlingException");
        factory = factory(new RetryConfig(RetryConfig.Mode.ADAPTIVE, 2));
        GlueClient glue = factory.glue(TargetConfig.defaults(), REGION);

        // when
        assertThatThrownBy(() -> glue.describeIntegrations(r -> r.maxRecords(1))).isInstanceOf(GlueException.class);

        // then
        assertThat(aws.requests()).hasSize(2);
        assertThat(count("glue", "DescribeIntegrations", "throttled")).isEqualTo(2.0);
    }

    @Test
    void assumesTheTargetRoleThroughStsWithTheExternalId() throws Exception {
        // given STS grants the role, then Glue answers
        aws = new LoopbackAws()
                .xmlOk(assumeRoleResponse("ASIAASSUMEDROLEKEY"))
                .glueOk("{\"Integrations\":[]}");
        factory = factory(RetryConfig.defaults());
        TargetConfig target = new TargetConfig("210987654321", "arn:aws:iam::210987654321:role/monitor",
                EXTERNAL_ID, "im-test", List.of(REGION));

        // when
        factory.glue(target, REGION).describeIntegrations(r -> r.maxRecords(1));

        // then STS was asked with the external id, and Glue was signed with the assumed key
        List<LoopbackAws.Request> requests = aws.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).body()).contains("Action=AssumeRole", "RoleSessionName=im-test",
                "ExternalId=" + EXTERNAL_ID, "RoleArn=arn%3Aaws%3Aiam%3A%3A210987654321%3Arole%2Fmonitor");
        assertThat(requests.get(0).header("Authorization")).contains("Credential=AKIDLOOPBACKTEST/");
        assertThat(requests.get(1).header("Authorization")).contains("Credential=ASIAASSUMEDROLEKEY/");
        assertThat(count("sts", "AssumeRole", "success")).isEqualTo(1.0);
        assertThat(target.toString()).doesNotContain(EXTERNAL_ID);
    }

    @Test
    void assumesARoleOnceForEveryRegion() throws Exception {
        // given STS grants the role once, then Glue answers in two regions
        aws = new LoopbackAws()
                .xmlOk(assumeRoleResponse("ASIAASSUMEDROLEKEY"))
                .glueOk("{\"Integrations\":[]}")
                .glueOk("{\"Integrations\":[]}");
        factory = factory(RetryConfig.defaults());
        TargetConfig target = new TargetConfig(null, "arn:aws:iam::210987654321:role/monitor", null, null, null);

        // when
        factory.glue(target, REGION).describeIntegrations(r -> r.maxRecords(1));
        factory.glue(target, "us-east-1").describeIntegrations(r -> r.maxRecords(1));

        // then the second region reuses the assumed credentials
        List<LoopbackAws.Request> requests = aws.requests();
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).body()).contains("Action=AssumeRole");
        assertThat(requests.subList(1, 3)).allSatisfy(request ->
                assertThat(request.header("Authorization")).contains("Credential=ASIAASSUMEDROLEKEY/"));
        assertThat(count("sts", "AssumeRole", "success")).isEqualTo(1.0);
    }

    @Test
    void cachesClientsPerIdentityAndRegion() throws Exception {
        // given
        aws = new LoopbackAws();
        factory = factory(RetryConfig.defaults());
        TargetConfig role = new TargetConfig(null, "arn:aws:iam::210987654321:role/monitor", null, null, null);

        // then
        assertThat(factory.glue(TargetConfig.defaults(), REGION)).isSameAs(factory.glue(TargetConfig.defaults(), REGION));
        assertThat(factory.glue(TargetConfig.defaults(), REGION)).isNotSameAs(factory.glue(role, REGION));
        assertThat(factory.glue(TargetConfig.defaults(), REGION))
                .isNotSameAs(factory.glue(TargetConfig.defaults(), "us-east-1"));
        assertThat(factory.sns(REGION)).isSameAs(factory.sns(TargetConfig.defaults(), REGION));
    }

    @Test
    void resolvesAccountIdThroughGetCallerIdentityOnce() throws Exception {
        // given
        aws = new LoopbackAws().xmlOk("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<GetCallerIdentityResult><Arn>arn:aws:iam::210987654321:user/monitor</Arn><UserId>AIDA1</UserId>"
                + "<Account>210987654321</Account></GetCallerIdentityResult>"
                + "<ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></GetCallerIdentityResponse>");
        factory = factory(RetryConfig.defaults());
        TargetConfig configured = new TargetConfig("123456789012", null, null, null, List.of(REGION));

        // when
        String first = factory.accountIdFor(TargetConfig.defaults());
        String second = factory.accountIdFor(TargetConfig.defaults());

        // then
        assertThat(first).isEqualTo("210987654321");
        assertThat(second).isEqualTo(first);
        assertThat(factory.accountIdFor(configured)).isEqualTo("123456789012");
        assertThat(aws.requests()).hasSize(1);
        assertThat(aws.requests().get(0).body()).contains("Action=GetCallerIdentity");
    }

    @Test
    void regionsComeFromTheTargetThenAwsRegionThenTheSdkChain() {
        // given
        AwsConfig withRegion = new AwsConfig("us-west-2", null, null, null, null, null);
        AwsConfig without = AwsConfig.defaults();
        TargetConfig multi = new TargetConfig(null, null, null, null, List.of("eu-west-1", "eu-central-1"));

        try (AwsClientFactory configured = new AwsClientFactory(withRegion, registry,
                LoopbackAws.TEST_CREDENTIALS, false, () -> software.amazon.awssdk.regions.Region.AP_SOUTH_1);
             AwsClientFactory chain = new AwsClientFactory(without, registry,
                LoopbackAws.TEST_CREDENTIALS, false, () -> software.amazon.awssdk.regions.Region.AP_SOUTH_1);
             AwsClientFactory none = new AwsClientFactory(without, registry, LoopbackAws.TEST_CREDENTIALS, false,
                () -> {
                    throw SdkClientException.create("Unable to load region from any of the providers in the chain");
                })) {
            // then
            assertThat(configured.regionsFor(multi)).containsExactly("eu-west-1", "eu-central-1");
            assertThat(configured.regionsFor(TargetConfig.defaults())).containsExactly("us-west-2");
            assertThat(chain.regionsFor(TargetConfig.defaults())).containsExactly("ap-south-1");
            assertThatThrownBy(() -> none.regionsFor(TargetConfig.defaults()))
                    .isInstanceOfSatisfying(StartupException.class, e -> assertThat(e.key()).isEqualTo("aws.region"))
                    .hasMessageContaining("no AWS region configured");
        }
    }

    @Test
    void retryStrategyIsStandardOrAdaptiveNeverLegacy() {
        // when
        RetryStrategy standard = ClientSetup.retryStrategy(new RetryConfig(RetryConfig.Mode.STANDARD, 4));
        RetryStrategy adaptive = ClientSetup.retryStrategy(new RetryConfig(RetryConfig.Mode.ADAPTIVE, 7));

        // then
        assertThat(standard).isInstanceOf(StandardRetryStrategy.class);
        assertThat(standard.maxAttempts()).isEqualTo(4);
        assertThat(adaptive).isInstanceOf(AdaptiveRetryStrategy.class);
        assertThat(adaptive.maxAttempts()).isEqualTo(7);
    }

    @Test
    void everyAttemptRetriesIncludedPassesTheRequestLimits() throws Exception {
        // given Glue throttles once, then answers
        aws = new LoopbackAws()
                .glueError(400, "ThrottlingException")
                .glueOk("{\"Integrations\":[]}");
        factory = factory(new RetryConfig(RetryConfig.Mode.STANDARD, 3));

        // when
        factory.glue(TargetConfig.defaults(), REGION).describeIntegrations(r -> r.maxRecords(10));

        // then both attempts waited their turn under both limits
        assertThat(aws.requests()).hasSize(2);
        for (String limit : List.of("rate", "concurrency")) {
            assertThat(registry.get(RequestLimits.WAIT_METER).tags("service", "glue", "limit", limit).timer().count())
                    .isEqualTo(2);
        }
    }

    @Test
    void theSharedConnectionPoolHasRoomForEveryConcurrentPoll() {
        // given
        AwsConfig small = new AwsConfig(null, null, null, null, null, 10, 16, null, null, null);
        AwsConfig large = new AwsConfig(null, null, null, null, null, 100, 16, null, null, null);

        // then
        assertThat(ClientSetup.poolSize(small)).isEqualTo(20);
        assertThat(ClientSetup.poolSize(large)).isEqualTo(100);
    }

    @Test
    void longPollsGetAnAttemptTimeoutAboveSqsLongestWait() {
        // given the default 15 s attempt timeout, and one raised above SQS's 20 s wait plus margin
        AwsConfig defaults = AwsConfig.defaults();
        AwsConfig raised = new AwsConfig(null, null, null, Duration.ofMinutes(5), Duration.ofSeconds(45), null);

        // then a long poll's attempt (and HTTP read) timeout is never below 30 s, nor below the configured one
        assertThat(defaults.apiCallAttemptTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(ClientSetup.longPollAttemptTimeout(defaults)).isEqualTo(Duration.ofSeconds(30));
        assertThat(ClientSetup.longPollAttemptTimeout(raised)).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void refusesClientsAfterClose() throws Exception {
        // given
        aws = new LoopbackAws();
        factory = factory(RetryConfig.defaults());
        factory.close();

        // when / then
        assertThatThrownBy(() -> factory.glue(TargetConfig.defaults(), REGION))
                .isInstanceOf(IllegalStateException.class);
    }

    private AwsClientFactory factory(RetryConfig retry) {
        AwsConfig config = new AwsConfig(REGION, EndpointsConfig.all(aws.endpoint()), retry,
                Duration.ofSeconds(30), Duration.ofSeconds(10), 4);
        return new AwsClientFactory(config, registry, LoopbackAws.TEST_CREDENTIALS);
    }

    private double count(String service, String operation, String outcome) {
        Counter counter = registry.find(AwsRequestMetrics.METER_NAME)
                .tags("service", service, "operation", operation, "outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    static String assumeRoleResponse(String accessKeyId) {
        return "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
                + "<Credentials><AccessKeyId>" + accessKeyId + "</AccessKeyId>"
                + "<SecretAccessKey>assumed-secret</SecretAccessKey><SessionToken>assumed-token</SessionToken>"
                + "<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>"
                + "<AssumedRoleUser><AssumedRoleId>AROA1:im-test</AssumedRoleId>"
                + "<Arn>arn:aws:sts::210987654321:assumed-role/monitor/im-test</Arn></AssumedRoleUser>"
                + "</AssumeRoleResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata>"
                + "</AssumeRoleResponse>";
    }
}
