package io.integrationmonitor.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/** Calls served per operation and per (operation, account): the "API calls per cycle" of the benchmarks. */
public final class CallCounters {
    private final ConcurrentMap<Operation, LongAdder> byOperation = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> byOperationAndAccount = new ConcurrentHashMap<>();

    void record(Operation operation, String account) {
        byOperation.computeIfAbsent(operation, k -> new LongAdder()).increment();
        byOperationAndAccount.computeIfAbsent(key(operation, account), k -> new LongAdder()).increment();
    }

    public long count(Operation operation) {
        LongAdder a = byOperation.get(operation);
        return a == null ? 0 : a.sum();
    }

    public long count(Operation operation, String account) {
        LongAdder a = byOperationAndAccount.get(key(operation, account));
        return a == null ? 0 : a.sum();
    }

    public long total() {
        return byOperation.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Operation AWS name to count, e.g. {@code DescribeIntegrations=12}. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        byOperation.forEach((op, n) -> out.put(op.awsName(), n.sum()));
        return out;
    }

    /** {@code account/Operation} to count. */
    public Map<String, Long> snapshotByAccount() {
        Map<String, Long> out = new TreeMap<>();
        byOperationAndAccount.forEach((k, n) -> out.put(k, n.sum()));
        return out;
    }

    public void reset() {
        byOperation.clear();
        byOperationAndAccount.clear();
    }

    private static String key(Operation operation, String account) {
        return account + "/" + operation.awsName();
    }
}
