package io.integrationmonitor.config;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.Collection;

/** The message for a key a record does not have: the closest allowed key, if one is close, and all of them. */
final class UnknownKeys {
    private static final int MAX_EDITS = 2;
    /** Echoes of a key stay short: over the API, a key is anyone's text. */
    private static final int MAX_SHOWN_LENGTH = 64;

    private UnknownKeys() {
    }

    static String message(String name, Collection<String> allowed) {
        String snake = ((PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE).translate(name)
                .replace('-', '_');
        String suggestion = allowed.stream()
                .filter(candidate -> candidate.equals(snake) || editDistance(snake, candidate) <= MAX_EDITS)
                .findFirst()
                .map(candidate -> " (did you mean '" + candidate + "'?)")
                .orElse("");
        String shown = name.length() > MAX_SHOWN_LENGTH ? name.substring(0, MAX_SHOWN_LENGTH) + "..." : name;
        return "unknown key '" + shown + "'" + suggestion + "; allowed keys here: " + String.join(", ", allowed);
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
