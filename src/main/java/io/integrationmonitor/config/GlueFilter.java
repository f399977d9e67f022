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
            throw KeyProblem.at("name", "is required: one of " + String.join(", ", NAMES)).exception();
        }
        if (!NAMES.contains(name)) {
            throw KeyProblem.at("name", "must be one of " + String.join(", ", NAMES) + " (case matters)").got(name)
                    .exception();
        }
        values = values == null ? List.of() : List.copyOf(values);
        if (values.isEmpty()) {
            throw KeyProblem.at("values", "must list at least one value").exception();
        }
        if (name.equals("IntegrationName") && values.size() != 1) {
            throw KeyProblem.at("values", "IntegrationName takes exactly one value").exception();
        }
    }
}
