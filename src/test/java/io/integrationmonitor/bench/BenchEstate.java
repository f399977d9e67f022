package io.integrationmonitor.bench;

import io.integrationmonitor.simulator.Estate;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.Operation;
import io.integrationmonitor.simulator.Partition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark estate: {@code accounts} accounts, each in three regions, each (account, region) holding
 * {@code spec}'s resources behind the simulator's page cap; and the API calls a cycle needs at the least.
 */
record BenchEstate(List<String> accounts, EstateSpec spec) {
    static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-southeast-2");
    static final String ROLE_NAME = "integration-monitor-bench";

    static BenchEstate of(int accountCount, EstateSpec spec) {
        List<String> accounts = new ArrayList<>();
        for (int i = 1; i <= accountCount; i++) {
            accounts.add(String.format("%012d", 200_000_000_000L + i));
        }
        return new BenchEstate(List.copyOf(accounts), spec);
    }

    static String roleArn(String account) {
        return "arn:aws:iam::" + account + ":role/" + ROLE_NAME;
    }

    List<Partition> partitions() {
        List<Partition> out = new ArrayList<>();
        for (String account : accounts) {
            for (String region : REGIONS) {
                out.add(new Partition(account, region));
            }
        }
        return out;
    }

    Estate populate() {
        Estate estate = new Estate();
        partitions().forEach(p -> estate.populate(p, spec));
        return estate;
    }

    /** Poll targets the monitor runs: one per polled source and (account, region). */
    int targets() {
        return partitions().size() * sources().size();
    }

    /**
     * The sources the monitor is configured to poll: Glue and AppIntegrations always, RDS and Redshift only when
     * the estate has any (the three-source estate of the sizes leaves them out, as its earlier runs did).
     */
    List<String> sources() {
        return SOURCES.stream().filter(this::polls).toList();
    }

    boolean polls(String source) {
        return switch (source) {
            case "rds_integrations" -> spec.rdsIntegrations() > 0;
            case "redshift_integrations" -> spec.redshiftIntegrations() > 0;
            case "redshift_inbound_integrations" -> spec.redshiftInboundIntegrations() > 0;
            default -> true;
        };
    }

    /**
     * The saturated bound: the fewest calls of a cycle spread over {@code concurrency} connections at the fixed
     * latency, or the longest single poll if that is longer.
     */
    java.time.Duration saturatedBound(int concurrency, java.time.Duration latency) {
        long spread = (long) Math.ceil((double) minimumCallsPerCycle() / concurrency) * latency.toNanos();
        return java.time.Duration.ofNanos(Math.max(spread, longestPollCalls() * latency.toNanos()));
    }

    long resources() {
        return (long) partitions().size() * spec.totalResources();
    }

    /** The fewest list calls one cycle can make: every page the cap forces, none repeated, none empty but one. */
    long minimumCallsPerCycle() {
        return (long) partitions().size() * callsPerPartition();
    }

    long callsPerPartition() {
        return callsByOperation().values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The sources the monitor polls per (account, region) ({@link #sources()}), each with the operations its poll calls and the
     * pages the simulator's cap forces, in the order the poll makes them.
     */
    static final List<String> SOURCES = List.of("glue_integrations", "glue_inbound_integrations",
            "appintegrations_associations", "rds_integrations", "redshift_integrations",
            "redshift_inbound_integrations");

    /** Fewest calls of each source per (account, region), by {@link Operation}: one definition of the minimum. */
    Map<String, Map<Operation, Long>> callsBySource() {
        Map<String, Map<Operation, Long>> out = new LinkedHashMap<>();
        out.put(SOURCES.get(0), Map.of(Operation.GLUE_DESCRIBE_INTEGRATIONS, pages(spec.integrations())));
        out.put(SOURCES.get(1), Map.of(Operation.GLUE_DESCRIBE_INBOUND_INTEGRATIONS, pages(spec.inboundIntegrations())));
        // ListDataIntegrations pages, then every data integration's association pages (one poll, in sequence)
        Map<Operation, Long> app = new LinkedHashMap<>();
        app.put(Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATIONS, pages(spec.dataIntegrations()));
        app.put(Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATION_ASSOCIATIONS,
                (long) spec.dataIntegrations() * pages(spec.associationsPerDataIntegration()));
        out.put(SOURCES.get(2), app);
        // RDS and Redshift (awsQuery, Marker/MaxRecords): the monitor asks for 20-100 records, the cap still applies
        out.put(SOURCES.get(3), Map.of(Operation.RDS_DESCRIBE_INTEGRATIONS, pages(spec.rdsIntegrations())));
        out.put(SOURCES.get(4), Map.of(Operation.REDSHIFT_DESCRIBE_INTEGRATIONS, pages(spec.redshiftIntegrations())));
        out.put(SOURCES.get(5), Map.of(Operation.REDSHIFT_DESCRIBE_INBOUND_INTEGRATIONS,
                pages(spec.redshiftInboundIntegrations())));
        out.keySet().removeIf(source -> !polls(source));
        return out;
    }

    /** {@link #callsBySource()} flattened: each operation belongs to one source. */
    Map<Operation, Long> callsByOperation() {
        Map<Operation, Long> out = new LinkedHashMap<>();
        callsBySource().values().forEach(out::putAll);
        return out;
    }

    /** The longest run of calls one poll must make one after another: a source's calls per (account, region). */
    long longestPollCalls() {
        return callsBySource().values().stream()
                .mapToLong(ops -> ops.values().stream().mapToLong(Long::longValue).sum()).max().orElse(0);
    }

    private long pages(int items) {
        int cap = spec.pageSize() == 0 ? Integer.MAX_VALUE : spec.pageSize();
        return Math.max(1, (items + (long) cap - 1) / cap);
    }
}
