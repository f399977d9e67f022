package io.integrationmonitor.aws;

/**
 * A response body longer than {@code aws.max_response_bytes}. Unchecked on purpose: the SDK retries
 * I/O errors, and a page that is too large will be too large again.
 */
public final class ResponseTooLargeException extends RuntimeException {
    private final long limit;

    /** @param declaredLength the response's Content-Length, or -1 when the body was counted instead */
    public ResponseTooLargeException(long limit, long declaredLength) {
        super((declaredLength < 0 ? "response body longer than" : "response body of " + declaredLength
                + " bytes (Content-Length) is over") + " aws.max_response_bytes (" + limit + " bytes)");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
