package io.integrationmonitor.cli;

import io.integrationmonitor.config.StartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * The one place that reports a start-up failure: a single line on standard error naming the key and the
 * cause, the stack trace only at DEBUG. Anything else keeps picocli's default handling.
 */
final class StartupFailurePrinter implements CommandLine.IExecutionExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(StartupFailurePrinter.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine command, CommandLine.ParseResult parsed)
            throws Exception {
        if (!(e instanceof StartupException failure)) {
            throw e;
        }
        log.debug("start-up failed", failure);
        PrintWriter err = command.getErr();
        err.println(failure.line());
        err.flush();
        return ExitCodes.startupFailed(command.getCommand());
    }
}
