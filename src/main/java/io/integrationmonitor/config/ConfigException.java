package io.integrationmonitor.config;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration that cannot be used, with every problem found (not only the first). */
public class ConfigException extends RuntimeException {
    private final String source;
    private final transient List<ConfigProblem> problems;

    public ConfigException(String source, List<ConfigProblem> problems) {
        super(describe(source, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** The file name (or other label) the configuration came from. */
    public String source() {
        return source;
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(String source, List<ConfigProblem> problems) {
        String header = "Invalid configuration " + source + " ("
                + problems.size() + (problems.size() == 1 ? " problem)" : " problems)");
        return problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n", header + ":\n", ""));
    }
}
