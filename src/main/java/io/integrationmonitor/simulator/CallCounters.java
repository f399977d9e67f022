package io.integrationmonitor.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Calls served per operation and per (operation, account): the "API calls per cycle" of the benchmarks. */
public final class CallCounters {
    private final ConcurrentMap<Operation, LongAdder> byOperation = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> byOperationAndAccount = new ConcurrentHashMap<>();
    private final AtomicLong firstCallNanos = new AtomicLong(NONE);
    private final AtomicLong lastCallNanos = new AtomicLong(NONE);
    private static final long NONE = Long.MIN_VALUE;

    void record(Operation operation, String account) {
        byOperation.computeIfAbsent(operation, k -> new LongAdder()).increment();
        byOperationAndAccount.computeIfAbsent(key(operation, account), k -> new LongAdder()).increment();
        long now = System.nanoTime();
        firstCallNanos.compareAndSet(NONE, now);
        lastCallNanos.accumulateAndGet(now, Math::max);
    }

    /** {@link System#nanoTime()} when the first call since the last reset arrived, or empty. */
    public java.util.OptionalLong firstCallNanos() {
        long t = firstCallNanos.get();
        return t == NONE ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(t);
    }

    /** {@link System#nanoTime()} when the latest call since the last reset arrived, or empty. */
    public java.util.OptionalLong lastCallNanos() {
        long t = lastCallNanos.get();
        return t == NONE ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(t);
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

    /** {@link Operation#qualifiedName()} to count, e.g. {@code glue:DescribeIntegrations=12}. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        byOperation.forEach((op, n) -> out.put(op.qualifiedName(), n.sum()));
        return out;
    }

    /** {@code account/service:Name} to count. */
    public Map<String, Long> snapshotByAccount() {
        Map<String, Long> out = new TreeMap<>();
        byOperationAndAccount.forEach((k, n) -> out.put(k, n.sum()));
        return out;
    }

    public void reset() {
        byOperation.clear();
        byOperationAndAccount.clear();
        firstCallNanos.set(NONE);
        lastCallNanos.set(NONE);
    }

    private static String key(Operation operation, String account) {
        return account + "/" + operation.qualifiedName();
    }
}
