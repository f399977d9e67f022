package io.integrationmonitor.freshness;

import io.integrationmonitor.poll.ResourceKind;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An ACTIVE integration whose freshness is asked of CloudWatch: one per integration ARN and (account, region),
 * however many listings (outbound, inbound) report it.
 *
 * @param arn             integration ARN
 * @param integrationId   its last ARN segment: Redshift's {@code IntegrationId} dimension
 * @param name            integration name (AWS text: escaped wherever shown)
 * @param kind            the kind of the listing it was taken from (the outbound one when several)
 * @param accountId       the account its metrics are asked in
 * @param region          the region
 * @param source          which metrics judge it
 * @param refreshInterval its {@code RefreshInterval}, null when it reports none
 * @param tags            its tags (override matching)
 * @param activeSince     since when it has been ACTIVE, as the status polls saw it
 */
public record WatchedIntegration(String arn, String integrationId, String name, ResourceKind kind, String accountId,
                                 String region, MetricSource source, Duration refreshInterval,
                                 Map<String, String> tags, Instant activeSince) {
    public WatchedIntegration {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(integrationId, "integrationId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(activeSince, "activeSince");
        name = Objects.requireNonNullElse(name, "");
        accountId = Objects.requireNonNullElse(accountId, "");
        region = Objects.requireNonNullElse(region, "");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
