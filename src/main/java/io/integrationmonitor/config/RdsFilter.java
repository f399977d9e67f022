package io.integrationmonitor.config;

import java.util.List;

/**
 * One RDS {@code Filters} entry ({@code Name}, {@code Values}), passed through as written. The RDS model
 * documents no filter names for {@code DescribeIntegrations}, so only the shape and size are checked; RDS
 * itself refuses a name it does not support (the poll fails with {@code invalid_request}).
 */
public record RdsFilter(String name, List<String> values) {
    static final int MAX_NAME_LENGTH = 128;
    static final int MAX_VALUES = 100;

    public RdsFilter {
        Validation.notBlank(name, "name");
        if (name.length() > MAX_NAME_LENGTH) {
            throw KeyProblem.at("name", "must be at most " + MAX_NAME_LENGTH + " characters").exception();
        }
        values = values == null ? List.of() : List.copyOf(values);
        if (values.isEmpty() || values.size() > MAX_VALUES) {
            throw KeyProblem.at("values", "must list 1 to " + MAX_VALUES + " values").exception();
        }
    }
}
