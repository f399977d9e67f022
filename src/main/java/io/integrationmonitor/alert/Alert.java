package io.integrationmonitor.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One alert as notifications show it: a snapshot of the resource (or poll target) taken when the
 * notification was produced. Serialized into the outbox so a notification renders the same after a restart.
 *
 * @param key             identity: resource ARN (or {@code target:<target key>}) and condition
 * @param condition       the condition label
 * @param kind            resource kind label
 * @param name            resource name (for {@code poll_failing}: the poll target key)
 * @param arn             resource ARN; empty for {@code poll_failing}
 * @param accountId       AWS account
 * @param region          AWS region
 * @param targetKey       the poll target that observes it
 * @param status          current status (for {@code poll_failing}: the error reason)
 * @param statusSince     when the status began, if known
 * @param startsAt        when the alert fired
 * @param endsAt          when it resolved; null while firing
 * @param errors          {@code Code: Message} of every error (or the association's status message)
 * @param refreshInterval the integration's refresh interval, when it has one
 * @param tags            resource tags
 * @param resolution      why it resolved ({@code recovered (now ACTIVE)}, {@code vanished}); empty while firing
 * @param sourceAccountId an inbound integration's owner (its source ARN's account); empty otherwise
 */
public record Alert(
        String key,
        String condition,
        String kind,
        String name,
        String arn,
        String accountId,
        String region,
        String targetKey,
        String status,
        Instant statusSince,
        Instant startsAt,
        Instant endsAt,
        List<String> errors,
        String refreshInterval,
        Map<String, String> tags,
        String resolution,
        String sourceAccountId) {

    public Alert {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(condition, "condition");
        kind = Objects.requireNonNullElse(kind, "");
        name = Objects.requireNonNullElse(name, "");
        arn = Objects.requireNonNullElse(arn, "");
        accountId = Objects.requireNonNullElse(accountId, "");
        region = Objects.requireNonNullElse(region, "");
        targetKey = Objects.requireNonNullElse(targetKey, "");
        status = Objects.requireNonNullElse(status, "");
        errors = errors == null ? List.of() : List.copyOf(errors);
        refreshInterval = Objects.requireNonNullElse(refreshInterval, "");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        resolution = Objects.requireNonNullElse(resolution, "");
        sourceAccountId = Objects.requireNonNullElse(sourceAccountId, "");
    }

    public Condition conditionEnum() {
        return Condition.fromLabel(condition);
    }

    public Severity severity() {
        return conditionEnum().severity();
    }

    /** A display name that is never empty. */
    public String displayName() {
        return name.isEmpty() ? (arn.isEmpty() ? key : arn) : name;
    }

    Alert resolved(Instant at, String why) {
        return new Alert(key, condition, kind, name, arn, accountId, region, targetKey, status, statusSince,
                startsAt, at, errors, refreshInterval, tags, why, sourceAccountId);
    }

    Alert withStartsAt(Instant at) {
        return new Alert(key, condition, kind, name, arn, accountId, region, targetKey, status, statusSince,
                at, endsAt, errors, refreshInterval, tags, resolution, sourceAccountId);
    }
}
