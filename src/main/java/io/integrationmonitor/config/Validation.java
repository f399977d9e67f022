package io.integrationmonitor.config;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

/** Checks used by the config records' compact constructors; messages start with the YAML key. */
final class Validation {
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    private Validation() {
    }

    static void range(int value, int min, int max, String key) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    static void positive(Duration value, String key) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, got " + Durations.format(value));
        }
    }

    static void notNegative(Duration value, String key) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(key + " must not be negative, got " + Durations.format(value));
        }
    }

    static void atLeast(Duration value, Duration min, String key) {
        if (value.compareTo(min) < 0) {
            throw new IllegalArgumentException(
                    key + " must be at least " + Durations.format(min) + ", got " + Durations.format(value));
        }
    }

    static void region(String region, String key) {
        if (region != null && !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException(key + ": '" + region + "' is not an AWS region name (e.g. us-east-1)");
        }
    }

    static void arn(String arn, String key) {
        if (arn != null && !arn.matches("arn:aws[a-z-]*:[a-z0-9-]+:.*")) {
            throw new IllegalArgumentException(key + " must be an ARN (arn:aws:...), got '" + arn + "'");
        }
    }

    static void notBlank(String value, String key) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(key + " must not be empty");
        }
    }

    /** Shows the URL without its user-info and query, which may hold credentials. */
    static void httpUri(URI uri, String key) {
        if (uri != null && !isHttpUri(uri)) {
            throw new IllegalArgumentException(
                    key + " must be an http(s) URL, got '" + SecretKeys.withoutCredentials(uri) + "'");
        }
    }

    /** For URLs that are secrets as a whole (webhooks): the message names the key and the problem only. */
    static void secretHttpUri(URI uri, String key) {
        if (uri != null && !isHttpUri(uri)) {
            throw new IllegalArgumentException(key + " must be an http(s) URL " + SecretKeys.HIDDEN);
        }
    }

    private static boolean isHttpUri(URI uri) {
        return uri.getScheme() != null && uri.getScheme().matches("https?") && uri.getHost() != null;
    }
}
