package io.integrationmonitor.cli;

/** Process exit codes of the commands (besides {@code once}, which follows the Nagios convention). */
final class ExitCodes {
    static final int OK = 0;
    /** The configuration is invalid; nothing was started. */
    static final int BAD_CONFIG = 1;
    /** The monitor could not start (database locked, port taken, ...). */
    static final int STARTUP_FAILED = 1;

    private ExitCodes() {
    }
}
