package io.integrationmonitor.metrics;

import ch.qos.logback.classic.Level;
import io.integrationmonitor.freshness.FreshnessReading;
import io.integrationmonitor.freshness.FreshnessReadings;
import io.integrationmonitor.freshness.FreshnessVerdict;
import io.integrationmonitor.freshness.MetricSource;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.state.StateStoreException;
import io.integrationmonitor.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FreshnessMetricsTest {
    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "eu-west-1";
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final String ORDERS = "arn:aws:glue:eu-west-1:123456789012:integration:orders";
    private static final String BILLING = "arn:aws:rds:eu-west-1:123456789012:integration:billing";
    private static final String QUIET = "arn:aws:redshift:eu-west-1:123456789012:integration:quiet";
    private static final String ORDERS_SERIES = "account_id=\"123456789012\",integration_arn=\"" + ORDERS
            + "\",integration_name=\"orders\",kind=\"glue_integration\",region=\"eu-west-1\"";
    private static final String BILLING_SERIES = "account_id=\"123456789012\",integration_arn=\"" + BILLING
            + "\",integration_name=\"billing\",kind=\"rds_integration\",region=\"eu-west-1\"";
    private static final String QUIET_SERIES = "account_id=\"123456789012\",integration_arn=\"" + QUIET
            + "\",integration_name=\"\",kind=\"redshift_inbound_integration\",region=\"eu-west-1\"";

    @RegisterExtension
    final LogCapture logs = LogCapture.of(FreshnessMetrics.class);

    private final PrometheusMetrics prometheus = PrometheusMetrics.create("1.2.3");
    private final Readings readings = new Readings();
    private FreshnessMetrics metrics;

    @AfterEach
    void close() {
        if (metrics != null) {
            metrics.close();
        }
        prometheus.close();
    }

    private static FreshnessReading orders(Instant lastSync, Double ingestionFailed, List<String> tables,
                                           Set<FreshnessVerdict> verdicts) {
        return new FreshnessReading(ORDERS, "orders", ResourceKind.GLUE_INTEGRATION, ACCOUNT, REGION, MetricSource.GLUE,
                T0, lastSync, null, null, ingestionFailed, tables, verdicts);
    }

    private static FreshnessReading billing(Double lag, Double tablesFailed, Set<FreshnessVerdict> verdicts) {
        // a Redshift-measured reading knows a last sync too: not a Glue gauge
        return new FreshnessReading(BILLING, "billing", ResourceKind.RDS_INTEGRATION, ACCOUNT, REGION,
                MetricSource.REDSHIFT, T0, T0.minusSeconds(30), lag, tablesFailed, null, List.of(), verdicts);
    }

    private static FreshnessReading quiet() {
        return new FreshnessReading(QUIET, null, ResourceKind.REDSHIFT_INBOUND_INTEGRATION, ACCOUNT, REGION,
                MetricSource.REDSHIFT, T0, null, null, null, null, List.of(), Set.of());
    }

    /** Series of one family: labels (without braces) to value. */
    private Map<String, Double> series(String family) {
        Map<String, Double> series = new LinkedHashMap<>();
        Arrays.stream(prometheus.scrape().split("\n"))
                .filter(l -> l.startsWith(family + "{") || l.startsWith(family + " "))
                .forEach(l -> {
                    int space = l.lastIndexOf(' ');
                    String head = l.substring(0, space);
                    series.put(head.contains("{") ? head.substring(head.indexOf('{') + 1, head.length() - 1) : "",
                            Double.parseDouble(l.substring(space + 1)));
                });
        return series;
    }

    @Test
    void everyFamilyIsRenderedFromTheReadingsAndAMetricNotMeasuredHasNoSeries() {
        // given a stale Glue integration with failing tables, a lagging RDS one, and a Redshift one that saw nothing
        readings.set(List.of(
                orders(T0.minusSeconds(4 * 3600), 3.0, List.of("sales.items"),
                        Set.of(FreshnessVerdict.STALE, FreshnessVerdict.TABLES_FAILING)),
                billing(1260.0, 0.0, Set.of(FreshnessVerdict.LAGGING)),
                quiet()));
        metrics = new FreshnessMetrics(prometheus, readings, false);

        // when the gauges are refreshed
        metrics.refresh();

        // then each measured figure has its series, and only those
        assertThat(series("aws_glue_integration_last_sync_timestamp_seconds"))
                .containsExactly(Map.entry(ORDERS_SERIES, (double) T0.minusSeconds(4 * 3600).getEpochSecond()));
        assertThat(series("aws_glue_integration_ingestion_failed")).containsExactly(Map.entry(ORDERS_SERIES, 3.0));
        assertThat(series("aws_redshift_integration_lag_seconds")).containsExactly(Map.entry(BILLING_SERIES, 1260.0));
        assertThat(series("aws_redshift_integration_tables_failed")).containsExactly(Map.entry(BILLING_SERIES, 0.0));
        // and every watched integration has its 0/1 verdicts
        assertThat(series("aws_integration_freshness_stale")).containsOnly(
                Map.entry(ORDERS_SERIES, 1.0), Map.entry(BILLING_SERIES, 0.0), Map.entry(QUIET_SERIES, 0.0));
        assertThat(series("aws_integration_freshness_lagging")).containsOnly(
                Map.entry(ORDERS_SERIES, 0.0), Map.entry(BILLING_SERIES, 1.0), Map.entry(QUIET_SERIES, 0.0));
        assertThat(series("aws_integration_freshness_tables_failing")).containsOnly(
                Map.entry(ORDERS_SERIES, 1.0), Map.entry(BILLING_SERIES, 0.0), Map.entry(QUIET_SERIES, 0.0));
        assertThat(series("integration_monitor_freshness_integrations")).containsOnly(
                Map.entry("state=\"fresh\"", 1.0), Map.entry("state=\"stale\"", 1.0),
                Map.entry("state=\"lagging\"", 1.0), Map.entry("state=\"tables_failing\"", 1.0));
        // and no per-table series unless opted in
        assertThat(series("aws_glue_integration_table_ingestion_failed")).isEmpty();
        assertThat(series("integration_monitor_freshness_table_series_dropped")).isEmpty();
    }

    @Test
    void anIntegrationNoLongerInTheReadingsLosesItsSeriesAndAMetricFallenSilentToo() {
        // given two integrations rendered
        readings.set(List.of(orders(T0, 1.0, List.of("a"), Set.of(FreshnessVerdict.TABLES_FAILING)),
                billing(60.0, 0.0, Set.of())));
        metrics = new FreshnessMetrics(prometheus, readings, true);
        metrics.refresh();
        assertThat(series("aws_integration_freshness_stale")).hasSize(2);

        // when billing is no longer watched and orders' last poll saw no IngestionFailed datapoint
        readings.set(List.of(orders(T0, null, List.of(), Set.of())));
        metrics.refresh();

        // then
        assertThat(series("aws_integration_freshness_stale")).containsOnlyKeys(ORDERS_SERIES);
        assertThat(series("aws_integration_freshness_tables_failing")).containsExactly(Map.entry(ORDERS_SERIES, 0.0));
        assertThat(series("aws_redshift_integration_lag_seconds")).isEmpty();
        assertThat(series("aws_redshift_integration_tables_failed")).isEmpty();
        assertThat(series("aws_glue_integration_ingestion_failed")).isEmpty();
        assertThat(series("aws_glue_integration_table_ingestion_failed")).isEmpty();
        assertThat(series("aws_glue_integration_last_sync_timestamp_seconds")).containsOnlyKeys(ORDERS_SERIES);
        assertThat(series("integration_monitor_freshness_integrations")).containsOnly(
                Map.entry("state=\"fresh\"", 1.0), Map.entry("state=\"stale\"", 0.0),
                Map.entry("state=\"lagging\"", 0.0), Map.entry("state=\"tables_failing\"", 0.0));
    }

    @Test
    void anUnchangedRefreshKeepsTheRenderedBlockAndAChangedOneReplacesItWhole() {
        // given a rendered series
        readings.set(List.of(billing(60.0, 0.0, Set.of())));
        metrics = new FreshnessMetrics(prometheus, readings, false);
        metrics.refresh();
        RenderedBlock before = lagBlock();

        // when the next refresh reads the same
        readings.set(List.of(billing(60.0, 0.0, Set.of())));
        metrics.refresh();
        // then nothing was rendered again
        assertThat(lagBlock()).isSameAs(before);

        // when a refresh reads a new lag for the same integration
        readings.set(List.of(billing(900.0, 0.0, Set.of(FreshnessVerdict.LAGGING))));
        metrics.refresh();

        // then the block is replaced whole (a scrape sees the old one or the new one, never both) with the value
        assertThat(lagBlock()).isNotSameAs(before);
        assertThat(series("aws_redshift_integration_lag_seconds")).containsExactly(Map.entry(BILLING_SERIES, 900.0));
    }

    private RenderedBlock lagBlock() {
        return prometheus.rendered().families().stream()
                .filter(f -> f.sortName().equals("aws_redshift_integration_lag_seconds"))
                .findFirst().orElseThrow().block(metrics);
    }

    @Test
    void perTableSeriesAreOptInCappedAndTheDroppedOnesCounted() {
        // given more failing tables than the cap allows series, one name with characters the exposition escapes
        List<String> tables = IntStream.range(0, FreshnessMetrics.MAX_TABLE_SERIES + 7)
                .mapToObj(i -> i == 0 ? "odd \"name\"\nhere" : String.format("t%04d", i)).toList();
        readings.set(List.of(orders(T0, 9.0, tables, Set.of(FreshnessVerdict.TABLES_FAILING))));
        metrics = new FreshnessMetrics(prometheus, readings, true);

        // when refreshed
        metrics.refresh();

        // then the first MAX_TABLE_SERIES tables have a series = 1, the rest are counted
        Map<String, Double> perTable = series("aws_glue_integration_table_ingestion_failed");
        assertThat(perTable).hasSize(FreshnessMetrics.MAX_TABLE_SERIES).containsValues(1.0).doesNotContainValue(0.0)
                .containsKey(ORDERS_SERIES + ",table=\"odd \\\"name\\\"\\nhere\"")
                .containsKey(ORDERS_SERIES + ",table=\"t0999\"")
                .doesNotContainKey(ORDERS_SERIES + ",table=\"t1000\"");
        assertThat(series("integration_monitor_freshness_table_series_dropped")).containsExactly(Map.entry("", 7.0));

        // and when fewer fail, nothing is dropped
        readings.set(List.of(orders(T0, 1.0, List.of("t0001"), Set.of(FreshnessVerdict.TABLES_FAILING))));
        metrics.refresh();
        assertThat(series("aws_glue_integration_table_ingestion_failed"))
                .containsExactly(Map.entry(ORDERS_SERIES + ",table=\"t0001\"", 1.0));
        assertThat(series("integration_monitor_freshness_table_series_dropped")).containsExactly(Map.entry("", 0.0));
    }

    @Test
    void aFailedReadKeepsTheLastSeriesAndIsLoggedOncePerStreak() {
        // given rendered series
        readings.set(List.of(orders(T0, null, List.of(), Set.of(FreshnessVerdict.STALE))));
        metrics = new FreshnessMetrics(prometheus, readings, false);
        metrics.refresh();

        // when the shared state cannot be read twice, then can again
        readings.failing = true;
        metrics.refresh();
        metrics.refresh();
        assertThat(series("aws_integration_freshness_stale")).containsExactly(Map.entry(ORDERS_SERIES, 1.0));
        readings.failing = false;
        readings.set(List.of());
        metrics.refresh();

        // then one warning, one recovery, and the series follow the readings again
        assertThat(logs.at(Level.WARN)).singleElement().satisfies(e ->
                assertThat(e.getFormattedMessage()).contains("cannot read freshness readings"));
        assertThat(logs.at(Level.INFO)).hasSize(1);
        assertThat(series("aws_integration_freshness_stale")).isEmpty();
    }

    @Test
    void startRefreshesOnASchedule() {
        // given a started refresher
        metrics = new FreshnessMetrics(prometheus, readings, false);
        metrics.start(Duration.ofMillis(20));

        // when a reading appears in the shared state (another replica polled), then the gauges follow
        readings.set(List.of(billing(30.0, 0.0, Set.of())));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> series("aws_redshift_integration_lag_seconds").containsKey(BILLING_SERIES));
    }

    @Test
    void requestedRefreshesRenderOffTheCallersThreadAndJoinOneThatIsPending() throws Exception {
        // given a render that is held up reading the shared state
        metrics = new FreshnessMetrics(prometheus, readings, false);
        readings.set(List.of(billing(30.0, 0.0, Set.of())));
        CountDownLatch release = new CountDownLatch(1);
        readings.gate = release;

        // when many polls ask for a refresh meanwhile
        metrics.requestRefresh();
        await().atMost(Duration.ofSeconds(10)).until(() -> readings.reads.get() == 1);
        for (int i = 0; i < 50; i++) {
            metrics.requestRefresh();
        }

        // then none of them waited (we got here), and they cost one more render, not fifty
        readings.gate = null;
        release.countDown();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> series("aws_redshift_integration_lag_seconds").containsKey(BILLING_SERIES));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> readings.reads.get() == 2);
    }

    /** The shared readings as another replica left them; can be made to fail like a database outage. */
    private static final class Readings implements FreshnessReadings {
        private volatile List<FreshnessReading> all = List.of();
        volatile boolean failing;
        /** When set, a read waits for it: a slow database. */
        volatile CountDownLatch gate;
        final AtomicInteger reads = new AtomicInteger();

        void set(List<FreshnessReading> readings) {
            all = List.copyOf(readings);
        }

        @Override
        public Map<String, FreshnessReading> of(String accountId, String region) {
            throw new UnsupportedOperationException("the gauges read all()");
        }

        @Override
        public void replace(String accountId, String region, List<FreshnessReading> readings) {
            throw new UnsupportedOperationException("the gauges never write");
        }

        @Override
        public List<FreshnessReading> all() {
            reads.incrementAndGet();
            CountDownLatch waitFor = gate;
            if (waitFor != null) {
                try {
                    waitFor.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failing) {
                throw new StateStoreException("state store: reading every freshness reading failed: down", null);
            }
            return all;
        }
    }
}
