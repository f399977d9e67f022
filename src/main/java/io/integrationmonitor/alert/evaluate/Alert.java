package io.integrationmonitor.alert.evaluate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One alert as notifications show it: a snapshot of the resource (or poll target) taken when the
 * notification was produced. Serialized into the outbox so a notification renders the same after a restart.
 * Build one with {@link #builder(String, Condition)}: only the fields that apply are set, the rest default
 * to empty (never null, except the instants that are unknown).
 *
 * @param key             identity: resource ARN (or {@code target:<target key>}) and condition
 * @param condition       what the alert is about (stored and sent as its label)
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
 * @param table           for {@code table_ingestion_failed}: the table (AWS text); empty otherwise
 * @param detail          for the freshness conditions: the measured figure, e.g. {@code last sync 4h12m ago,
 *                        refresh interval 1h (stale after 3h15m)} (may hold AWS text: receivers escape it);
 *                        empty otherwise
 */
public record Alert(
        String key,
        Condition condition,
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
        String sourceAccountId,
        String table,
        String detail) {

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
        table = Objects.requireNonNullElse(table, "");
        detail = Objects.requireNonNullElse(detail, "");
    }

    /** Prefix of the keys of alerts about a poll target ({@code poll_failing}) rather than a resource. */
    static final String TARGET_KEY_PREFIX = "target:";
    /**
     * Prefix of the keys of alerts about one table of an integration: held under a key of their own (not a poll
     * target's), and never about the integration's {@link #resourceArn()}, so that no poll evaluates, adopts or
     * resolves them as the integration's.
     */
    static final String TABLE_KEY_PREFIX = "table:";
    /**
     * Prefix of the keys of freshness alerts ({@code stale}, {@code lagging}, {@code tables_failing}): like a
     * table's, held apart from the status polls' alerts so that no poll evaluates, adopts or resolves them.
     */
    static final String FRESHNESS_KEY_PREFIX = "freshness:";

    /**
     * The ARN of the resource the alert is about, when it is keyed by one (ARN + condition), else empty: what
     * the alerts of one integration share across its listings.
     */
    public String resourceArn() {
        return key.startsWith(TARGET_KEY_PREFIX) || key.startsWith(TABLE_KEY_PREFIX)
                || key.startsWith(FRESHNESS_KEY_PREFIX) ? "" : arn;
    }

    /** An alert with the given identity; every other field empty until set. */
    public static Builder builder(String key, Condition condition) {
        return new Builder(key, condition);
    }

    /** A builder holding this alert's fields. */
    public Builder toBuilder() {
        return new Builder(key, condition).kind(kind).name(name).arn(arn).accountId(accountId).region(region)
                .targetKey(targetKey).status(status).statusSince(statusSince).startsAt(startsAt).endsAt(endsAt)
                .errors(errors).refreshInterval(refreshInterval).tags(tags).resolution(resolution)
                .sourceAccountId(sourceAccountId).table(table).detail(detail);
    }

    public Severity severity() {
        return condition.severity();
    }

    /** A display name that is never empty; a table's alert names the table too. */
    public String displayName() {
        String base = name.isEmpty() ? (arn.isEmpty() ? key : arn) : name;
        return table.isEmpty() ? base : base + " table " + table;
    }

    /** This alert, resolved at {@code at} for the reason {@code why}. */
    public Alert resolved(Instant at, String why) {
        return toBuilder().endsAt(at).resolution(why).build();
    }

    public Alert withStartsAt(Instant at) {
        return toBuilder().startsAt(at).build();
    }

    /** Sets the optional fields of an {@link Alert} by name. */
    public static final class Builder {
        private final String key;
        private final Condition condition;
        private String kind;
        private String name;
        private String arn;
        private String accountId;
        private String region;
        private String targetKey;
        private String status;
        private Instant statusSince;
        private Instant startsAt;
        private Instant endsAt;
        private List<String> errors;
        private String refreshInterval;
        private Map<String, String> tags;
        private String resolution;
        private String sourceAccountId;
        private String table;
        private String detail;

        private Builder(String key, Condition condition) {
            this.key = key;
            this.condition = condition;
        }

        public Builder kind(String kind) {
            this.kind = kind;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder arn(String arn) {
            this.arn = arn;
            return this;
        }

        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder targetKey(String targetKey) {
            this.targetKey = targetKey;
            return this;
        }

        public Builder status(String status) {
            this.status = status;
            return this;
        }

        public Builder statusSince(Instant statusSince) {
            this.statusSince = statusSince;
            return this;
        }

        public Builder startsAt(Instant startsAt) {
            this.startsAt = startsAt;
            return this;
        }

        public Builder endsAt(Instant endsAt) {
            this.endsAt = endsAt;
            return this;
        }

        public Builder errors(List<String> errors) {
            this.errors = errors;
            return this;
        }

        public Builder refreshInterval(String refreshInterval) {
            this.refreshInterval = refreshInterval;
            return this;
        }

        public Builder tags(Map<String, String> tags) {
            this.tags = tags;
            return this;
        }

        public Builder resolution(String resolution) {
            this.resolution = resolution;
            return this;
        }

        public Builder sourceAccountId(String sourceAccountId) {
            this.sourceAccountId = sourceAccountId;
            return this;
        }

        public Builder table(String table) {
            this.table = table;
            return this;
        }

        public Builder detail(String detail) {
            this.detail = detail;
            return this;
        }

        public Alert build() {
            return new Alert(key, condition, kind, name, arn, accountId, region, targetKey, status, statusSince,
                    startsAt, endsAt, errors, refreshInterval, tags, resolution, sourceAccountId, table, detail);
        }
    }
}
