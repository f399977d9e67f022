package io.integrationmonitor.config;

import java.util.List;
import java.util.Set;

/** One Glue {@code Filters} entry: {@code Status}, {@code IntegrationName} (one value) or {@code SourceArn}. */
public record GlueFilter(String name, List<String> values) {
    private static final Set<String> NAMES = Set.of("Status", "IntegrationName", "SourceArn");

    public GlueFilter {
        if (name == null || !NAMES.contains(name)) {
            throw new IllegalArgumentException("name must be one of " + NAMES + ", got '" + name + "'");
        }
        values = values == null ? List.of() : List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("values must not be empty");
        }
        if (name.equals("IntegrationName") && values.size() != 1) {
            throw new IllegalArgumentException("values: IntegrationName takes exactly one value");
        }
    }
}
