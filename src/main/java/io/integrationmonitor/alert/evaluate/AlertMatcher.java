package io.integrationmonitor.alert.evaluate;

import io.integrationmonitor.config.MatchConfig;
import io.integrationmonitor.text.Glob;

import java.util.List;
import java.util.Map;

/**
 * A {@link MatchConfig} (of a route or a silence) compiled once: its name globs are {@link Glob}s, so a match
 * costs at most about len(glob) × len(name) steps per glob, whatever the glob.
 */
public final class AlertMatcher {
    private final MatchConfig m;
    private final List<Glob> names;

    private AlertMatcher(MatchConfig m) {
        this.m = m;
        this.names = m.name().stream().map(Glob::of).toList();
    }

    public static AlertMatcher of(MatchConfig m) {
        return new AlertMatcher(m);
    }

    public boolean matches(Alert a) {
        return anyOf(m.kind(), a.kind())
                && anyOf(m.condition(), a.condition().label())
                && anyOf(m.status(), a.status())
                && anyOf(m.accountId(), a.accountId())
                && anyOf(m.region(), a.region())
                && (names.isEmpty() || names.stream().anyMatch(g -> g.matches(a.name())))
                && tagsMatch(m.tags(), a.tags());
    }

    private static boolean anyOf(List<String> allowed, String value) {
        return allowed.isEmpty() || allowed.contains(value);
    }

    private static boolean tagsMatch(Map<String, String> required, Map<String, String> tags) {
        return required.entrySet().stream().allMatch(e -> e.getValue().equals(tags.get(e.getKey())));
    }
}
