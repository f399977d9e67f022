package io.integrationmonitor.aws;

/**
 * The default credential chain found no usable credentials (no keys, profile, web identity, container or
 * instance role). Thrown by the clients' credentials provider in place of the SDK's generic
 * {@code SdkClientException}, so that callers can tell it by type, wherever the SDK wraps it.
 */
public final class NoCredentialsException extends RuntimeException {
    /** How to provide credentials, for messages: the SDK's default chain, in its order. */
    public static final String HOW_TO_SET = "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, "
            + "or run with a web identity (IRSA, AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE), "
            + "a container or an instance role";

    NoCredentialsException(Throwable cause) {
        super("no usable AWS credentials", cause);
    }
}
