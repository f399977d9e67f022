package io.integrationmonitor.alert.silence;

import io.integrationmonitor.config.MatchConfig;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A run-time silence (from the JSON API): alerts matching {@code matchers} between {@code startsAt} and
 * {@code endsAt} are recorded but not sent.
 */
public record Silence(String id, MatchConfig matchers, Instant startsAt, Instant endsAt, String comment,
                      String createdBy, Instant createdAt) {
    public Silence {
        Objects.requireNonNull(id, "id");
        matchers = matchers == null ? MatchConfig.any() : matchers;
        Objects.requireNonNull(startsAt, "starts_at");
        Objects.requireNonNull(endsAt, "ends_at");
        // to the millisecond, as stored: a silence reads back as it was accepted
        startsAt = startsAt.truncatedTo(ChronoUnit.MILLIS);
        endsAt = endsAt.truncatedTo(ChronoUnit.MILLIS);
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("ends_at must be after starts_at");
        }
        comment = comment == null ? "" : comment;
        createdBy = createdBy == null ? "" : createdBy;
    }

    public boolean activeAt(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }
}
