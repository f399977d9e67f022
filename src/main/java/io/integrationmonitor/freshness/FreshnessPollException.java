package io.integrationmonitor.freshness;

/**
 * A freshness poll that failed: a {@code GetMetricData} call did not answer (the SDK's error is the cause), or
 * answered something malformed ({@link MalformedMetricDataException}). The message is secret-free: where, and
 * the AWS error code and HTTP status or the fault; never AWS text.
 */
final class FreshnessPollException extends RuntimeException {
    private final int queries;
    private final int requests;

    FreshnessPollException(String message, Throwable cause, int queries, int requests) {
        super(message, cause);
        this.queries = queries;
        this.requests = requests;
    }

    int queries() {
        return queries;
    }

    /** The requests sent until it failed, the failed one included. */
    int requests() {
        return requests;
    }
}
