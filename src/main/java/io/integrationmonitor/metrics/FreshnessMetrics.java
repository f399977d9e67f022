package io.integrationmonitor.metrics;

import io.integrationmonitor.freshness.FreshnessReading;
import io.integrationmonitor.freshness.FreshnessReadings;
import io.integrationmonitor.freshness.FreshnessVerdict;
import io.integrationmonitor.freshness.MetricSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Freshness gauges (issue #14), kube-state-metrics style, rendered from the shared {@link FreshnessReadings} on
 * every refresh, so that every replica shows the same whichever one polled. Each series carries
 * {@code account_id, region, integration_arn, integration_name, kind}; an integration no longer in the readings
 * loses its series, and a metric the last poll did not measure has no series (absent, never 0):
 * <ul>
 *   <li>{@code aws_glue_integration_last_sync_timestamp_seconds}: Glue's {@code LastSyncTimestamp}, when known;</li>
 *   <li>{@code aws_glue_integration_ingestion_failed}: the {@code IngestionFailed} sum within the window, when
 *       measured;</li>
 *   <li>{@code aws_redshift_integration_lag_seconds}, {@code aws_redshift_integration_tables_failed}: the newest
 *       {@code IntegrationLag} and {@code IntegrationNumTablesFailedReplication}, when measured;</li>
 *   <li>{@code aws_integration_freshness_stale}, {@code _lagging}, {@code _tables_failing}: 0/1 per watched
 *       integration, the decider's verdicts (never re-derived here);</li>
 *   <li>{@code integration_monitor_freshness_integrations{state=fresh|stale|lagging|tables_failing}}: how many
 *       watched integrations hold each verdict (fresh: none; one integration may count in several);</li>
 *   <li>opt-in ({@code freshness.table_labels}) {@code aws_glue_integration_table_ingestion_failed{...,table}} = 1
 *       per failing table, at most {@link #MAX_TABLE_SERIES} series (table names are AWS's and unbounded), and
 *       {@code integration_monitor_freshness_table_series_dropped}: the failing tables left without a series.</li>
 * </ul>
 * The per-integration families are kept pre-rendered ({@link RenderedExposition}), one block per family, replaced
 * when a refresh changes it: tens of thousands of Micrometer meters otherwise, and a scrape rebuilding them.
 */
public final class FreshnessMetrics implements AutoCloseable {
    static final int MAX_TABLE_SERIES = 1000;
    private static final Logger log = LoggerFactory.getLogger(FreshnessMetrics.class);
    /** The identity labels of the resource gauges ({@link ResourceFamilies}), and the kind; sorted by name. */
    private static final String[] LABELS = {"account_id", "integration_arn", "integration_name", "kind", "region"};
    private static final String[] TABLE_LABELS = {"account_id", "integration_arn", "integration_name", "kind",
            "region", "table"};

    private final FreshnessReadings readings;
    private final boolean tableLabels;
    private final RenderedExposition exposition;
    private final RenderedFamily lastSync;
    private final RenderedFamily ingestionFailed;
    private final RenderedFamily lag;
    private final RenderedFamily tablesFailed;
    private final Map<FreshnessVerdict, RenderedFamily> verdicts = new EnumMap<>(FreshnessVerdict.class);
    private final GaugeFamily integrations;
    private final RenderedFamily failingByTable;
    private final AtomicLong droppedTableSeries = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "freshness-metrics-refresh");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    private boolean refreshFailing;

    /** @param tableLabels {@code freshness.table_labels} */
    public FreshnessMetrics(PrometheusMetrics metrics, FreshnessReadings readings, boolean tableLabels) {
        this(metrics.meterRegistry(), metrics.rendered(), readings, tableLabels);
    }

    FreshnessMetrics(MeterRegistry registry, RenderedExposition exposition, FreshnessReadings readings,
                     boolean tableLabels) {
        this.exposition = exposition;
        this.readings = readings;
        this.tableLabels = tableLabels;
        this.lastSync = family("aws_glue_integration_last_sync_timestamp_seconds",
                "Unix time of the integration's last sync (CloudWatch LastSyncTimestamp), when known");
        this.ingestionFailed = family("aws_glue_integration_ingestion_failed",
                "IngestionFailed summed over freshness.tables_failing.window, when CloudWatch has datapoints");
        this.lag = family("aws_redshift_integration_lag_seconds",
                "The newest IntegrationLag of the integration (CloudWatch AWS/Redshift), when measured");
        this.tablesFailed = family("aws_redshift_integration_tables_failed",
                "The newest IntegrationNumTablesFailedReplication of the integration, when measured");
        verdicts.put(FreshnessVerdict.STALE, family("aws_integration_freshness_stale",
                "1 when the integration's last sync is older than k refresh intervals plus grace, else 0"));
        verdicts.put(FreshnessVerdict.LAGGING, family("aws_integration_freshness_lagging",
                "1 when the integration's IntegrationLag is above its threshold in N of M samples, else 0"));
        verdicts.put(FreshnessVerdict.TABLES_FAILING, family("aws_integration_freshness_tables_failing",
                "1 when tables of the integration fail to replicate or ingest (CloudWatch), else 0"));
        // four series: a Micrometer gauge is fine
        this.integrations = new GaugeFamily(MultiGauge.builder("integration.monitor.freshness.integrations")
                .description("Watched integrations by freshness state (fresh: no verdict; one may hold several)")
                .register(registry));
        if (tableLabels) {
            this.failingByTable = family("aws_glue_integration_table_ingestion_failed",
                    "1 per table with IngestionFailed in the window (opt-in: freshness.table_labels; capped in series)");
            Gauge.builder("integration.monitor.freshness.table.series.dropped", droppedTableSeries, AtomicLong::get)
                    .description("Failing tables without a per-table series at the last refresh (over the cap of "
                            + MAX_TABLE_SERIES + ")")
                    .register(registry);
        } else {
            this.failingByTable = null;
        }
    }

    /** Refreshes every {@code every}, from now on (other replicas poll too). */
    public void start(Duration every) {
        timer.scheduleWithFixedDelay(this::refresh, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Asks for a {@link #refresh} on this class's own thread and returns at once. Requests made while one is
     * pending join it: the 150 freshness polls of a large estate, all due together, would otherwise each wait
     * on the poll threads for a render of every reading, one after another.
     */
    public void requestRefresh() {
        if (!refreshPending.compareAndSet(false, true)) {
            return;
        }
        try {
            timer.execute(() -> {
                // cleared before reading: a request arriving during this render gets one more, with its reading
                refreshPending.set(false);
                refresh();
            });
        } catch (RejectedExecutionException e) {
            refreshPending.set(false); // closed: shutting down, nothing left to show
        }
    }

    /**
     * Reads the shared readings into the gauges; a failure is logged once per streak and leaves the last series
     * in place until a refresh works again.
     */
    public synchronized void refresh() {
        List<FreshnessReading> all;
        try {
            all = readings.all();
        } catch (RuntimeException e) {
            if (!refreshFailing) {
                log.warn("cannot read freshness readings for metrics: {}; retrying", e.getMessage());
                refreshFailing = true;
            }
            return;
        }
        if (refreshFailing) {
            log.info("reading freshness readings for metrics works again");
            refreshFailing = false;
        }
        render(all);
    }

    private void render(List<FreshnessReading> all) {
        List<LabelledBlock.Row> syncs = new ArrayList<>();
        List<LabelledBlock.Row> ingestion = new ArrayList<>();
        List<LabelledBlock.Row> lags = new ArrayList<>();
        List<LabelledBlock.Row> failed = new ArrayList<>();
        Map<FreshnessVerdict, List<LabelledBlock.Row>> byVerdict = new EnumMap<>(FreshnessVerdict.class);
        Map<FreshnessVerdict, Integer> holding = new EnumMap<>(FreshnessVerdict.class);
        for (FreshnessVerdict v : FreshnessVerdict.values()) {
            byVerdict.put(v, new ArrayList<>());
            holding.put(v, 0);
        }
        List<LabelledBlock.Row> perTable = new ArrayList<>();
        long tables = 0;
        int fresh = 0;
        for (FreshnessReading r : all) {
            String[] values = values(r);
            byte[] text = LabelText.of(LABELS, values); // once, for every family of the integration
            if (r.source() == MetricSource.GLUE) {
                if (r.lastSync() != null) {
                    syncs.add(new LabelledBlock.Row(text, r.lastSync().toEpochMilli() / 1000.0));
                }
                if (r.ingestionFailed() != null) {
                    ingestion.add(new LabelledBlock.Row(text, r.ingestionFailed()));
                }
            } else {
                if (r.lagSeconds() != null) {
                    lags.add(new LabelledBlock.Row(text, r.lagSeconds()));
                }
                if (r.tablesFailed() != null) {
                    failed.add(new LabelledBlock.Row(text, r.tablesFailed()));
                }
            }
            for (FreshnessVerdict v : FreshnessVerdict.values()) {
                boolean holds = r.holds(v);
                byVerdict.get(v).add(new LabelledBlock.Row(text, holds ? 1.0 : 0.0));
                if (holds) {
                    holding.merge(v, 1, Integer::sum);
                }
            }
            if (r.verdicts().isEmpty()) {
                fresh++;
            }
            if (tableLabels && r.source() == MetricSource.GLUE) {
                for (String table : r.failingTables()) {
                    if (tables++ < MAX_TABLE_SERIES) {
                        String[] withTable = Arrays.copyOf(values, values.length + 1);
                        withTable[values.length] = table;
                        perTable.add(new LabelledBlock.Row(LabelText.of(TABLE_LABELS, withTable), 1.0));
                    }
                }
            }
        }
        publish(lastSync, syncs);
        publish(ingestionFailed, ingestion);
        publish(lag, lags);
        publish(tablesFailed, failed);
        verdicts.forEach((v, family) -> publish(family, byVerdict.get(v)));
        Map<Tags, Double> states = new LinkedHashMap<>();
        states.put(Tags.of("state", "fresh"), (double) fresh);
        states.put(Tags.of("state", "stale"), (double) holding.get(FreshnessVerdict.STALE));
        states.put(Tags.of("state", "lagging"), (double) holding.get(FreshnessVerdict.LAGGING));
        states.put(Tags.of("state", "tables_failing"), (double) holding.get(FreshnessVerdict.TABLES_FAILING));
        integrations.render(states);
        if (tableLabels) {
            publish(failingByTable, perTable);
            droppedTableSeries.set(Math.max(0, tables - MAX_TABLE_SERIES));
        }
    }

    /** One block per family, owned by this; an unchanged family keeps its block and gzip member. */
    private void publish(RenderedFamily family, List<LabelledBlock.Row> rows) {
        RenderedBlock held = family.block(this);
        if (held instanceof LabelledBlock block && block.holds(rows)) {
            return;
        }
        family.replace(this, LabelledBlock.of(exposition.nextVersion(), family.sampleName(), rows));
    }

    private RenderedFamily family(String name, String help) {
        return exposition.family(name, RenderedFamily.Type.GAUGE, help);
    }

    /** In the order of {@link #LABELS}. */
    private static String[] values(FreshnessReading r) {
        return new String[] {orEmpty(r.accountId()), orEmpty(r.arn()), orEmpty(r.name()), r.kind().label(),
                orEmpty(r.region())};
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
