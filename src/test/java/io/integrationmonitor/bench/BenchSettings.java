package io.integrationmonitor.bench;

import io.integrationmonitor.simulator.EstateSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Harness parameters, from {@code -Dbench.*} system properties (the Maven profile passes them through). */
record BenchSettings(Path jar, Path outDir, List<String> jvmArgs, int accounts, int concurrency,
                     int baselineAccounts, int throttleAccounts, double throttleShare, int latencyChanges,
                     Duration latencySpread, Duration latencyInterval, Duration apiLatency, EstateSpec spec,
                     long seed, List<String> phases, Duration cycleInterval, boolean jfr, int warmupCycles,
                     boolean liftAwsLimits, int eventsAccounts, int eventsChanges, Duration eventsSpread,
                     Duration eventsInterval, double eventsDuplicates, double eventsReorder, EstateSpec scaleSpec,
                     int saturatedWindows, Duration sustainedInterval, int sustainedWindows,
                     int sustainedWindowIntervals, int searchSteps, int searchIntervals, int memoryAccounts,
                     Duration memoryInterval, List<Integer> growthAccounts, boolean jvmArgsFromImage,
                     Map<String, String> monitorEnvironment) {

    /**
     * The sizes (three sources, no RDS or Redshift): 170 resources per (account, region), so 50 accounts are
     * 25,500 resources and 4,500 calls per cycle. The saturated, sustained, search, memory, growth and latency phases
     * poll it.
     */
    static final String SCALE_ESTATE = "integrations=40,inbound=20,data-integrations=10,associations=10,"
            + "rds=0,redshift=0,redshift-inbound=0,page-size=8";

    static final String DEFAULT_PHASES = "saturated,sustained,search,memory,latency";

    /** Per (account, region): 170 Glue and AppIntegrations resources and 50 RDS and Redshift listing entries. */
    static final String DEFAULT_ESTATE = "integrations=40,inbound=20,data-integrations=10,associations=10,"
            + "rds=20,redshift=10,redshift-inbound=20,page-size=8";

    static BenchSettings fromSystemProperties() {
        // the image's environment goes with its JVM options: bench.jvmArgs measures a JVM without either
        boolean fromImage = prop("jvmArgs", "").isEmpty();
        return new BenchSettings(
                Path.of(prop("jar", "target/integration-monitor.jar")),
                Path.of(prop("out", "target/bench")),
                fromImage ? ImageJvmOptions.load(memoryLimit()) : givenJvmArgs(),
                Integer.parseInt(prop("accounts", "50")),
                Integer.parseInt(prop("concurrency", "10")),
                Integer.parseInt(prop("baselineAccounts", "5")),
                Integer.parseInt(prop("throttleAccounts", "5")),
                Double.parseDouble(prop("throttleShare", "0.2")),
                Integer.parseInt(prop("latencyChanges", "150")),
                Duration.ofSeconds(Long.parseLong(prop("latencySpreadSeconds", "60"))),
                seconds(prop("latencyIntervalSeconds", "")),
                Duration.ofMillis(Long.parseLong(prop("apiLatencyMillis", "20"))),
                EstateSpec.parse(prop("estate", DEFAULT_ESTATE)),
                Long.parseLong(prop("seed", "20261121")),
                Arrays.stream(prop("phases", DEFAULT_PHASES).split(",")).map(String::trim).toList(),
                prop("cycleIntervalSeconds", "").isEmpty() ? null : Duration.ofSeconds(Long.parseLong(prop("cycleIntervalSeconds", ""))),
                Boolean.parseBoolean(prop("jfr", "false")),
                Integer.parseInt(prop("warmupCycles", "2")),
                !"defaults".equals(prop("awsLimits", "lifted")),
                Integer.parseInt(prop("eventsAccounts", "5")),
                Integer.parseInt(prop("eventsChanges", "60")),
                Duration.ofSeconds(Long.parseLong(prop("eventsSpreadSeconds", "75"))),
                Duration.ofSeconds(Long.parseLong(prop("eventsIntervalSeconds", "60"))),
                Double.parseDouble(prop("eventsDuplicates", "0.3")),
                Double.parseDouble(prop("eventsReorder", "0.3")),
                EstateSpec.parse(prop("scaleEstate", SCALE_ESTATE)),
                Math.max(3, Integer.parseInt(prop("saturatedWindows", "5"))),
                seconds(prop("sustainedInterval", "")),
                Math.max(3, Integer.parseInt(prop("sustainedWindows", "3"))),
                Math.max(5, Integer.parseInt(prop("sustainedWindowIntervals", "5"))),
                Integer.parseInt(prop("searchSteps", "3")),
                Math.max(3, Integer.parseInt(prop("searchIntervals", "3"))),
                Integer.parseInt(prop("memoryAccounts", "50")),
                seconds(prop("memoryIntervalSeconds", "")),
                Arrays.stream(prop("growthAccounts", "5,50,200").split(",")).map(String::trim).map(Integer::valueOf).toList(),
                fromImage,
                fromImage ? ImageJvmOptions.loadEnvironment() : Map.of());
    }

    /** {@code bench.memoryLimit}: a Kubernetes quantity for the image's options, or null for the deployment's. */
    private static String memoryLimit() {
        String limit = prop("memoryLimit", "");
        return limit.isEmpty() ? null : limit;
    }

    /** {@code bench.jvmArgs}, split at whitespace: the options instead of the image's ({@link ImageJvmOptions}). */
    private static List<String> givenJvmArgs() {
        return Arrays.stream(prop("jvmArgs", "").trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    /** Whole seconds, or null when not given. */
    private static Duration seconds(String value) {
        return value.isEmpty() ? null : Duration.ofSeconds(Long.parseLong(value.replaceAll("s$", "")));
    }

    private static String prop(String name, String defaultValue) {
        String v = System.getProperty("bench." + name);
        return v == null || v.isBlank() ? defaultValue : v;
    }
}
