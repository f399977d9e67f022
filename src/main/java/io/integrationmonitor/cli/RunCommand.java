package io.integrationmonitor.cli;

import io.integrationmonitor.Monitor;
import io.integrationmonitor.config.ConfigException;
import io.integrationmonitor.config.MonitorConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the monitor: poll on schedule, serve /metrics and the JSON API, send alerts. "
                + "Stops cleanly on SIGTERM or Ctrl-C.")
final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        MonitorConfig loaded = config.loadOrReport(spec.commandLine().getErr());
        if (loaded == null) {
            return ExitCodes.BAD_CONFIG;
        }
        LoggingSetup.apply(loaded.logging());
        OutOfMemoryCheck.warnIfMissing(log);
        Monitor monitor;
        try {
            monitor = Monitor.create(loaded, Monitor.Environment.production());
        } catch (ConfigException e) {
            // e.g. a certificate or key named by the web config file that cannot be loaded
            ConfigOption.report(e, spec.commandLine().getErr());
            return ExitCodes.BAD_CONFIG;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutting down");
            monitor.close();
            stopped.countDown();
        }, "shutdown"));
        monitor.startScheduling();
        stopped.await();
        return ExitCodes.OK;
    }
}
