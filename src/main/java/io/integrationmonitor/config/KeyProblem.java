package io.integrationmonitor.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One problem a config record's compact constructor found, at a key relative to the record; the binder
 * prefixes the record's own path. The offending value is kept apart from the message so that only the
 * binder renders it: hidden at a {@link SecretKeys secret key}, a reference to its variable when it came from
 * the environment, shown otherwise.
 *
 * @param key       {@code page_size}, {@code routes[0].receivers}; empty: the record as a whole
 * @param message   what is wrong, without the value
 * @param shown     the value as a message shows it after {@code ", got "}; null: the message shows none
 * @param involves  other keys (relative) the check read: when one of them failed to bind it saw a default
 *                  instead, so the problem is an echo and is not reported
 */
public record KeyProblem(String key, String message, String shown, List<String> involves) {
    private static final int MAX_SHOWN_LENGTH = 80;

    public KeyProblem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        involves = List.copyOf(involves);
    }

    public static KeyProblem at(String key, String message) {
        return new KeyProblem(key, message, null, List.of());
    }

    /** The offending value: numbers and durations as they are, text quoted (and shortened). */
    public KeyProblem got(Object value) {
        return new KeyProblem(key, message, show(value), involves);
    }

    public KeyProblem involving(String... keys) {
        return new KeyProblem(key, message, shown, List.of(keys));
    }

    /** This problem alone, to throw. */
    public InvalidConfigException exception() {
        return new InvalidConfigException(List.of(this));
    }

    /** {@code key: message, got value}, for callers that construct records directly (tests, the API). */
    String plainText() {
        String text = shown == null ? message : message + ", got " + shown;
        return key.isEmpty() ? text : key + ": " + text;
    }

    static String show(Object value) {
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Duration duration) {
            return Durations.format(duration);
        }
        String text = String.valueOf(value);
        return "'" + (text.length() > MAX_SHOWN_LENGTH ? text.substring(0, MAX_SHOWN_LENGTH) + "..." : text) + "'";
    }
}
