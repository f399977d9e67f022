package io.integrationmonitor.bench;

import io.integrationmonitor.simulator.EstateSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Harness parameters, from {@code -Dbench.*} system properties (the Maven profile passes them through). */
record BenchSettings(Path jar, Path outDir, List<String> jvmArgs, int accounts, int concurrency,
                     int baselineAccounts, int throttleAccounts, double throttleShare, int latencyChanges,
                     Duration latencySpread, Duration latencyInterval, Duration apiLatency, EstateSpec spec,
                     long seed, List<String> phases, Duration cycleInterval, boolean jfr, int warmupCycles,
                     boolean liftAwsLimits, int eventsAccounts, int eventsChanges, Duration eventsSpread,
                     Duration eventsInterval, double eventsDuplicates, double eventsReorder) {

    /** Per (account, region): 170 Glue and AppIntegrations resources and 50 RDS and Redshift listing entries. */
    static final String DEFAULT_ESTATE = "integrations=40,inbound=20,data-integrations=10,associations=10,"
            + "rds=20,redshift=10,redshift-inbound=20,page-size=8";

    static BenchSettings fromSystemProperties() {
        return new BenchSettings(
                Path.of(prop("jar", "target/integration-monitor.jar")),
                Path.of(prop("out", "target/bench")),
                Arrays.stream(prop("jvmArgs", "-Xmx256m -XX:NativeMemoryTracking=summary").trim().split("\\s+"))
                        .filter(s -> !s.isEmpty()).toList(),
                Integer.parseInt(prop("accounts", "50")),
                Integer.parseInt(prop("concurrency", "10")),
                Integer.parseInt(prop("baselineAccounts", "5")),
                Integer.parseInt(prop("throttleAccounts", "5")),
                Double.parseDouble(prop("throttleShare", "0.2")),
                Integer.parseInt(prop("latencyChanges", "150")),
                Duration.ofSeconds(Long.parseLong(prop("latencySpreadSeconds", "60"))),
                Duration.ofSeconds(Long.parseLong(prop("latencyIntervalSeconds", "10"))),
                Duration.ofMillis(Long.parseLong(prop("apiLatencyMillis", "20"))),
                EstateSpec.parse(prop("estate", DEFAULT_ESTATE)),
                Long.parseLong(prop("seed", "20261121")),
                Arrays.stream(prop("phases", "cycle,baseline,throttle,latency").split(",")).map(String::trim).toList(),
                prop("cycleIntervalSeconds", "").isEmpty() ? null : Duration.ofSeconds(Long.parseLong(prop("cycleIntervalSeconds", ""))),
                Boolean.parseBoolean(prop("jfr", "false")),
                Integer.parseInt(prop("warmupCycles", "2")),
                !"defaults".equals(prop("awsLimits", "lifted")),
                Integer.parseInt(prop("eventsAccounts", "5")),
                Integer.parseInt(prop("eventsChanges", "60")),
                Duration.ofSeconds(Long.parseLong(prop("eventsSpreadSeconds", "75"))),
                Duration.ofSeconds(Long.parseLong(prop("eventsIntervalSeconds", "60"))),
                Double.parseDouble(prop("eventsDuplicates", "0.3")),
                Double.parseDouble(prop("eventsReorder", "0.3")));
    }

    private static String prop(String name, String defaultValue) {
        String v = System.getProperty("bench." + name);
        return v == null || v.isBlank() ? defaultValue : v;
    }
}
