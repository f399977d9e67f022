package io.integrationmonitor.config;

import java.net.URI;
import java.time.Duration;

/** Checks used by the config records' compact constructors; messages start with the YAML key. */
final class Validation {
    private Validation() {
    }

    static void range(int value, int min, int max, String key) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    static void positive(Duration value, String key) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, got " + value);
        }
    }

    static void notNegative(Duration value, String key) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(key + " must not be negative, got " + value);
        }
    }

    static void atLeast(Duration value, Duration min, String key) {
        if (value.compareTo(min) < 0) {
            throw new IllegalArgumentException(key + " must be at least " + min + ", got " + value);
        }
    }

    static void httpUri(URI uri, String key) {
        if (uri != null && (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null)) {
            throw new IllegalArgumentException(key + " must be an http(s) URL, got '" + uri + "'");
        }
    }
}
