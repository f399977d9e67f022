package io.integrationmonitor.poll;

/** Why a poll failed: the bounded {@code reason} label of {@code integration_monitor_poll_errors_total}. */
public enum PollErrorReason {
    THROTTLED("throttled"),
    ACCESS_DENIED("access_denied"),
    TIMEOUT("timeout"),
    SERVER_ERROR("server_error"),
    INVALID_RESPONSE("invalid_response"),
    OTHER("other");

    private final String label;

    PollErrorReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
