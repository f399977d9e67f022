package io.integrationmonitor.state;

import java.time.Instant;
import java.util.Objects;

/**
 * What the monitor knows of one table of an integration from AWS table events: failing while
 * {@code failedSince} is set, with AWS's code and message (untrusted, bounded text); either way the time and id of
 * the last event applied, so that an older one is refused.
 */
public record TableState(String integrationArn, String table, String accountId, String region, String errorCode,
                         String errorMessage, Instant failedSince, Instant lastEventTime, String lastEventId) {
    public TableState {
        Objects.requireNonNull(integrationArn, "integrationArn");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(lastEventTime, "lastEventTime");
        Objects.requireNonNull(lastEventId, "lastEventId");
        accountId = Objects.requireNonNullElse(accountId, "");
        region = Objects.requireNonNullElse(region, "");
    }

    public boolean failing() {
        return failedSince != null;
    }
}
