package io.integrationmonitor.bench;

import io.integrationmonitor.simulator.Estate;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.Partition;
import java.util.ArrayList;
import java.util.List;

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

    /** Poll targets the monitor runs: three sources per (account, region). */
    int targets() {
        return partitions().size() * 3;
    }

    long resources() {
        return (long) partitions().size() * spec.totalResources();
    }

    /** The fewest list calls one cycle can make: every page the cap forces, none repeated, none empty but one. */
    long minimumCallsPerCycle() {
        return (long) partitions().size() * callsPerPartition();
    }

    long callsPerPartition() {
        return glueIntegrationPages() + inboundPages() + appIntegrationsChain();
    }

    long glueIntegrationPages() {
        return pages(spec.integrations());
    }

    long inboundPages() {
        return pages(spec.inboundIntegrations());
    }

    /** ListDataIntegrations pages, then every data integration's association pages (one poll, in sequence). */
    long appIntegrationsChain() {
        return pages(spec.dataIntegrations()) + (long) spec.dataIntegrations() * pages(spec.associationsPerDataIntegration());
    }

    /** The longest run of calls one poll must make one after another. */
    long longestPollCalls() {
        return Math.max(glueIntegrationPages(), Math.max(inboundPages(), appIntegrationsChain()));
    }

    private long pages(int items) {
        int cap = spec.pageSize() == 0 ? Integer.MAX_VALUE : spec.pageSize();
        return Math.max(1, (items + (long) cap - 1) / cap);
    }
}
