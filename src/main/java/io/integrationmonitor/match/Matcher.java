package io.integrationmonitor.match;

import io.integrationmonitor.config.MatchConfig;
import io.integrationmonitor.text.Glob;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link MatchConfig} compiled once: its name globs are {@link Glob}s, so a match costs at most about
 * len(glob) × len(name) steps per glob, whatever the glob. Every given field must match; a list matches when the
 * value is any of its entries; every required tag must be present with its value.
 */
public final class Matcher {
    private final MatchConfig m;
    private final List<Glob> names;

    private Matcher(MatchConfig m) {
        this.m = Objects.requireNonNull(m, "match");
        this.names = m.name().stream().map(Glob::of).toList();
    }

    public static Matcher of(MatchConfig m) {
        return new Matcher(m);
    }

    public boolean matches(Subject s) {
        return anyOf(m.kind(), s.kind())
                && anyOf(m.condition(), s.condition())
                && anyOf(m.status(), s.status())
                && anyOf(m.accountId(), s.accountId())
                && anyOf(m.region(), s.region())
                && (names.isEmpty() || names.stream().anyMatch(g -> g.matches(s.name())))
                && tagsMatch(m.tags(), s.tags());
    }

    private static boolean anyOf(List<String> allowed, String value) {
        return allowed.isEmpty() || allowed.contains(value);
    }

    private static boolean tagsMatch(Map<String, String> required, Map<String, String> tags) {
        return required.entrySet().stream().allMatch(e -> e.getValue().equals(tags.get(e.getKey())));
    }

    /**
     * What a match block is matched against: an alert (every field), or an integration (no condition, no
     * status: empty, which only a block without {@code condition} and {@code status} matches).
     */
    public record Subject(String kind, String condition, String status, String accountId, String region,
                          String name, Map<String, String> tags) {
        public Subject {
            kind = Objects.requireNonNullElse(kind, "");
            condition = Objects.requireNonNullElse(condition, "");
            status = Objects.requireNonNullElse(status, "");
            accountId = Objects.requireNonNullElse(accountId, "");
            region = Objects.requireNonNullElse(region, "");
            name = Objects.requireNonNullElse(name, "");
            tags = tags == null ? Map.of() : tags;
        }

        /** A resource, matched apart from any alert (no condition, no status). */
        public static Subject resource(String kind, String accountId, String region, String name,
                                       Map<String, String> tags) {
            return new Subject(kind, "", "", accountId, region, name, tags);
        }
    }
}
