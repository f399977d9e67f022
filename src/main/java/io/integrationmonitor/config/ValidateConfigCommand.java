package io.integrationmonitor.config;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code validate-config FILE}: exit 0 and a summary when the file is usable, else every problem and exit 1. */
@Command(name = "validate-config", mixinStandardHelpOptions = true,
        description = "Checks a configuration file and reports every problem in it (exit 0: valid, 1: invalid).")
public final class ValidateConfigCommand implements Callable<Integer> {
    private final Map<String, String> env;
    private final Function<MonitorConfig, List<String>> estimates;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The YAML configuration file.")
    private Path file;

    /** Interpolates {@code ${VAR}} from the process environment; no estimates. */
    public ValidateConfigCommand() {
        this(System.getenv());
    }

    public ValidateConfigCommand(Map<String, String> env) {
        this(env, config -> List.of());
    }

    /**
     * @param estimates further summary lines of a valid file, such as the CloudWatch cost of freshness
     *                  ({@code freshness.FreshnessCost::describe}, passed in by the command line): {@code config}
     *                  is the bottom of the package graph and knows no feature
     */
    public ValidateConfigCommand(Map<String, String> env, Function<MonitorConfig, List<String>> estimates) {
        this.env = Map.copyOf(env);
        this.estimates = java.util.Objects.requireNonNull(estimates, "estimates");
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MonitorConfig config;
        try {
            config = ConfigLoader.load(file, env);
            if (config.http().webConfigFile() != null) {
                WebConfig.load(config.http().webConfigFile());
            }
        } catch (ConfigException e) {
            int count = e.problems().size();
            err.println("INVALID: " + e.source() + " (" + count + (count == 1 ? " problem)" : " problems)"));
            e.problems().forEach(problem -> err.println(problem));
            err.flush();
            return 1;
        }
        out.println("OK: " + file);
        summary(config).forEach(line -> out.println("  " + line));
        estimates.apply(config).forEach(line -> out.println("  " + line));
        out.flush();
        return 0;
    }

    /** A short description of what the monitor will do; never shows secrets (external ids, webhook URLs). */
    static List<String> summary(MonitorConfig config) {
        List<String> lines = new ArrayList<>();
        lines.add("targets: " + config.targets().size() + " " + describeTargets(config.targets()));
        lines.add("regions: " + describeRegions(config));
        lines.add("sources: " + describeSources(config.sources()));
        lines.add("http: " + config.http().bindAddress() + ":" + config.http().port()
                + ", state: " + config.state().dataDir() + ", logging: "
                + config.logging().format().name().toLowerCase(java.util.Locale.ROOT) + " " + config.logging().level());
        return lines;
    }

    private static String describeTargets(List<TargetConfig> targets) {
        List<String> described = new ArrayList<>();
        for (TargetConfig target : targets) {
            if (target.roleArn() != null) {
                described.add(target.roleArn());
            } else if (target.accountId() != null) {
                described.add(target.accountId() + " (default credentials)");
            } else {
                described.add("default credentials");
            }
        }
        return "(" + String.join(", ", described) + ")";
    }

    private static String describeRegions(MonitorConfig config) {
        TreeSet<String> regions = new TreeSet<>();
        boolean usesDefault = false;
        for (TargetConfig target : config.targets()) {
            regions.addAll(target.regions());
            usesDefault |= target.regions().isEmpty();
        }
        if (usesDefault) {
            regions.add(config.aws().region() != null ? config.aws().region() : "(SDK default region)");
        }
        return String.join(", ", regions);
    }

    private static String describeSources(SourcesConfig sources) {
        List<String> enabled = new ArrayList<>();
        describe(enabled, "glue_integrations", sources.glueIntegrations().enabled(),
                sources.glueIntegrations().interval());
        describe(enabled, "glue_inbound_integrations", sources.glueInboundIntegrations().enabled(),
                sources.glueInboundIntegrations().interval());
        describe(enabled, "appintegrations", sources.appintegrations().enabled(), sources.appintegrations().interval());
        describe(enabled, "rds_integrations", sources.rdsIntegrations().enabled(), sources.rdsIntegrations().interval());
        describe(enabled, "redshift_integrations", sources.redshiftIntegrations().enabled(),
                sources.redshiftIntegrations().interval());
        describe(enabled, "redshift_inbound_integrations", sources.redshiftInboundIntegrations().enabled(),
                sources.redshiftInboundIntegrations().interval());
        return enabled.isEmpty() ? "none enabled" : String.join(", ", enabled);
    }

    private static void describe(List<String> enabled, String source, boolean on, java.time.Duration interval) {
        if (on) {
            enabled.add(source + " every " + Durations.format(interval));
        }
    }
}
