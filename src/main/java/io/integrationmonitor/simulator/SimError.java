package io.integrationmonitor.simulator;

/** A Glue integration error, as reported in {@code Errors: [{ErrorCode, ErrorMessage}]}. */
public record SimError(String code, String message) {
}
