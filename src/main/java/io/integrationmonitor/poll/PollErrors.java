package io.integrationmonitor.poll;

import io.integrationmonitor.aws.NoCredentialsException;
import io.integrationmonitor.aws.ResponseTooLargeException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.HashSet;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.retry.RetryUtils;
import software.amazon.awssdk.thirdparty.jackson.core.JsonProcessingException;

/**
 * Turns whatever a failed AWS call threw into a bounded {@link PollErrorReason} and a short, secret-free
 * message (service, operation, AWS error code, HTTP status; never a stack trace or a response body).
 *
 * <p>A service error is classified by its error code, as the SDK parsed it, not by its HTTP status or its
 * exception class: AWS sends some server faults with a 4xx status. The codes the four polled operations
 * declare (Glue DescribeIntegrations / DescribeInboundIntegrations: AccessDeniedException,
 * InternalServerException, InternalServiceException, ValidationException, InvalidInputException,
 * EntityNotFoundException, IntegrationNotFoundException, TargetResourceNotFoundException,
 * OperationNotSupportedException; AppIntegrations ListDataIntegrations / ListDataIntegrationAssociations:
 * AccessDeniedException, InternalServiceError, ThrottlingException, InvalidRequestException,
 * ResourceNotFoundException; from the SDK 2.40 clients' declared exceptions and botocore's models) are all
 * named below, plus the codes the AWS request layer and STS answer with. RDS and Redshift (awsQuery) declare
 * no access error on DescribeIntegrations / DescribeInboundIntegrations (botocore {@code rds/2014-10-31},
 * {@code redshift/2012-12-01}): IAM refuses them with the common {@code AccessDenied}, and Redshift's model
 * has an {@code UnauthorizedOperation} shape besides.
 */
public final class PollErrors {
    /** Refused: the caller is not allowed, or its credentials are not accepted. */
    private static final Set<String> ACCESS_CODES = Set.of(
            "AccessDeniedException", "AccessDenied", "UnauthorizedException", "UnrecognizedClientException",
            "ExpiredTokenException", "ExpiredToken", "InvalidClientTokenId", "MissingAuthenticationToken",
            "MissingAuthenticationTokenException", "IncompleteSignature", "IncompleteSignatureException",
            "InvalidAccessKeyId", "AuthorizationError", "NotAuthorized", "AccessDeniedForDependencyException",
            // a signature refused; the SDK counts these as clock skew only when its clock is off
            "InvalidSignatureException", "SignatureDoesNotMatch", "AuthFailure", "RequestExpired",
            "UnauthorizedOperation");
    /**
     * The subset of {@link #ACCESS_CODES} that says "this caller may not call this action" (an IAM policy
     * decision), as opposed to credentials that are missing, expired, badly signed or not recognised.
     */
    private static final Set<String> NOT_PERMITTED_CODES = Set.of(
            "AccessDeniedException", "AccessDenied", "UnauthorizedOperation");
    /** The service's own fault, whatever HTTP status it came with. */
    private static final Set<String> SERVER_CODES = Set.of(
            "InternalServerException", "InternalServiceException", "InternalServiceError", "InternalServerError",
            "InternalFailure", "InternalError", "ServiceUnavailable", "ServiceUnavailableException",
            "ServiceFailure", "ServiceException");
    /** The request itself was wrong, or named something that is gone: neither retrying nor waiting helps. */
    private static final Set<String> CLIENT_CODES = Set.of(
            "ValidationException", "InvalidInputException", "InvalidRequestException", "InvalidParameterValue",
            "EntityNotFoundException", "ResourceNotFoundException", "IntegrationNotFoundException",
            "TargetResourceNotFoundException", "OperationNotSupportedException");
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
        if (noCredentials(error)) {
            return PollErrorReason.ACCESS_DENIED;
        }
        Throwable decisive = decisive(error);
        if (decisive instanceof AwsServiceException service) {
            return classifyService(service);
        }
        if (decisive != null && isTimeout(decisive)) {
            return PollErrorReason.TIMEOUT;
        }
        if (decisive != null && isUnparseable(decisive)) {
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
        if (noCredentials(error)) {
            return "no usable AWS credentials (the default credential chain found none)";
        }
        Throwable decisive = decisive(error);
        if (decisive instanceof AwsServiceException service) {
            String serviceName = service.awsErrorDetails() == null ? null : service.awsErrorDetails().serviceName();
            String code = errorCode(service);
            return (code.isEmpty() ? "error" : code)
                    + (serviceName == null || serviceName.isBlank() ? "" : " from " + serviceName)
                    + " (HTTP " + service.statusCode() + ")";
        }
        if (decisive != null && isTimeout(decisive)) {
            return "timed out (" + decisive.getClass().getSimpleName() + ")";
        }
        if (decisive != null && isUnparseable(decisive)) {
            return "unparseable response";
        }
        IOException io = find(error, IOException.class);
        if (io != null) {
            return "network error (" + io.getClass().getSimpleName() + ")";
        }
        return error.getClass().getSimpleName();
    }

    /**
     * Whether {@code source}'s own API refused the caller's IAM permission for the call: the decisive error is
     * an access-denied answer of the source's service (by the SDK's service name, e.g. {@code Glue},
     * {@code Rds}). Not when STS refused to assume the target's role (the error then comes from STS: the
     * target's credentials are broken for every source), nor for missing, expired or unrecognised credentials.
     */
    public static boolean refusedBy(Source source, Throwable error) {
        return refusedByService(source.iamService().replace("-", ""), error);
    }

    /**
     * Like {@link #refusedBy(Source, Throwable)}, for an API that is not a status poll's source: {@code service}
     * is the SDK's service name, compared ignoring case (e.g. {@code CloudWatch} for the freshness polls).
     */
    public static boolean refusedByService(String service, Throwable error) {
        if (noCredentials(error) || !(decisive(error) instanceof AwsServiceException refusal)
                || refusal.awsErrorDetails() == null || !NOT_PERMITTED_CODES.contains(errorCode(refusal))) {
            return false;
        }
        String serviceName = refusal.awsErrorDetails().serviceName();
        return serviceName != null && serviceName.equalsIgnoreCase(service);
    }

    /** The default credential chain had nothing to sign with, however the SDK wrapped that. */
    public static boolean noCredentials(Throwable error) {
        return find(error, NoCredentialsException.class) != null;
    }

    /** The outermost service error, timeout or parse error in the cause chain, or null. */
    private static Throwable decisive(Throwable error) {
        for (Throwable t : chain(error)) {
            if (t instanceof AwsServiceException || isTimeout(t) || isUnparseable(t)) {
                return t;
            }
        }
        return null;
    }

    private static boolean isTimeout(Throwable t) {
        return t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException
                // SocketTimeoutException, Apache's ConnectTimeoutException, java.net.http's HttpTimeoutException
                || t instanceof InterruptedIOException
                || t instanceof java.net.http.HttpTimeoutException;
    }

    /**
     * A body the SDK could not parse: its (shaded) Jackson's parse error for the JSON protocols, StAX's for
     * the query protocol (STS), which the SDK wraps in an SdkClientException.
     */
    private static boolean isUnparseable(Throwable t) {
        return t instanceof JsonProcessingException || t instanceof javax.xml.stream.XMLStreamException;
    }

    private static PollErrorReason classifyService(AwsServiceException e) {
        // the SDK's own predicates: its throttling codes or HTTP 429; a request refused for a skewed clock
        if (RetryUtils.isThrottlingException(e)) {
            return PollErrorReason.THROTTLED;
        }
        String code = errorCode(e);
        if (ACCESS_CODES.contains(code) || RetryUtils.isClockSkewException(e)) {
            return PollErrorReason.ACCESS_DENIED;
        }
        if (SERVER_CODES.contains(code)) {
            return PollErrorReason.SERVER_ERROR;
        }
        if (CLIENT_CODES.contains(code)) {
            return PollErrorReason.OTHER;
        }
        // A code nobody modelled (or none): a 5xx is the service's fault, as the SDK's retry policy treats it.
        return e.statusCode() >= 500 ? PollErrorReason.SERVER_ERROR : PollErrorReason.OTHER;
    }

    private static String errorCode(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return code == null ? "" : code;
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
