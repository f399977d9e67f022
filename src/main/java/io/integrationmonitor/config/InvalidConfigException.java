package io.integrationmonitor.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown by a config record's compact constructor: every problem it found, each a {@link KeyProblem} at a key
 * relative to the record. An {@link IllegalArgumentException}, so that code constructing records directly sees
 * the usual exception; the binder reads the problems, never the message.
 */
public final class InvalidConfigException extends IllegalArgumentException {
    private final transient List<KeyProblem> problems;

    InvalidConfigException(List<KeyProblem> problems) {
        super(problems.stream().map(KeyProblem::plainText).collect(Collectors.joining("; ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Throws the problems found, if any: for constructors that check several independent rules. */
    static void throwIfAny(List<KeyProblem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
    }

    public List<KeyProblem> problems() {
        return problems;
    }
}
