package io.integrationmonitor.cli;

/** Process exit codes of the commands (besides {@code once}, which follows the Nagios convention). */
final class ExitCodes {
    static final int OK = 0;
    /** The configuration is invalid; nothing was started. */
    static final int BAD_CONFIG = 1;
    /** The monitor could not start (database unreachable or locked, port taken, ...); nothing was served. */
    static final int STARTUP_FAILED = 1;

    /** Bad command-line input (unknown option, bad value, missing argument, no command at all). */
    static final int USAGE = 2;

    private ExitCodes() {
    }

    /** {@code test-alert}'s codes (README: 0 accepted, 1 rejected, 2 configuration problem). */
    static final class TestAlert {
        static final int ACCEPTED = 0;
        /** The receiver did not accept the sample (refused it, or could not be reached). */
        static final int REJECTED = 1;
        /** The configuration is invalid, or has no receiver of the given name. */
        static final int BAD_CONFIG = 2;

        private TestAlert() {
        }
    }

    /** {@code once} reports a usage error as UNKNOWN (3): 2 is CRITICAL to Nagios. */
    static int usageError(Object command) {
        return command instanceof OnceCommand ? HealthReport.Level.UNKNOWN.exitCode : USAGE;
    }

    /** {@code once} reports a monitor that could not start as UNKNOWN (3), like a source it could not poll. */
    static int startupFailed(Object command) {
        return command instanceof OnceCommand ? HealthReport.Level.UNKNOWN.exitCode : STARTUP_FAILED;
    }
}
