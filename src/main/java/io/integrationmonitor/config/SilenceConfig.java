package io.integrationmonitor.config;

import java.time.Instant;

/**
 * A silence from the configuration: either a one-off {@code starts_at}..{@code ends_at} or a recurring
 * {@code weekly} maintenance window. Silenced alerts are recorded but not sent.
 */
public record SilenceConfig(MatchConfig matchers, Instant startsAt, Instant endsAt, WeeklyWindowConfig weekly, String comment) {
    public SilenceConfig {
        matchers = matchers == null ? MatchConfig.any() : matchers;
        comment = comment == null ? "" : comment;
        if (weekly == null) {
            if (endsAt == null) {
                throw KeyProblem.at("ends_at", "ends_at (or weekly) is required").involving("weekly").exception();
            }
            if (startsAt != null && !endsAt.isAfter(startsAt)) {
                throw KeyProblem.at("ends_at", "must be after starts_at").involving("starts_at").exception();
            }
        } else if (startsAt != null || endsAt != null) {
            throw KeyProblem.at("", "starts_at/ends_at cannot be combined with weekly").exception();
        }
    }
}
