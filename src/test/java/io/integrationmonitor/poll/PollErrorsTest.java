package io.integrationmonitor.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.integrationmonitor.aws.LoopbackAws;
import io.integrationmonitor.simulator.AwsSimulator;
import io.integrationmonitor.simulator.Operation;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.appintegrations.AppIntegrationsClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.redshift.RedshiftClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Poll error reasons from real failures: the simulator answers each of the four polled operations with the
 * error code and HTTP status a test names, and the real SDK client parses it (no retries, so one fault is one
 * failed call).
 */
class PollErrorsTest {
    private static final AwsCredentialsProvider BASE =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAPOLLERRORSTEST", "not-a-real-secret"));

    private AwsSimulator simulator;
    private GlueClient glue;
    private AppIntegrationsClient appIntegrations;

    @BeforeEach
    void start() {
        simulator = AwsSimulator.start(0);
        glue = configure(GlueClient.builder(), simulator.endpoint(), BASE).build();
        appIntegrations = configure(AppIntegrationsClient.builder(), simulator.endpoint(), BASE).build();
    }

    @AfterEach
    void stop() {
        glue.close();
        appIntegrations.close();
        simulator.close();
    }

    static Stream<Arguments> serviceErrors() {
        return Stream.of(
                // server faults by code, whatever the status
                Arguments.of(Operation.GLUE_DESCRIBE_INTEGRATIONS, 400, "InternalServerException",
                        PollErrorReason.SERVER_ERROR),
                Arguments.of(Operation.GLUE_DESCRIBE_INBOUND_INTEGRATIONS, 400, "InternalServiceException",
                        PollErrorReason.SERVER_ERROR),
                Arguments.of(Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATIONS, 400, "InternalServiceError",
                        PollErrorReason.SERVER_ERROR),
                Arguments.of(Operation.GLUE_DESCRIBE_INTEGRATIONS, 503, "ServiceUnavailableException",
                        PollErrorReason.SERVER_ERROR),
                // a code nobody modelled, with a 5xx
                Arguments.of(Operation.GLUE_DESCRIBE_INTEGRATIONS, 500, "BrandNewFaultException",
                        PollErrorReason.SERVER_ERROR),
                // throttling: the SDK's codes, or 429
                Arguments.of(Operation.GLUE_DESCRIBE_INTEGRATIONS, 400, "ThrottlingException",
                        PollErrorReason.THROTTLED),
                Arguments.of(Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATION_ASSOCIATIONS, 429, "ThrottlingException",
                        PollErrorReason.THROTTLED),
                Arguments.of(Operation.GLUE_DESCRIBE_INBOUND_INTEGRATIONS, 429, "BrandNewLimitException",
                        PollErrorReason.THROTTLED),
                // refused
                Arguments.of(Operation.GLUE_DESCRIBE_INTEGRATIONS, 403, "AccessDeniedException",
                        PollErrorReason.ACCESS_DENIED),
                Arguments.of(Operation.GLUE_DESCRIBE_INBOUND_INTEGRATIONS, 400, "AccessDeniedException",
                        PollErrorReason.ACCESS_DENIED),
                Arguments.of(Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATIONS, 403, "UnrecognizedClientException",
                        PollErrorReason.ACCESS_DENIED),
                Arguments.of(Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATION_ASSOCIATIONS, 401,
                        "UnauthorizedException", PollErrorReason.ACCESS_DENIED),
                Arguments.of(Operation.GLUE_DESCRIBE_INTEGRATIONS, 400, "ExpiredTokenException",
                        PollErrorReason.ACCESS_DENIED),
                Arguments.of(Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATIONS, 403, "InvalidSignatureException",
                        PollErrorReason.ACCESS_DENIED),
                // the request was wrong or named something gone
                Arguments.of(Operation.GLUE_DESCRIBE_INTEGRATIONS, 400, "ValidationException", PollErrorReason.OTHER),
                Arguments.of(Operation.GLUE_DESCRIBE_INBOUND_INTEGRATIONS, 400, "InvalidInputException",
                        PollErrorReason.OTHER),
                Arguments.of(Operation.GLUE_DESCRIBE_INBOUND_INTEGRATIONS, 400, "EntityNotFoundException",
                        PollErrorReason.OTHER),
                Arguments.of(Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATION_ASSOCIATIONS, 404,
                        "ResourceNotFoundException", PollErrorReason.OTHER),
                Arguments.of(Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATIONS, 400, "InvalidRequestException",
                        PollErrorReason.OTHER));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("serviceErrors")
    void aServiceErrorIsClassifiedByItsCode(Operation operation, int status, String code, PollErrorReason expected) {
        // given the service answers the next call with this code and status
        simulator.faults().errorNext(operation, null, 1, status, code, "injected");

        // when the SDK call fails
        Throwable error = failedCall(operation);

        // then the reason follows the code, and the description names code, service and status
        PollFailedException failure = PollErrors.failure(operation.awsName() + " page 1", error);
        assertThat(failure.reason()).isEqualTo(expected);
        assertThat(failure.getMessage()).startsWith(operation.awsName() + " page 1: " + code + " from ")
                .endsWith("(HTTP " + status + ")");
        assertThat(failure.getCause()).isSameAs(error);
    }

    @Test
    void aCutOffBodyIsAnInvalidResponse() {
        // given a 200 whose JSON stops mid-document
        simulator.faults().malformedNext(Operation.GLUE_DESCRIBE_INTEGRATIONS, 1);
        simulator.faults().malformedNext(Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATIONS, 1);

        // when / then both JSON protocols' parse failures are invalid responses
        for (Operation operation : new Operation[] {Operation.GLUE_DESCRIBE_INTEGRATIONS,
                Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATIONS}) {
            Throwable error = failedCall(operation);
            assertThat(PollErrors.classify(error)).as("%s", operation).isEqualTo(PollErrorReason.INVALID_RESPONSE);
            assertThat(PollErrors.describe(error)).isEqualTo("unparseable response");
        }
    }

    @Test
    void anAttemptOverItsTimeoutIsATimeout() {
        // given a service slower than the client's call timeout
        simulator.faults().addLatency(Operation.GLUE_DESCRIBE_INTEGRATIONS, null, Duration.ofSeconds(3));
        try (GlueClient impatient = configure(GlueClient.builder(), simulator.endpoint(), BASE)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(Duration.ofMillis(300)))
                .build()) {
            // when
            Throwable error = catchThrowable(() -> impatient.describeIntegrations(r -> { }));

            // then
            assertThat(error).isInstanceOf(ApiCallTimeoutException.class);
            assertThat(PollErrors.classify(error)).isEqualTo(PollErrorReason.TIMEOUT);
            assertThat(PollErrors.describe(error)).isEqualTo("timed out (ApiCallTimeoutException)");
        }
    }

    @Test
    void nothingListeningIsANetworkErrorOfReasonOther() throws Exception {
        // given a loopback port nobody listens on
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (GlueClient nowhere = configure(GlueClient.builder(), URI.create("http://127.0.0.1:" + port), BASE)
                .build()) {
            // when
            Throwable error = catchThrowable(() -> nowhere.describeIntegrations(r -> { }));

            // then
            assertThat(error).isInstanceOf(SdkClientException.class);
            assertThat(PollErrors.classify(error)).isEqualTo(PollErrorReason.OTHER);
            assertThat(PollErrors.describe(error)).startsWith("network error (");
        }
    }

    @Test
    void aRefusedAssumeRoleInsideTheCredentialsFailureIsAccessDenied() {
        // given a role that may only be assumed with an external id the monitor does not send
        String role = "arn:aws:iam::222222222222:role/integration-monitor";
        simulator.identities().requireExternalId(role, "expected-external-id");
        try (StsClient sts = configure(StsClient.builder(), simulator.endpoint(), BASE).build();
             StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                     .refreshRequest(r -> r.roleArn(role).roleSessionName("poll-errors-test").externalId("wrong"))
                     .build();
             GlueClient asRole = configure(GlueClient.builder(), simulator.endpoint(), assumed).build()) {
            // when the Glue call cannot get credentials
            Throwable error = catchThrowable(() -> asRole.describeIntegrations(r -> { }));

            // then STS's AccessDenied, wrapped by the SDK, decides
            assertThat(PollErrors.classify(error)).isEqualTo(PollErrorReason.ACCESS_DENIED);
            assertThat(PollErrors.describe(error)).startsWith("AccessDenied from ").endsWith("(HTTP 403)");
            // but not Glue's own refusal: a failing poll, never "not permitted"
            assertThat(PollErrors.refusedBy(Source.GLUE_INTEGRATIONS, error)).isFalse();
        }
    }

    @Test
    void theSourcesOwnRefusalIsNotPermittedButExpiredOrUnknownCredentialsAreNot() {
        // given Glue refusing the action, and Glue and AppIntegrations refusing the credentials themselves
        simulator.faults().errorNext(Operation.GLUE_DESCRIBE_INBOUND_INTEGRATIONS, null, 1, 400,
                "AccessDeniedException", "User is not authorized to perform: glue:DescribeInboundIntegrations");
        simulator.faults().errorNext(Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATIONS, null, 1, 403,
                "AccessDeniedException", "not authorized");
        simulator.faults().errorNext(Operation.GLUE_DESCRIBE_INTEGRATIONS, null, 1, 400, "ExpiredTokenException",
                "expired");
        Throwable glueDenied = failedCall(Operation.GLUE_DESCRIBE_INBOUND_INTEGRATIONS);
        Throwable appDenied = failedCall(Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATIONS);
        Throwable expired = failedCall(Operation.GLUE_DESCRIBE_INTEGRATIONS);

        // when / then: only the refusing service's own sources count it as their refusal
        assertThat(PollErrors.refusedBy(Source.GLUE_INBOUND_INTEGRATIONS, glueDenied)).isTrue();
        assertThat(PollErrors.refusedBy(Source.GLUE_INBOUND_INTEGRATIONS,
                PollErrors.failure("Glue DescribeInboundIntegrations page 1", glueDenied))).isTrue();
        assertThat(PollErrors.refusedBy(Source.APPINTEGRATIONS_ASSOCIATIONS, glueDenied)).isFalse();
        assertThat(PollErrors.refusedBy(Source.APPINTEGRATIONS_ASSOCIATIONS, appDenied)).isTrue();
        assertThat(PollErrors.refusedBy(Source.GLUE_INTEGRATIONS, expired)).isFalse();
        assertThat(PollErrors.classify(expired)).isEqualTo(PollErrorReason.ACCESS_DENIED);
    }

    @Test
    void rdsAndRedshiftRefusalsInTheirXmlErrorsAreAccessDeniedAndTheirOwn() throws Exception {
        // given awsQuery error documents as RDS and Redshift send them: IAM's AccessDenied, Redshift's
        // UnauthorizedOperation (botocore redshift/2012-12-01 shape UnauthorizedOperation, HTTP 400)
        try (LoopbackAws aws = new LoopbackAws()
                .respond(403, Map.of("Content-Type", "text/xml"), queryError("AccessDenied"))
                .respond(403, Map.of("Content-Type", "text/xml"), queryError("AccessDenied"))
                .respond(400, Map.of("Content-Type", "text/xml"), queryError("UnauthorizedOperation"));
             RdsClient rds = configure(RdsClient.builder(), aws.endpoint(), BASE).build();
             RedshiftClient redshift = configure(RedshiftClient.builder(), aws.endpoint(), BASE).build()) {
            // when
            Throwable rdsDenied = catchThrowable(() -> rds.describeIntegrations(r -> { }));
            Throwable redshiftDenied = catchThrowable(() -> redshift.describeInboundIntegrations(r -> { }));
            Throwable unauthorized = catchThrowable(() -> redshift.describeIntegrations(r -> { }));

            // then
            assertThat(PollErrors.classify(rdsDenied)).isEqualTo(PollErrorReason.ACCESS_DENIED);
            assertThat(PollErrors.describe(rdsDenied)).isEqualTo("AccessDenied from Rds (HTTP 403)");
            assertThat(PollErrors.refusedBy(Source.RDS_INTEGRATIONS, rdsDenied)).isTrue();
            assertThat(PollErrors.refusedBy(Source.REDSHIFT_INTEGRATIONS, rdsDenied)).isFalse();
            assertThat(PollErrors.refusedBy(Source.REDSHIFT_INBOUND_INTEGRATIONS, redshiftDenied)).isTrue();
            assertThat(PollErrors.classify(unauthorized)).isEqualTo(PollErrorReason.ACCESS_DENIED);
            assertThat(PollErrors.refusedBy(Source.REDSHIFT_INTEGRATIONS, unauthorized)).isTrue();
        }
    }

    @Test
    void cloudWatchsOwnRefusalIsRefusedByCloudWatchOnly() throws Exception {
        // given CloudWatch (awsQuery) refusing GetMetricData, then failing
        try (LoopbackAws aws = new LoopbackAws()
                .respond(403, Map.of("Content-Type", "text/xml"), queryError("AccessDenied"))
                .respond(500, Map.of("Content-Type", "text/xml"), queryError("InternalServiceError"));
             CloudWatchClient cloudWatch = configure(CloudWatchClient.builder(), aws.endpoint(), BASE).build()) {
            // when
            Throwable denied = catchThrowable(() -> cloudWatch.getMetricData(r -> { }));
            Throwable failed = catchThrowable(() -> cloudWatch.getMetricData(r -> { }));

            // then
            assertThat(PollErrors.describe(denied)).isEqualTo("AccessDenied from CloudWatch (HTTP 403)");
            assertThat(PollErrors.refusedByService("CloudWatch", denied)).isTrue();
            assertThat(PollErrors.refusedByService("cloudwatch", denied)).isTrue();
            assertThat(PollErrors.refusedBy(Source.GLUE_INTEGRATIONS, denied)).isFalse();
            assertThat(PollErrors.refusedByService("CloudWatch", failed)).isFalse();
        }
    }

    private static String queryError(String code) {
        return "<ErrorResponse><Error><Type>Sender</Type><Code>" + code + "</Code><Message>User is not authorized"
                + "</Message></Error><RequestId>r</RequestId></ErrorResponse>";
    }

    @Test
    void theOutermostRecognisableErrorDecides() {
        // given a call timeout whose cause was the last (throttled) attempt
        ApiCallTimeoutException timeout = ApiCallTimeoutException.builder()
                .message("Client execution did not complete before the specified timeout configuration: 60000 millis")
                .cause(throttled())
                .build();

        // when / then
        assertThat(PollErrors.classify(timeout)).isEqualTo(PollErrorReason.TIMEOUT);
    }

    @Test
    void messagesNameContextCodeAndStatusButNoSecretsOrBodies() {
        // given an error whose AWS message echoes request details
        simulator.faults().errorNext(Operation.GLUE_DESCRIBE_INTEGRATIONS, null, 1, 400, "AccessDeniedException",
                "User arn:aws:iam::1:user/x with key AKIAEXAMPLE is not authorized");
        Throwable error = failedCall(Operation.GLUE_DESCRIBE_INTEGRATIONS);

        // when
        PollFailedException failure = PollErrors.failure("Glue DescribeIntegrations page 2", error);

        // then
        assertThat(failure.reason()).isEqualTo(PollErrorReason.ACCESS_DENIED);
        assertThat(failure.getMessage())
                .isEqualTo("Glue DescribeIntegrations page 2: AccessDeniedException from Glue (HTTP 400)");
    }

    @Test
    void aResponseOverTheByteLimitIsAnInvalidResponseNamingTheLimit() {
        // given the SDK's wrapping of a body that failed while being unmarshalled
        SdkClientException error = SdkClientException.builder()
                .message("Unable to unmarshall response (response body longer than ...). Response Code: 200")
                .cause(new io.integrationmonitor.aws.ResponseTooLargeException(65536, -1))
                .build();

        // when
        PollFailedException failure = PollErrors.failure("Glue DescribeIntegrations page 2", error);

        // then
        assertThat(failure.reason()).isEqualTo(PollErrorReason.INVALID_RESPONSE);
        assertThat(failure.getMessage()).isEqualTo("Glue DescribeIntegrations page 2: response body longer than"
                + " aws.max_response_bytes (65536 bytes)");
    }

    @Test
    void aPollFailedExceptionPassesThroughUnchanged() {
        // given
        PollFailedException original = new PollFailedException(PollErrorReason.INVALID_RESPONSE, "bad page", null);

        // when / then
        assertThat(PollErrors.failure("anything", original)).isSameAs(original);
        assertThat(PollErrors.classify(original)).isEqualTo(PollErrorReason.INVALID_RESPONSE);
    }

    private Throwable throttled() {
        simulator.faults().throttleNext(Operation.GLUE_DESCRIBE_INTEGRATIONS, 1);
        return failedCall(Operation.GLUE_DESCRIBE_INTEGRATIONS);
    }

    private Throwable failedCall(Operation operation) {
        Throwable error = catchThrowable(() -> {
            switch (operation) {
                case GLUE_DESCRIBE_INTEGRATIONS -> glue.describeIntegrations(r -> { });
                case GLUE_DESCRIBE_INBOUND_INTEGRATIONS -> glue.describeInboundIntegrations(r -> { });
                case APPINTEGRATIONS_LIST_DATA_INTEGRATIONS -> appIntegrations.listDataIntegrations(r -> { });
                case APPINTEGRATIONS_LIST_DATA_INTEGRATION_ASSOCIATIONS -> appIntegrations
                        .listDataIntegrationAssociations(r -> r.dataIntegrationIdentifier("any-id"));
                default -> throw new IllegalArgumentException(operation.name());
            }
        });
        assertThat(error).as("%s failed", operation).isNotNull();
        return error;
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, URI endpoint,
                                                                  AwsCredentialsProvider credentials) {
        builder.endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        if (builder instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(ApacheHttpClient.builder());
        }
        return builder;
    }
}
