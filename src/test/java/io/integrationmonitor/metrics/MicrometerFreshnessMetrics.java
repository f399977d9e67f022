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
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reference for the pre-rendered freshness families: the freshness gauges as Micrometer meters, as the
 * monitor kept them before. Freshness gauges (issue #14), kube-state-metrics style, rendered from the shared {@link FreshnessReadings} on
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
 */
final class MicrometerFreshnessMetrics implements AutoCloseable {
    static final int MAX_TABLE_SERIES = 1000;
    private static final Logger log = LoggerFactory.getLogger(MicrometerFreshnessMetrics.class);

    private final FreshnessReadings readings;
    private final boolean tableLabels;
    private final GaugeFamily lastSync;
    private final GaugeFamily ingestionFailed;
    private final GaugeFamily lag;
    private final GaugeFamily tablesFailed;
    private final Map<FreshnessVerdict, GaugeFamily> verdicts = new EnumMap<>(FreshnessVerdict.class);
    private final GaugeFamily integrations;
    private final GaugeFamily failingByTable;
    private final AtomicLong droppedTableSeries = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "freshness-metrics-refresh");
        t.setDaemon(true);
        return t;
    });
    private boolean refreshFailing;

    /** @param tableLabels {@code freshness.table_labels} */
    MicrometerFreshnessMetrics(MeterRegistry registry, FreshnessReadings readings, boolean tableLabels) {
        this.readings = readings;
        this.tableLabels = tableLabels;
        this.lastSync = family(registry, "aws.glue.integration.last.sync.timestamp", "seconds",
                "Unix time of the integration's last sync (CloudWatch LastSyncTimestamp), when known");
        this.ingestionFailed = family(registry, "aws.glue.integration.ingestion.failed", null,
                "IngestionFailed summed over freshness.tables_failing.window, when CloudWatch has datapoints");
        this.lag = family(registry, "aws.redshift.integration.lag", "seconds",
                "The newest IntegrationLag of the integration (CloudWatch AWS/Redshift), when measured");
        this.tablesFailed = family(registry, "aws.redshift.integration.tables.failed", null,
                "The newest IntegrationNumTablesFailedReplication of the integration, when measured");
        verdicts.put(FreshnessVerdict.STALE, family(registry, "aws.integration.freshness.stale", null,
                "1 when the integration's last sync is older than k refresh intervals plus grace, else 0"));
        verdicts.put(FreshnessVerdict.LAGGING, family(registry, "aws.integration.freshness.lagging", null,
                "1 when the integration's IntegrationLag is above its threshold in N of M samples, else 0"));
        verdicts.put(FreshnessVerdict.TABLES_FAILING, family(registry, "aws.integration.freshness.tables.failing", null,
                "1 when tables of the integration fail to replicate or ingest (CloudWatch), else 0"));
        this.integrations = family(registry, "integration.monitor.freshness.integrations", null,
                "Watched integrations by freshness state (fresh: no verdict; one may hold several)");
        if (tableLabels) {
            this.failingByTable = family(registry, "aws.glue.integration.table.ingestion.failed", null,
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
        Map<Tags, Double> syncs = new LinkedHashMap<>();
        Map<Tags, Double> ingestion = new LinkedHashMap<>();
        Map<Tags, Double> lags = new LinkedHashMap<>();
        Map<Tags, Double> failed = new LinkedHashMap<>();
        Map<FreshnessVerdict, Map<Tags, Double>> byVerdict = new EnumMap<>(FreshnessVerdict.class);
        Map<FreshnessVerdict, Integer> holding = new EnumMap<>(FreshnessVerdict.class);
        for (FreshnessVerdict v : FreshnessVerdict.values()) {
            byVerdict.put(v, new LinkedHashMap<>());
            holding.put(v, 0);
        }
        Map<Tags, Double> perTable = new LinkedHashMap<>();
        long tables = 0;
        int fresh = 0;
        for (FreshnessReading r : all) {
            Tags tags = tags(r);
            if (r.source() == MetricSource.GLUE) {
                if (r.lastSync() != null) {
                    syncs.put(tags, r.lastSync().toEpochMilli() / 1000.0);
                }
                if (r.ingestionFailed() != null) {
                    ingestion.put(tags, r.ingestionFailed());
                }
            } else {
                if (r.lagSeconds() != null) {
                    lags.put(tags, r.lagSeconds());
                }
                if (r.tablesFailed() != null) {
                    failed.put(tags, r.tablesFailed());
                }
            }
            for (FreshnessVerdict v : FreshnessVerdict.values()) {
                boolean holds = r.holds(v);
                byVerdict.get(v).put(tags, holds ? 1.0 : 0.0);
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
                        perTable.put(tags.and("table", table), 1.0);
                    }
                }
            }
        }
        lastSync.render(syncs);
        ingestionFailed.render(ingestion);
        lag.render(lags);
        tablesFailed.render(failed);
        verdicts.forEach((v, family) -> family.render(byVerdict.get(v)));
        Map<Tags, Double> states = new LinkedHashMap<>();
        states.put(Tags.of("state", "fresh"), (double) fresh);
        states.put(Tags.of("state", "stale"), (double) holding.get(FreshnessVerdict.STALE));
        states.put(Tags.of("state", "lagging"), (double) holding.get(FreshnessVerdict.LAGGING));
        states.put(Tags.of("state", "tables_failing"), (double) holding.get(FreshnessVerdict.TABLES_FAILING));
        integrations.render(states);
        if (tableLabels) {
            failingByTable.render(perTable);
            droppedTableSeries.set(Math.max(0, tables - MAX_TABLE_SERIES));
        }
    }

    private static GaugeFamily family(MeterRegistry registry, String name, String baseUnit, String description) {
        return new GaugeFamily(MultiGauge.builder(name).baseUnit(baseUnit).description(description)
                .register(registry));
    }

    /** The identity labels of the resource gauges ({@link ResourceFamilies}), and the kind. */
    private static Tags tags(FreshnessReading r) {
        return Tags.of("account_id", r.accountId(), "region", r.region(), "integration_arn", r.arn(),
                "integration_name", r.name(), "kind", r.kind().label());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
