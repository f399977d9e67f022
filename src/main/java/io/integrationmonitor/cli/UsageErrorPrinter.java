package io.integrationmonitor.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Bad command-line input: one line on standard error, not the whole usage. {@code once} exits 3 (UNKNOWN: a
 * Nagios check that was called wrongly knows nothing, and 2 would page as CRITICAL), every other command 2.
 */
final class UsageErrorPrinter implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("error: " + oneLine(e.getMessage()) + " (see '" + command.getCommandSpec().qualifiedName()
                + " --help')");
        err.flush();
        return ExitCodes.usageError(command.getCommand());
    }

    private static String oneLine(String text) {
        return text == null ? "invalid arguments" : text.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
