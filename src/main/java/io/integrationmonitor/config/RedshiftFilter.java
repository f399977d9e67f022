package io.integrationmonitor.config;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One Redshift {@code DescribeIntegrations} {@code Filters} entry. Names as the model's
 * {@code DescribeIntegrationsFilterName} enum spells them: {@code integration-arn}, {@code source-arn},
 * {@code source-types}, {@code status}.
 */
public record RedshiftFilter(String name, List<String> values) {
    // Sorted for stable messages.
    private static final Set<String> NAMES =
            new TreeSet<>(Set.of("integration-arn", "source-arn", "source-types", "status"));

    public RedshiftFilter {
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
    }
}
