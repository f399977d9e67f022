package io.integrationmonitor.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration file.
 *
 * @param path    where, as YAML keys: {@code sources.glue_integrations.page_size}, {@code targets[1].role_arn};
 *                empty when the problem concerns the whole file (unreadable, not YAML)
 * @param message what is wrong; never contains a value that came from an environment variable, the value of
 *                a {@link SecretKeys secret key} or a URL's credentials
 */
public record ConfigProblem(String path, String message) {
    public ConfigProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** {@code path: message}, or just the message for whole-file problems. */
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
