package io.integrationmonitor.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code java -jar integration-monitor.jar <command>}. */
@Command(name = "integration-monitor", mixinStandardHelpOptions = true,
        description = "Watches AWS Glue zero-ETL integrations and AppIntegrations associations.")
public final class Main {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
