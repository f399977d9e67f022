package io.integrationmonitor.poll;

import io.integrationmonitor.aws.ResponseTooLargeException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Turns whatever a failed AWS call threw into a bounded {@link PollErrorReason} and a short, secret-free
 * message (service, operation, AWS error code, HTTP status; never a stack trace or a response body).
 */
public final class PollErrors {
    private static final Set<String> THROTTLING_CODES = Set.of(
            "Throttling", "ThrottlingException", "ThrottledException", "Throttled", "TooManyRequestsException",
            "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException", "SlowDown",
            "ProvisionedThroughputExceededException", "BandwidthLimitExceeded", "EC2ThrottledException",
            "PriorRequestNotComplete");
    private static final Set<String> ACCESS_CODES = Set.of(
            "UnrecognizedClientException", "InvalidClientTokenId", "AuthorizationError", "AuthFailure",
            "SignatureDoesNotMatch", "IncompleteSignature", "MissingAuthenticationToken", "InvalidAccessKeyId",
            "InvalidSignatureException", "RequestExpired");
    private static final int MAX_CAUSES = 20;

    private PollErrors() {
    }

    /**
     * The reason a poll failed. Looks through wrapping exceptions (an STS error inside a credentials failure,
     * an I/O error inside an SDK client exception); the outermost recognisable error decides.
     */
    public static PollErrorReason classify(Throwable error) {
        if (error instanceof PollFailedException failed) {
            return failed.reason();
        }
        if (find(error, ResponseTooLargeException.class) != null) {
            return PollErrorReason.INVALID_RESPONSE;
        }
        Throwable decisive = decisive(error);
        if (decisive instanceof AwsServiceException service) {
            return classifyService(service);
        }
        if (decisive != null && isTimeoutType(decisive)) {
            return PollErrorReason.TIMEOUT;
        }
        if ((decisive != null && isJsonError(decisive)) || isUnparseable(error)) {
            return PollErrorReason.INVALID_RESPONSE;
        }
        return PollErrorReason.OTHER;
    }

    /** A failed page as a {@link PollFailedException}; {@code context} is e.g. "Glue DescribeIntegrations page 3". */
    public static PollFailedException failure(String context, Throwable error) {
        if (error instanceof PollFailedException failed) {
            return failed;
        }
        return new PollFailedException(classify(error), context + ": " + describe(error), error);
    }

    /** A short description of an error, safe to log and to show: no secrets, no stack trace. */
    public static String describe(Throwable error) {
        if (error instanceof PollFailedException failed) {
            return failed.getMessage();
        }
        ResponseTooLargeException tooLarge = find(error, ResponseTooLargeException.class);
        if (tooLarge != null) {
            return tooLarge.getMessage();
        }
        Throwable decisive = decisive(error);
        if (decisive instanceof AwsServiceException service) {
            String serviceName = service.awsErrorDetails() == null ? null : service.awsErrorDetails().serviceName();
            String code = errorCode(service);
            return (code.isEmpty() ? "error" : code)
                    + (serviceName == null || serviceName.isBlank() ? "" : " from " + serviceName)
                    + " (HTTP " + service.statusCode() + ")";
        }
        if (decisive != null && isTimeoutType(decisive)) {
            return "timed out (" + decisive.getClass().getSimpleName() + ")";
        }
        if ((decisive != null && isJsonError(decisive)) || isUnparseable(error)) {
            return "unparseable response";
        }
        if (isMissingCredentials(error)) {
            return "no usable AWS credentials";
        }
        IOException io = find(error, IOException.class);
        if (io != null) {
            return "network error (" + io.getClass().getSimpleName() + ")";
        }
        return error.getClass().getSimpleName();
    }

    /** The outermost service error, timeout or JSON parse error in the cause chain, or null. */
    private static Throwable decisive(Throwable error) {
        for (Throwable t : chain(error)) {
            if (t instanceof AwsServiceException || isTimeoutType(t) || isJsonError(t)) {
                return t;
            }
        }
        return null;
    }

    private static boolean isTimeoutType(Throwable t) {
        return t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException
                // SocketTimeoutException, Apache's ConnectTimeoutException, java.net.http's HttpTimeoutException
                || t instanceof InterruptedIOException
                || t instanceof java.net.http.HttpTimeoutException;
    }

    private static boolean isJsonError(Throwable t) {
        // The SDK shades Jackson, so match by name rather than by class.
        String name = t.getClass().getSimpleName();
        return name.startsWith("Json") && name.endsWith("Exception");
    }

    private static PollErrorReason classifyService(AwsServiceException e) {
        String code = errorCode(e);
        int status = e.statusCode();
        if (status == 429 || THROTTLING_CODES.contains(code) || e.isThrottlingException()) {
            return PollErrorReason.THROTTLED;
        }
        if (status == 403 || ACCESS_CODES.contains(code) || code.startsWith("AccessDenied")
                || code.startsWith("ExpiredToken")) {
            return PollErrorReason.ACCESS_DENIED;
        }
        if (status >= 500) {
            return PollErrorReason.SERVER_ERROR;
        }
        return PollErrorReason.OTHER;
    }

    private static String errorCode(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return code == null ? "" : code;
    }

    private static boolean isUnparseable(Throwable error) {
        for (Throwable t : chain(error)) {
            String message = t.getMessage();
            if (t instanceof SdkClientException && message != null
                    && message.toLowerCase(Locale.ROOT).startsWith("unable to unmarshall")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isMissingCredentials(Throwable error) {
        for (Throwable t : chain(error)) {
            String message = t.getMessage();
            if (t instanceof SdkClientException && message != null && message.startsWith("Unable to load credentials")) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t : chain(error)) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Iterable<Throwable> chain(Throwable error) {
        java.util.List<Throwable> chain = new java.util.ArrayList<>();
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = error; t != null && chain.size() < MAX_CAUSES && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
