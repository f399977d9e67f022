package io.integrationmonitor.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.glue.model.AccessDeniedException;
import software.amazon.awssdk.services.glue.model.InternalServiceException;
import software.amazon.awssdk.services.sts.model.StsException;

class PollErrorsTest {

    static Stream<Arguments> classifications() {
        return Stream.of(
                Arguments.of(service("ThrottlingException", 400), PollErrorReason.THROTTLED),
                Arguments.of(service("Throttling", 400), PollErrorReason.THROTTLED),
                Arguments.of(service("TooManyRequestsException", 400), PollErrorReason.THROTTLED),
                Arguments.of(service("RequestLimitExceeded", 503), PollErrorReason.THROTTLED),
                Arguments.of(service("Throttled", 429), PollErrorReason.THROTTLED),
                Arguments.of(service("SomethingNew", 429), PollErrorReason.THROTTLED),
                Arguments.of(service("AccessDeniedException", 400), PollErrorReason.ACCESS_DENIED),
                Arguments.of(service("AccessDenied", 403), PollErrorReason.ACCESS_DENIED),
                Arguments.of(service("UnrecognizedClientException", 400), PollErrorReason.ACCESS_DENIED),
                Arguments.of(service("InvalidClientTokenId", 403), PollErrorReason.ACCESS_DENIED),
                Arguments.of(service("ExpiredToken", 400), PollErrorReason.ACCESS_DENIED),
                Arguments.of(service("ExpiredTokenException", 400), PollErrorReason.ACCESS_DENIED),
                Arguments.of(service("AuthorizationError", 403), PollErrorReason.ACCESS_DENIED),
                Arguments.of(service("SignatureDoesNotMatch", 403), PollErrorReason.ACCESS_DENIED),
                Arguments.of(AccessDeniedException.builder().statusCode(400).awsErrorDetails(
                        AwsErrorDetails.builder().errorCode("AccessDeniedException").build()).build(),
                        PollErrorReason.ACCESS_DENIED),
                Arguments.of(assumeRoleRefused(), PollErrorReason.ACCESS_DENIED),
                Arguments.of(ApiCallTimeoutException.create(60_000), PollErrorReason.TIMEOUT),
                Arguments.of(ApiCallAttemptTimeoutException.create(15_000), PollErrorReason.TIMEOUT),
                Arguments.of(SdkClientException.create("Unable to execute HTTP request: Read timed out",
                        new SocketTimeoutException("Read timed out")), PollErrorReason.TIMEOUT),
                Arguments.of(SdkClientException.create("Unable to execute HTTP request",
                        new java.net.http.HttpConnectTimeoutException("connect")), PollErrorReason.TIMEOUT),
                Arguments.of(service("InternalServiceException", 500), PollErrorReason.SERVER_ERROR),
                Arguments.of(InternalServiceException.builder().statusCode(500).build(), PollErrorReason.SERVER_ERROR),
                Arguments.of(service("ServiceUnavailable", 503), PollErrorReason.SERVER_ERROR),
                Arguments.of(service("", 502), PollErrorReason.SERVER_ERROR),
                Arguments.of(SdkClientException.create("Unable to unmarshall response (Unexpected character)"),
                        PollErrorReason.INVALID_RESPONSE),
                Arguments.of(SdkClientException.create("Unable to parse", new JsonParseException()),
                        PollErrorReason.INVALID_RESPONSE),
                Arguments.of(new PollFailedException(PollErrorReason.INVALID_RESPONSE, "x", null),
                        PollErrorReason.INVALID_RESPONSE),
                Arguments.of(service("ValidationException", 400), PollErrorReason.OTHER),
                Arguments.of(service("EntityNotFoundException", 400), PollErrorReason.OTHER),
                Arguments.of(SdkClientException.create("Unable to execute HTTP request",
                        new ConnectException("Connection refused")), PollErrorReason.OTHER),
                Arguments.of(SdkClientException.create("Unable to load credentials from any of the providers"),
                        PollErrorReason.OTHER),
                Arguments.of(new IllegalStateException("bug"), PollErrorReason.OTHER));
    }

    @ParameterizedTest
    @MethodSource("classifications")
    void classifies(Throwable error, PollErrorReason expected) {
        // when
        PollErrorReason reason = PollErrors.classify(error);

        // then
        assertThat(reason).isEqualTo(expected);
    }

    @Test
    void theOutermostRecognisableErrorDecides() {
        // given a call timeout whose cause was the last (throttled) attempt
        ApiCallTimeoutException timeout = ApiCallTimeoutException.builder()
                .message("Client execution did not complete before the specified timeout configuration: 60000 millis")
                .cause(service("ThrottlingException", 400))
                .build();

        // when / then
        assertThat(PollErrors.classify(timeout)).isEqualTo(PollErrorReason.TIMEOUT);
    }

    @Test
    void messagesNameContextCodeAndStatusButNoSecretsOrBodies() {
        // given an error whose AWS message echoes request details
        AwsServiceException error = AwsServiceException.builder()
                .statusCode(400)
                .message("User arn:aws:iam::1:user/x with key AKIAEXAMPLE is not authorized")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").serviceName("Glue")
                        .errorMessage("User with key AKIAEXAMPLE is not authorized").build())
                .build();

        // when
        PollFailedException failure = PollErrors.failure("Glue DescribeIntegrations page 2", error);

        // then
        assertThat(failure.reason()).isEqualTo(PollErrorReason.ACCESS_DENIED);
        assertThat(failure.getMessage())
                .isEqualTo("Glue DescribeIntegrations page 2: AccessDeniedException from Glue (HTTP 400)");
        assertThat(failure.getCause()).isSameAs(error);
    }

    @Test
    void describesClientSideFailuresBriefly() {
        assertThat(PollErrors.describe(ApiCallTimeoutException.create(1000)))
                .isEqualTo("timed out (ApiCallTimeoutException)");
        assertThat(PollErrors.describe(SdkClientException.create("Unable to execute HTTP request: x",
                new ConnectException("Connection refused: 10.0.0.1")))).isEqualTo("network error (ConnectException)");
        assertThat(PollErrors.describe(SdkClientException.create("Unable to load credentials from any of the "
                + "providers in the chain"))).isEqualTo("no usable AWS credentials");
        assertThat(PollErrors.describe(SdkClientException.create("Unable to parse", new JsonParseException())))
                .isEqualTo("unparseable response");
        assertThat(PollErrors.describe(new IOException("x"))).isEqualTo("network error (IOException)");
        assertThat(PollErrors.describe(assumeRoleRefused())).isEqualTo("AccessDenied from Sts (HTTP 403)");
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
    }

    private static AwsServiceException service(String code, int status) {
        return AwsServiceException.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).serviceName("Glue").build())
                .build();
    }

    /** What the SDK throws when AssumeRole is refused while resolving credentials for a Glue call. */
    private static SdkClientException assumeRoleRefused() {
        StsException refused = (StsException) StsException.builder()
                .statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").serviceName("Sts").build())
                .build();
        return SdkClientException.create("Unable to load credentials from StsAssumeRoleCredentialsProvider", refused);
    }

    /** Stands in for the SDK's shaded Jackson parse exception, matched by simple name. */
    private static final class JsonParseException extends IOException {
        JsonParseException() {
            super("Unexpected character ('<' (code 60))");
        }
    }
}
