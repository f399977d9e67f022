package io.integrationmonitor.metrics;

import io.integrationmonitor.events.TableIngestions;
import io.integrationmonitor.state.TableDecision;
import io.integrationmonitor.state.TableIngestionStore;
import io.integrationmonitor.state.TableState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Metrics of AWS table events:
 * <ul>
 *   <li>{@code aws_glue_integration_table_ingestion_failures_total{integration_arn,account_id,region}}: one per
 *       failed-table event applied (raised or updated) by this replica;</li>
 *   <li>{@code aws_glue_integration_tables_failing{integration_arn,account_id,region}}: failing tables, read from
 *       the shared state (so every replica shows the same), after each applied event and every refresh;</li>
 *   <li>{@code integration_monitor_event_tables_over_cap_total}: failed-table events not tracked, over
 *       {@code events.max_failing_tables_per_integration};</li>
 *   <li>opt-in ({@code events.table_labels}) {@code aws_glue_integration_table_failing{...,table}} = 1 per
 *       failing table, at most {@link #MAX_TABLE_SERIES} series: table names are AWS's and unbounded.</li>
 * </ul>
 */
public final class TableIngestionMetrics implements AutoCloseable {
    static final int MAX_TABLE_SERIES = 1000;
    private static final Logger log = LoggerFactory.getLogger(TableIngestionMetrics.class);

    private final MeterRegistry registry;
    private final TableIngestionStore tables;
    private final boolean tableLabels;
    private final GaugeFamily failing;
    private final GaugeFamily failingByTable;
    private final Counter overCap;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "table-metrics-refresh");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean refreshFailing;

    /** @param tableLabels {@code events.table_labels} */
    public TableIngestionMetrics(MeterRegistry registry, TableIngestionStore tables, boolean tableLabels) {
        this.registry = registry;
        this.tables = tables;
        this.tableLabels = tableLabels;
        this.failing = new GaugeFamily(MultiGauge.builder("aws.glue.integration.tables.failing")
                .description("Tables of the integration whose ingestion failed (AWS events), as the shared state holds")
                .register(registry));
        this.failingByTable = tableLabels ? new GaugeFamily(MultiGauge.builder("aws.glue.integration.table.failing")
                .description("1 per failing table (opt-in: events.table_labels; capped in series)")
                .register(registry)) : null;
        this.overCap = Counter.builder("integration.monitor.event.tables.over.cap")
                .description("Failed-table events not tracked: their integration already had its cap of failing tables")
                .register(registry);
    }

    /** Counts one committed decision and refreshes the gauges; the {@code applied} callback of the table edge. */
    public void applied(TableDecision decision) {
        if (decision.outcome() == TableIngestions.Outcome.OVER_CAP) {
            overCap.increment();
        }
        if (decision.change() == TableDecision.Change.RAISED || decision.change() == TableDecision.Change.UPDATED) {
            TableState s = decision.newState();
            Counter.builder("aws.glue.integration.table.ingestion.failures")
                    .description("Failed-table ingestion events applied")
                    .tags(integrationTags(s.integrationArn(), s.accountId(), s.region()))
                    .register(registry).increment();
        }
        if (decision.change() != TableDecision.Change.NONE) {
            refreshOnce();
        }
    }

    /** Refreshes every {@code every} (clustered: other replicas apply events too). */
    public void start(Duration every) {
        timer.scheduleWithFixedDelay(this::refreshOnce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads the shared state into the gauges; a failure is logged once per streak, retried next time. */
    public synchronized void refreshOnce() {
        try {
            Map<Tags, Double> counts = new LinkedHashMap<>();
            tables.failingCounts().forEach(f -> counts.put(integrationTags(f.integrationArn(), f.accountId(),
                    f.region()), (double) f.count()));
            failing.render(counts);
            if (tableLabels) {
                Map<Tags, Double> perTable = new LinkedHashMap<>();
                tables.failing().stream().limit(MAX_TABLE_SERIES).forEach(s -> perTable.put(
                        integrationTags(s.integrationArn(), s.accountId(), s.region()).and("table", s.table()), 1.0));
                failingByTable.render(perTable);
            }
            if (refreshFailing) {
                log.info("reading failing tables works again");
                refreshFailing = false;
            }
        } catch (RuntimeException e) {
            if (!refreshFailing) {
                log.warn("cannot read failing tables for metrics: {}; retrying", e.getMessage());
                refreshFailing = true;
            }
        }
    }

    private static Tags integrationTags(String arn, String accountId, String region) {
        return Tags.of("integration_arn", arn, "account_id", accountId, "region", region);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
