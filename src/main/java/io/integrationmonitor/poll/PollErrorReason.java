package io.integrationmonitor.poll;

/** Why a poll failed: the bounded {@code reason} label of {@code integration_monitor_poll_errors_total}. */
public enum PollErrorReason {
    THROTTLED("throttled"),
    ACCESS_DENIED("access_denied"),
    TIMEOUT("timeout"),
    SERVER_ERROR("server_error"),
    INVALID_RESPONSE("invalid_response"),
    /** A poll that needed more pages or time than its source's max_pages / max_poll_duration allow. */
    POLL_BUDGET_EXCEEDED("poll_budget_exceeded"),
    OTHER("other");

    private final String label;

    PollErrorReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
