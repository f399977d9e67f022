package io.integrationmonitor.poll;

/** A poll that could not complete: no snapshot, and nothing may be concluded about absent resources. */
public class PollFailedException extends Exception {
    private final PollErrorReason reason;

    public PollFailedException(PollErrorReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public PollErrorReason reason() {
        return reason;
    }
}
