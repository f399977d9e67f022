package io.integrationmonitor.poll;

import java.util.Objects;

/**
 * A data integration whose associations one poll could not list (ListDataIntegrationAssociations failed for
 * it alone, after the SDK's retries), while the poll itself went on with the others.
 *
 * @param arn                 the data integration's ARN, as ListDataIntegrations returned it
 * @param name                its name (else its id)
 * @param reason              why, from the bounded set of poll error reasons
 * @param message             short and secret-free, as {@link PollErrors#describe} makes it
 * @param consecutiveFailures how many polls in a row failed to list it, this one included (at least 1)
 */
public record UnlistedDataIntegration(String arn, String name, PollErrorReason reason, String message,
                                      int consecutiveFailures) {
    public UnlistedDataIntegration {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        if (consecutiveFailures < 1) {
            throw new IllegalArgumentException("consecutiveFailures must be at least 1");
        }
    }
}
