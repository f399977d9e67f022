package io.integrationmonitor.pipeline;

/**
 * A targeted poll that could not describe its resource or commit what it saw: nothing changed. Its message is
 * short and secret-free, as a failed poll's ({@code PollErrors}).
 */
public final class TargetedPollFailedException extends RuntimeException {
    TargetedPollFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
