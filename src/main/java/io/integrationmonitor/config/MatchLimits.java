package io.integrationmonitor.config;

import java.util.List;
import java.util.Map;

/**
 * Size limits of matchers (routes, silences, filters), so that one match costs a bounded amount of work:
 * every value (glob, status, tag key or value, ...) at most {@value #MAX_VALUE_LENGTH} characters, every list
 * and tag map at most {@value #MAX_VALUES} entries. Messages name the key and never echo the value.
 */
final class MatchLimits {
    static final int MAX_VALUE_LENGTH = 256;
    static final int MAX_VALUES = 100;

    private MatchLimits() {
    }

    static void checkValues(String key, List<String> values) {
        if (values.size() > MAX_VALUES) {
            throw KeyProblem.at(key, "at most " + MAX_VALUES + " values, got " + values.size()).exception();
        }
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v.length() > MAX_VALUE_LENGTH) {
                throw KeyProblem.at(key + "[" + i + "]", "at most " + MAX_VALUE_LENGTH
                        + " characters, got " + v.length()).exception();
            }
        }
    }

    static void checkTags(String key, Map<String, String> tags) {
        if (tags.size() > MAX_VALUES) {
            throw KeyProblem.at(key, "at most " + MAX_VALUES + " tags, got " + tags.size()).exception();
        }
        for (Map.Entry<String, String> e : tags.entrySet()) {
            if (e.getKey().length() > MAX_VALUE_LENGTH || e.getValue().length() > MAX_VALUE_LENGTH) {
                throw KeyProblem.at(key, "tag keys and values are at most " + MAX_VALUE_LENGTH + " characters")
                        .exception();
            }
        }
    }
}
