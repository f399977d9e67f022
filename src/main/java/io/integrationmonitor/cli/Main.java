package io.integrationmonitor.cli;

import io.integrationmonitor.config.ValidateConfigCommand;
import io.integrationmonitor.freshness.FreshnessCost;
import io.integrationmonitor.simulator.SimulatorCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code java -jar integration-monitor.jar <command>}. */
@Command(name = "integration-monitor", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Watches AWS Glue zero-ETL integrations and Amazon AppIntegrations associations: "
                + "Prometheus metrics and alerts.",
        subcommands = {RunCommand.class, OnceCommand.class, ValidateConfigCommand.class, TestAlertCommand.class,
                SimulatorCommand.class, DemoCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Before any JDK HttpServer exists: without TCP_NODELAY each response waits ~40 ms for a delayed ACK.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        System.exit(commandLine().execute(args));
    }

    /** The full command tree; tests execute it without exiting the JVM. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main(), new Factory())
                .setExecutionExceptionHandler(new StartupFailurePrinter())
                .setParameterExceptionHandler(new UsageErrorPrinter());
    }

    /** picocli's own factory, except that {@code validate-config} is given the freshness cost estimate. */
    private static final class Factory implements CommandLine.IFactory {
        private final CommandLine.IFactory standard = CommandLine.defaultFactory();

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == ValidateConfigCommand.class) {
                return cls.cast(new ValidateConfigCommand(System.getenv(), FreshnessCost::describe));
            }
            return standard.create(cls);
        }
    }

    /** No command given: a usage error, not success. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
