package io.integrationmonitor.config;

import java.time.Duration;

/**
 * Thresholds of the integrations an override matches (the first matching override of {@code freshness.overrides}
 * wins). Unset thresholds keep the section's defaults.
 *
 * @param match           which integrations: {@code kind}, {@code account_id}, {@code region}, {@code name} globs
 *                        and {@code tags}; {@code condition} and {@code status} do not apply here
 * @param refreshInterval used instead of the integration's own {@code RefreshInterval} (or the default)
 * @param factor          k of the stale threshold
 * @param grace           grace of the stale threshold
 * @param lagThreshold    the lagging threshold
 */
public record FreshnessOverrideConfig(MatchConfig match, Duration refreshInterval, Integer factor, Duration grace,
                                      Duration lagThreshold) {
    public FreshnessOverrideConfig {
        if (match == null || match.isEmpty()) {
            throw KeyProblem.at("match", "must name the integrations it applies to (kind, account_id, region, name "
                    + "or tags)").exception();
        }
        if (!match.condition().isEmpty() || !match.status().isEmpty()) {
            throw KeyProblem.at(match.condition().isEmpty() ? "match.status" : "match.condition",
                    "does not apply to freshness overrides: they match integrations, not alerts").exception();
        }
        if (refreshInterval == null && factor == null && grace == null && lagThreshold == null) {
            // About the override as a whole: when one of its thresholds failed to bind, this is an echo of that.
            throw KeyProblem.at("", "must set at least one of refresh_interval, factor, grace or lag_threshold")
                    .exception();
        }
        if (refreshInterval != null) {
            Validation.atLeast(refreshInterval, Duration.ofMinutes(1), "refresh_interval");
        }
        if (factor != null) {
            Validation.range(factor, 1, 100, "factor");
        }
        if (grace != null) {
            Validation.notNegative(grace, "grace");
        }
        if (lagThreshold != null) {
            Validation.atLeast(lagThreshold, Duration.ofSeconds(1), "lag_threshold");
        }
    }
}
