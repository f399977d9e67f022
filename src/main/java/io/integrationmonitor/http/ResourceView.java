package io.integrationmonitor.http;

import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.Listings;
import io.integrationmonitor.detect.ResourceHealth;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.ResourceError;
import io.integrationmonitor.text.InertText;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One resource as {@code /api/v1/resources} shows it. Identifiers and data (name, ARN, status, tags,
 * attributes, error codes) are raw, JSON-escaped; the display text {@code errors[].message} is made inert
 * ({@link InertText}). {@code stuck} is the {@link ResourceHealth} verdict; {@code stuck_since}, when stuck, is when the
 * transient status it is stuck in began (the {@code since} of its {@code stuck} event), else null. One view per
 * integration however many listings report it ({@link Listings}): the owner's, and in {@code listings} the
 * sources that list it, the owner's first.
 */
record ResourceView(
        String kind,
        String arn,
        String name,
        String accountId,
        String region,
        String status,
        Instant statusSince,
        Instant lastSeen,
        boolean stuck,
        Instant stuckSince,
        List<ErrorView> errors,
        Map<String, String> attributes,
        Map<String, String> tags,
        List<String> listings) {

    static ResourceView of(Listings.Listed listed) {
        KnownResource known = listed.owner();
        ObservedResource r = known.resource();
        boolean stuck = ResourceHealth.of(known) == ResourceHealth.Verdict.STUCK;
        return new ResourceView(r.kind().label(), r.arn(), r.name(), r.accountId(), r.region(), r.status().label(),
                known.statusSince(), known.lastSeen(), stuck, stuck ? known.statusSince() : null,
                ErrorView.of(r.errors()),
                new TreeMap<>(r.attributes()), new TreeMap<>(r.tags()), listed.listings());
    }

    record ErrorView(String code, String message) {
        static List<ErrorView> of(List<ResourceError> errors) {
            return errors.stream().map(e -> new ErrorView(e.code(), InertText.escape(e.message()))).toList();
        }
    }
}
