package io.integrationmonitor.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which alerts a route or a silence applies to. Every field is optional; a list matches when the alert's
 * value is any of its entries, and all given fields must match. Each list and {@code tags} hold at most 100
 * entries, each value (and tag key) at most 256 characters ({@link MatchLimits}).
 *
 * @param kind      resource kind labels ({@code glue_integration}, ...)
 * @param condition alert conditions ({@code failed}, {@code needs_attention}, {@code execution_failed},
 *                  {@code stuck}, {@code poll_failing})
 * @param status    resource status as AWS spells it ({@code FAILED}, ...); for {@code poll_failing} the poll
 *                  error reason ({@code throttled}, ...)
 * @param name      resource name globs ({@code *}, {@code ?})
 * @param tags      every one of these tags must be present with this value
 */
public record MatchConfig(
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> kind,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> condition,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> status,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> accountId,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> region,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> name,
        Map<String, String> tags) {

    /** The alert conditions, as config and the JSON API spell them; pinned to their enum by VocabularyPinsTest. */
    public static final Set<String> CONDITIONS =
            Set.of("failed", "needs_attention", "execution_failed", "stuck", "poll_failing",
                    "table_ingestion_failed", "stale", "lagging", "tables_failing");
    /** The resource kinds, as config and the JSON API spell them; pinned to their enum by VocabularyPinsTest. */
    public static final Set<String> KINDS =
            Set.of("glue_integration", "glue_inbound_integration", "appintegrations_association", "rds_integration",
                    "redshift_integration", "redshift_inbound_integration");
    /**
     * What an alert's status can be: a resource status as the monitor normalises it, or, for
     * {@code poll_failing}, the poll error reason; pinned to their enums by VocabularyPinsTest.
     */
    public static final Set<String> STATUSES = Set.of(
            "CREATING", "ACTIVE", "MODIFYING", "FAILED", "DELETING", "SYNCING", "NEEDS_ATTENTION",
            "COMPLETED", "IN_PROGRESS", "NEVER_EXECUTED", "UNKNOWN",
            "throttled", "access_denied", "timeout", "server_error", "invalid_response", "poll_budget_exceeded",
            "other");

    public MatchConfig {
        kind = kind == null ? List.of() : List.copyOf(kind);
        condition = condition == null ? List.of() : List.copyOf(condition);
        status = status == null ? List.of() : List.copyOf(status);
        accountId = accountId == null ? List.of() : List.copyOf(accountId);
        region = region == null ? List.of() : List.copyOf(region);
        name = name == null ? List.of() : List.copyOf(name);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        MatchLimits.checkValues("kind", kind);
        MatchLimits.checkValues("condition", condition);
        MatchLimits.checkValues("status", status);
        MatchLimits.checkValues("account_id", accountId);
        MatchLimits.checkValues("region", region);
        MatchLimits.checkValues("name", name);
        MatchLimits.checkTags("tags", tags);
        List<KeyProblem> problems = new ArrayList<>();
        for (int i = 0; i < kind.size(); i++) {
            if (!KINDS.contains(kind.get(i))) {
                problems.add(KeyProblem.at("kind[" + i + "]",
                        "must be one of " + String.join(", ", new TreeSet<>(KINDS))).got(kind.get(i)));
            }
        }
        for (int i = 0; i < condition.size(); i++) {
            if (!CONDITIONS.contains(condition.get(i))) {
                problems.add(KeyProblem.at("condition[" + i + "]",
                        "must be one of " + String.join(", ", new TreeSet<>(CONDITIONS))).got(condition.get(i)));
            }
        }
        for (int i = 0; i < status.size(); i++) {
            if (!STATUSES.contains(status.get(i))) {
                problems.add(KeyProblem.at("status[" + i + "]",
                        "must be one of " + String.join(", ", new TreeSet<>(STATUSES))).got(status.get(i)));
            }
        }
        InvalidConfigException.throwIfAny(problems);
    }

    public static MatchConfig any() {
        return new MatchConfig(null, null, null, null, null, null, null);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return kind.isEmpty() && condition.isEmpty() && status.isEmpty() && accountId.isEmpty()
                && region.isEmpty() && name.isEmpty() && tags.isEmpty();
    }
}
