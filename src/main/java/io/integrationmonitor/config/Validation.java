package io.integrationmonitor.config;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

/** Checks used by the config records' compact constructors; each throws a {@link KeyProblem} at its key. */
final class Validation {
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    private Validation() {
    }

    static void range(int value, int min, int max, String key) {
        if (value < min || value > max) {
            throw KeyProblem.at(key, "must be between " + min + " and " + max).got(value).exception();
        }
    }

    static void positive(Duration value, String key) {
        if (value.isNegative() || value.isZero()) {
            throw KeyProblem.at(key, "must be positive").got(value).exception();
        }
    }

    static void notNegative(Duration value, String key) {
        if (value.isNegative()) {
            throw KeyProblem.at(key, "must not be negative").got(value).exception();
        }
    }

    static void atLeast(Duration value, Duration min, String key) {
        if (value.compareTo(min) < 0) {
            throw KeyProblem.at(key, "must be at least " + Durations.format(min)).got(value).exception();
        }
    }

    static void region(String region, String key) {
        if (region != null && !REGION.matcher(region).matches()) {
            throw KeyProblem.at(key, "must be an AWS region name (e.g. us-east-1)").got(region).exception();
        }
    }

    static void arn(String arn, String key) {
        if (arn != null && !arn.matches("arn:aws[a-z-]*:[a-z0-9-]+:.*")) {
            throw KeyProblem.at(key, "must be an ARN (arn:aws:...)").got(arn).exception();
        }
    }

    static void notBlank(String value, String key) {
        if (value != null && value.isBlank()) {
            throw KeyProblem.at(key, "must not be empty").exception();
        }
    }

    static void required(Object value, String key, String message) {
        if (value == null) {
            throw KeyProblem.at(key, message).exception();
        }
    }

    /** Shows the URL without its user-info and query, which may hold credentials. */
    static void httpUri(URI uri, String key) {
        if (uri != null && !isHttpUri(uri)) {
            throw KeyProblem.at(key, "must be an http(s) URL").got(SecretKeys.withoutCredentials(uri)).exception();
        }
    }

    /** For URLs that are secrets as a whole (webhooks): the message names the key and the problem only. */
    static void secretHttpUri(URI uri, String key) {
        if (uri != null && !isHttpUri(uri)) {
            throw KeyProblem.at(key, "must be an http(s) URL " + SecretKeys.HIDDEN).exception();
        }
    }

    private static boolean isHttpUri(URI uri) {
        return uri.getScheme() != null && uri.getScheme().matches("https?") && uri.getHost() != null;
    }
}
