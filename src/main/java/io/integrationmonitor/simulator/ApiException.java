package io.integrationmonitor.simulator;

/** An AWS error the handler wants rendered in its service's protocol. */
final class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** awsQuery's {@code <Type>}: the caller's fault for 4xx, the service's for 5xx. */
    String faultType() {
        return status >= 500 ? "Receiver" : "Sender";
    }
}
