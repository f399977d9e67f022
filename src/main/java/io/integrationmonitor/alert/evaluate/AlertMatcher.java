package io.integrationmonitor.alert.evaluate;

import io.integrationmonitor.config.MatchConfig;
import io.integrationmonitor.match.Matcher;

/**
 * A {@link MatchConfig} (of a route or a silence) compiled once, matched against an alert's kind, condition,
 * status, account, region, name and tags: the rule itself is {@link Matcher}'s, shared with freshness overrides.
 */
public final class AlertMatcher {
    private final Matcher matcher;

    private AlertMatcher(MatchConfig m) {
        this.matcher = Matcher.of(m);
    }

    public static AlertMatcher of(MatchConfig m) {
        return new AlertMatcher(m);
    }

    public boolean matches(Alert a) {
        return matcher.matches(new Matcher.Subject(a.kind(), a.condition().label(), a.status(), a.accountId(),
                a.region(), a.name(), a.tags()));
    }
}
