package io.integrationmonitor.config;

import java.util.Objects;

/**
 * The monitor cannot start as configured: a database that cannot be reached or opened, a port that is
 * taken, a data directory that is locked or not writable. Names the configuration key to look at and the
 * cause in one line with no secret in it; the command line prints {@link #line()} and exits non-zero, the
 * stack trace only at DEBUG.
 */
public class StartupException extends RuntimeException {
    private final String key;

    /**
     * @param key     the configuration key at fault, e.g. {@code http.port}
     * @param message the cause, one line, without secrets
     */
    public StartupException(String key, String message, Throwable cause) {
        super(oneLine(Objects.requireNonNull(message, "message")), cause);
        this.key = Objects.requireNonNull(key, "key");
    }

    public String key() {
        return key;
    }

    /** {@code error: http.port: port 9108 on 0.0.0.0 is already in use}. */
    public String line() {
        return "error: " + key + ": " + getMessage();
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
