package io.integrationmonitor.cli;

import io.integrationmonitor.config.ConfigException;
import io.integrationmonitor.config.ConfigLoader;
import io.integrationmonitor.config.MonitorConfig;
import io.integrationmonitor.config.WebConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --config FILE} option shared by the commands that run the monitor. */
final class ConfigOption {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML configuration file. Without one, every source is polled in the account and region "
                    + "of the standard AWS credential and region chains.")
    Path file;

    /** Loads and validates; on a bad config prints every problem and returns null. */
    MonitorConfig loadOrReport(java.io.PrintWriter err) {
        if (file == null) {
            return MonitorConfig.defaults();
        }
        try {
            MonitorConfig config = ConfigLoader.load(file);
            if (config.http().webConfigFile() != null) {
                WebConfig.load(config.http().webConfigFile()); // its problems are reported here, not as a stack trace
            }
            return config;
        } catch (ConfigException e) {
            report(e, err);
            return null;
        }
    }

    /** Every problem of a configuration, one per line, under the file it is in. */
    static void report(ConfigException e, java.io.PrintWriter err) {
        err.println("invalid configuration " + e.source() + ":");
        e.problems().forEach(p -> err.println("  " + p.path() + ": " + p.message()));
        err.flush();
    }
}
