package io.integrationmonitor.config;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** One Glue {@code Filters} entry: {@code Status}, {@code IntegrationName} (one value) or {@code SourceArn}. */
public record GlueFilter(String name, List<String> values) {
    // Sorted for stable messages.
    private static final Set<String> NAMES = new TreeSet<>(Set.of("Status", "IntegrationName", "SourceArn"));

    public GlueFilter {
        if (name == null) {
            throw new IllegalArgumentException("name is required: one of " + String.join(", ", NAMES));
        }
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException(
                    "name must be one of " + String.join(", ", NAMES) + " (case matters), got '" + name + "'");
        }
        values = values == null ? List.of() : List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("values must list at least one value");
        }
        if (name.equals("IntegrationName") && values.size() != 1) {
            throw new IllegalArgumentException("values: IntegrationName takes exactly one value");
        }
    }
}
