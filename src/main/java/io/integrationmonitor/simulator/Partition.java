package io.integrationmonitor.simulator;

import java.util.Objects;

/** One slice of the simulated estate: what a caller in {@code account} sees in {@code region}. */
public record Partition(String account, String region) {
    public Partition {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
    }

    /** The partition an ARN lives in ({@code arn:partition:service:region:account:...}). */
    public static Partition ofArn(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !"arn".equals(parts[0])) {
            throw new IllegalArgumentException("not an ARN: " + arn);
        }
        return new Partition(parts[4], parts[3]);
    }

    @Override
    public String toString() {
        return account + "/" + region;
    }
}
