package io.integrationmonitor.poll;

import java.util.Objects;

/** What one scheduled job polls: a source in one account and region. */
public record PollTarget(Source source, String accountId, String region) {
    public PollTarget {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
    }

    /** Stable key, used as Quartz job name and state-store partition. */
    public String key() {
        return source.label() + "/" + accountId + "/" + region;
    }

    @Override
    public String toString() {
        return key();
    }
}
