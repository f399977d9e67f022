package io.integrationmonitor.alert;

import io.integrationmonitor.config.MatchConfig;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Evaluates a {@link MatchConfig} (of a route or a silence) against an alert. */
final class AlertMatcher {
    private AlertMatcher() {
    }

    static boolean matches(MatchConfig m, Alert a) {
        return anyOf(m.kind(), a.kind())
                && anyOf(m.condition(), a.condition())
                && anyOf(m.status(), a.status())
                && anyOf(m.accountId(), a.accountId())
                && anyOf(m.region(), a.region())
                && (m.name().isEmpty() || m.name().stream().anyMatch(g -> glob(g).matcher(a.name()).matches()))
                && tagsMatch(m.tags(), a.tags());
    }

    private static boolean anyOf(List<String> allowed, String value) {
        return allowed.isEmpty() || allowed.contains(value);
    }

    private static boolean tagsMatch(Map<String, String> required, Map<String, String> tags) {
        return required.entrySet().stream().allMatch(e -> e.getValue().equals(tags.get(e.getKey())));
    }

    /** {@code *} any run of characters, {@code ?} one character, everything else literal. */
    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            if (ch == '*' || ch == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(ch == '*' ? ".*" : ".");
            } else {
                literal.append(ch);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
