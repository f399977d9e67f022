package io.integrationmonitor.cli;

/** Process exit codes of the commands (besides {@code once}, which follows the Nagios convention). */
final class ExitCodes {
    static final int OK = 0;
    /** The configuration is invalid; nothing was started. */
    static final int BAD_CONFIG = 1;
    /** The monitor could not start (database unreachable or locked, port taken, ...); nothing was served. */
    static final int STARTUP_FAILED = 1;

    private ExitCodes() {
    }

    /** {@code once} reports a monitor that could not start as UNKNOWN (3), like a source it could not poll. */
    static int startupFailed(Object command) {
        return command instanceof OnceCommand ? HealthReport.Level.UNKNOWN.exitCode : STARTUP_FAILED;
    }
}
