package io.integrationmonitor.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * What the simulator's CloudWatch says of the estate beyond its statuses: timelines per integration ARN of syncing,
 * lag and failing tables, which {@code GetMetricData} turns into datapoints ({@link ZeroEtlMetrics}), plus who may
 * not call it and how many datapoints a page holds. Every timeline answers for any instant, so a test can set
 * the past and the future alike and ask for any window. Thread-safe. Its clock is the metrics' "now": no datapoint
 * is newer.
 *
 * <p>By default every ACTIVE integration syncs (Glue: every {@code RefreshInterval}, else every minute), lags
 * {@value #DEFAULT_LAG_SECONDS} s and has no failing tables.
 */
public final class SimFreshness {
    /** CloudWatch's {@code MaxDatapoints} default, and the most a page holds. */
    public static final int MAX_PAGE_DATAPOINTS = 100_800;
    public static final long DEFAULT_LAG_SECONDS = 30;
    /** The most tables one integration can be told to fail: what one SEARCH may return. */
    public static final int MAX_FAILING_TABLES = 500;

    private final Clock clock;
    /** arn to (from, syncing?) */
    private final ConcurrentMap<String, NavigableMap<Instant, Boolean>> syncing = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, NavigableMap<Instant, Duration>> lag = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, NavigableMap<Instant, List<String>>> failingTables = new ConcurrentHashMap<>();
    private final Set<String> deniedAccounts = ConcurrentHashMap.newKeySet();
    private volatile int pageDatapoints = MAX_PAGE_DATAPOINTS;

    public SimFreshness(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The metrics' clock: datapoints exist up to its instant. */
    public Clock clock() {
        return clock;
    }

    /**
     * The Glue integration stops syncing at {@code since}: no {@code LastSyncTimestamp} (nor
     * {@code IngestionSucceeded}) datapoint for periods from then on, as AWS's metric falls silent.
     */
    public void stopSyncing(String integrationArn, Instant since) {
        timeline(syncing, integrationArn).put(Objects.requireNonNull(since, "since"), false);
    }

    /** Syncs again from now (the clock's instant) on; the silent stretch stays in the past. */
    public void resumeSyncing(String integrationArn) {
        timeline(syncing, integrationArn).put(clock.instant(), true);
    }

    /** {@code IntegrationLag} is {@code lag} for the periods starting at or after {@code from} (until a later change). */
    public void lag(String integrationArn, Instant from, Duration lag) {
        Objects.requireNonNull(lag, "lag");
        if (lag.isNegative()) {
            throw new IllegalArgumentException("lag must not be negative");
        }
        timeline(this.lag, integrationArn).put(Objects.requireNonNull(from, "from"), lag);
    }

    /**
     * From {@code from} on, exactly these tables fail: Glue {@code IngestionFailed} 1 per table per period, Redshift
     * {@code IntegrationNumTablesFailedReplication} their count.
     */
    public void failTables(String integrationArn, List<String> tables, Instant from) {
        Set<String> distinct = new TreeSet<>(tables);
        if (distinct.size() > MAX_FAILING_TABLES || distinct.stream().anyMatch(t -> t == null || t.isBlank())) {
            throw new IllegalArgumentException("between 0 and " + MAX_FAILING_TABLES + " non-blank table names");
        }
        timeline(failingTables, integrationArn).put(Objects.requireNonNull(from, "from"), List.copyOf(distinct));
    }

    /** No table fails from {@code from} on. */
    public void clearTables(String integrationArn, Instant from) {
        timeline(failingTables, integrationArn).put(Objects.requireNonNull(from, "from"), List.of());
    }

    /** {@code GetMetricData} from this account answers {@code AccessDenied}, as IAM refuses it. */
    public void denyCloudWatch(String accountId) {
        deniedAccounts.add(Objects.requireNonNull(accountId, "accountId"));
    }

    public void allowCloudWatch(String accountId) {
        deniedAccounts.remove(accountId);
    }

    /** At most this many datapoints per page, whatever {@code MaxDatapoints} asks: so small estates paginate. */
    public void pageDatapoints(int datapoints) {
        if (datapoints < 1 || datapoints > MAX_PAGE_DATAPOINTS) {
            throw new IllegalArgumentException("page datapoints must be between 1 and " + MAX_PAGE_DATAPOINTS);
        }
        this.pageDatapoints = datapoints;
    }

    /** Forgets every timeline, denial and page cap. */
    public void clear() {
        syncing.clear();
        lag.clear();
        failingTables.clear();
        deniedAccounts.clear();
        pageDatapoints = MAX_PAGE_DATAPOINTS;
    }

    /** For the admin API: the controls in force. */
    public Map<String, Object> summary() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("now", clock.instant());
        out.put("syncing", Map.copyOf(syncing));
        out.put("lag", Map.copyOf(lag));
        out.put("failingTables", Map.copyOf(failingTables));
        out.put("deniedAccounts", Set.copyOf(deniedAccounts));
        out.put("pageDatapoints", pageDatapoints);
        return out;
    }

    // ---- read by the metrics ------------------------------------------------------------------------

    int pageCap() {
        return pageDatapoints;
    }

    boolean denied(String accountId) {
        return deniedAccounts.contains(accountId);
    }

    boolean syncingAt(String arn, Instant at) {
        Map.Entry<Instant, Boolean> e = floor(syncing, arn, at);
        return e == null || e.getValue();
    }

    /**
     * The latest instant at or before {@code at} on the grid of {@code interval} (from the epoch) when the
     * integration was syncing, or null; never before {@code notBefore}.
     */
    Instant lastSync(String arn, Instant at, Duration interval, Instant notBefore) {
        Instant t = at;
        // each round skips one silent stretch: bounded by the timeline's entries
        while (t != null && !t.isBefore(notBefore)) {
            Instant grid = Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), interval.toSeconds())
                    * interval.toSeconds());
            if (grid.isBefore(notBefore)) {
                return null;
            }
            Map.Entry<Instant, Boolean> e = floor(syncing, arn, grid);
            if (e == null || e.getValue()) {
                return grid;
            }
            t = e.getKey().minusNanos(1);
        }
        return null;
    }

    /**
     * How many syncs (instants on the grid of {@code interval} while syncing, not before {@code notBefore}) fall in
     * {@code [from, to)}: counted per stretch of the timeline, never per sync.
     */
    long syncsBetween(String arn, Instant from, Instant to, Duration interval, Instant notBefore) {
        Instant a = from.isBefore(notBefore) ? notBefore : from;
        if (!a.isBefore(to)) {
            return 0;
        }
        NavigableMap<Instant, Boolean> timeline = syncing.get(arn);
        if (timeline == null) {
            return gridPoints(a, to, interval);
        }
        long count = 0;
        Instant stretchStart = a;
        boolean on = syncingAt(arn, a);
        for (Map.Entry<Instant, Boolean> change : timeline.subMap(a, false, to, false).entrySet()) {
            if (on) {
                count += gridPoints(stretchStart, change.getKey(), interval);
            }
            stretchStart = change.getKey();
            on = change.getValue();
        }
        return on ? count + gridPoints(stretchStart, to, interval) : count;
    }

    /** Grid instants (multiples of {@code interval} from the epoch) in {@code [from, to)}. */
    private static long gridPoints(Instant from, Instant to, Duration interval) {
        long step = interval.toSeconds();
        long first = Math.floorDiv(from.getEpochSecond() + (from.getNano() > 0 ? 1 : 0) + step - 1, step);
        long last = Math.floorDiv(to.getEpochSecond() - (to.getNano() > 0 ? 0 : 1), step);
        return Math.max(0, last - first + 1);
    }

    /** Every table failing at some instant of {@code [from, to)}, sorted. */
    List<String> failingTablesDuring(String arn, Instant from, Instant to) {
        Set<String> tables = new TreeSet<>(failingTablesAt(arn, from));
        NavigableMap<Instant, List<String>> timeline = failingTables.get(arn);
        if (timeline != null && from.isBefore(to)) {
            timeline.subMap(from, false, to, false).values().forEach(tables::addAll);
        }
        return List.copyOf(tables);
    }

    Duration lagAt(String arn, Instant at) {
        Map.Entry<Instant, Duration> e = floor(lag, arn, at);
        return e == null ? Duration.ofSeconds(DEFAULT_LAG_SECONDS) : e.getValue();
    }

    List<String> failingTablesAt(String arn, Instant at) {
        Map.Entry<Instant, List<String>> e = floor(failingTables, arn, at);
        return e == null ? List.of() : e.getValue();
    }

    private static <V> Map.Entry<Instant, V> floor(ConcurrentMap<String, NavigableMap<Instant, V>> timelines,
                                                    String arn, Instant at) {
        NavigableMap<Instant, V> timeline = timelines.get(arn);
        return timeline == null ? null : timeline.floorEntry(at);
    }

    private static <V> NavigableMap<Instant, V> timeline(ConcurrentMap<String, NavigableMap<Instant, V>> timelines,
                                                         String arn) {
        Objects.requireNonNull(arn, "integrationArn");
        return timelines.computeIfAbsent(arn, k -> new ConcurrentSkipListMap<>());
    }
}
