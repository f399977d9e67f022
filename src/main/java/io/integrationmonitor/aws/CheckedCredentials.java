package io.integrationmonitor.aws;

import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The base credentials, failing with {@link NoCredentialsException} when they cannot be resolved: the
 * default chain reports "none found" as a plain {@link SdkClientException}. A service error (an STS
 * refusal of a web identity, say) stays what it is, classified by its code.
 */
final class CheckedCredentials implements AwsCredentialsProvider {
    private final AwsCredentialsProvider delegate;

    CheckedCredentials(AwsCredentialsProvider delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public AwsCredentials resolveCredentials() {
        try {
            return delegate.resolveCredentials();
        } catch (SdkClientException e) {
            throw new NoCredentialsException(e);
        }
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
