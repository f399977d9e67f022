package io.integrationmonitor.freshness;

import io.integrationmonitor.config.FreshnessConfig;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.integrationmonitor.freshness.FreshnessFixtures.NOW;
import static io.integrationmonitor.freshness.FreshnessFixtures.glue;
import static io.integrationmonitor.freshness.FreshnessFixtures.glueArn;
import static io.integrationmonitor.freshness.FreshnessFixtures.rds;
import static io.integrationmonitor.freshness.FreshnessFixtures.rdsArn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricResultsTest {
    private static final FreshnessConfig CONFIG = FreshnessConfig.defaults();
    private static final Instant T1 = NOW.minus(Duration.ofMinutes(10));
    private static final Instant T2 = NOW.minus(Duration.ofMinutes(5));

    private final MetricQueries queries = MetricQueries.of(List.of(glue(0), rds(1)), CONFIG);
    private final Set<String> ids = queries.asked().keySet();

    @Test
    void readsTheNewestLastSyncInSecondsOrMilliseconds() {
        // given the newest sync in seconds, and in milliseconds
        Instant synced = Instant.parse("2026-12-03T11:40:00Z");
        MetricResults seconds = results(page(stat("q0_sync", List.of(T2, T1),
                List.of((double) synced.getEpochSecond(), 1.0))));
        MetricResults millis = results(page(stat("q0_sync", List.of(T2), List.of((double) synced.toEpochMilli()))));

        // when / then
        assertThat(seconds.measurements().get(glueArn(0)).lastSync()).isEqualTo(synced);
        assertThat(millis.measurements().get(glueArn(0)).lastSync()).isEqualTo(synced);
    }

    @Test
    void readsLagOldestFirstAndTheNewestFailedTables() {
        // when newest first, as ScanBy TimestampDescending answers
        Map<String, Measurement> measured = results(page(
                stat("q1_lag", List.of(T2, T1), List.of(120.0, 60.0)),
                stat("q1_tblfail", List.of(T2, T1), List.of(2.0, 0.0)))).measurements();

        // then
        Measurement m = measured.get(rdsArn(1));
        assertThat(m.lag()).containsExactly(new LagSample(T1, 60.0), new LagSample(T2, 120.0));
        assertThat(m.tablesFailed()).isEqualTo(2.0);
        assertThat(m.lastSync()).isNull();
    }

    @Test
    void anIntegrationWithoutDatapointsIsMeasuredAsEmpty() {
        // when the results have no datapoints
        Map<String, Measurement> measured = results(page(stat("q0_sync", List.of(), List.of()),
                stat("q1_lag", List.of(), List.of()))).measurements();

        // then
        assertThat(measured).containsOnlyKeys(glueArn(0), rdsArn(1));
        assertThat(measured.get(glueArn(0))).isEqualTo(Measurement.empty(glueArn(0)));
        assertThat(measured.get(rdsArn(1))).isEqualTo(Measurement.empty(rdsArn(1)));
    }

    @Test
    void sumsIngestionFailuresWithinTheWindowByTable() {
        // given three tables, one failing only before the 15-minute window
        Instant old = NOW.minus(Duration.ofMinutes(40));
        MetricResults results = results(page(
                search("q0_ingfail", "orders", List.of(T2, T1), List.of(1.0, 2.0)),
                search("q0_ingfail", "customers", List.of(T2), List.of(0.0)),
                search("q0_ingfail", "items", List.of(old), List.of(5.0))));

        // when
        Measurement m = results.measurements().get(glueArn(0));

        // then
        assertThat(m.ingestionFailed()).isEqualTo(3.0);
        assertThat(m.failingTables()).containsExactly("orders");
        assertThat(m.moreFailingTables()).isZero();
    }

    @Test
    void noIngestionDatapointWithinTheWindowIsAbsentNotZero() {
        // when
        Measurement m = results(page(search("q0_ingfail", "items", List.of(NOW.minus(Duration.ofHours(1))),
                List.of(5.0)))).measurements().get(glueArn(0));

        // then
        assertThat(m.ingestionFailed()).isNull();
        assertThat(m.failingTables()).isEmpty();
    }

    @Test
    void capsTheFailingTablesSortedAndCountsTheRest() {
        // given 25 failing tables, at most 20 named
        List<MetricDataResult> tables = new ArrayList<>();
        for (int i = 24; i >= 0; i--) {
            tables.add(search("q0_ingfail", String.format("t%02d", i), List.of(T2), List.of(1.0)));
        }

        // when
        Measurement m = results(page(tables.toArray(MetricDataResult[]::new))).measurements().get(glueArn(0));

        // then
        assertThat(m.failingTables()).hasSize(20).isSorted().startsWith("t00").endsWith("t19");
        assertThat(m.moreFailingTables()).isEqualTo(5);
        assertThat(m.ingestionFailed()).isEqualTo(25.0);
    }

    @Test
    void aFailingSeriesWithoutATableNameIsCountedUnnamed() {
        // when a search series comes back without a label
        Measurement m = results(page(search("q0_ingfail", null, List.of(T2), List.of(4.0)),
                search("q0_ingfail", "orders", List.of(T2), List.of(1.0)))).measurements().get(glueArn(0));

        // then
        assertThat(m.ingestionFailed()).isEqualTo(5.0);
        assertThat(m.failingTables()).containsExactly("orders");
        assertThat(m.moreFailingTables()).isEqualTo(1);
    }

    @Test
    void mergesAQueryContinuedOnTheNextPage() {
        // given PartialData, then the rest
        MetricResults results = new MetricResults(queries, CONFIG, NOW);
        results.add(page(stat("q1_lag", List.of(T2), List.of(120.0)).toBuilder().statusCode(StatusCode.PARTIAL_DATA)
                .build()), ids);
        results.add(page(stat("q1_lag", List.of(T1), List.of(60.0))), ids);

        // when / then
        assertThat(results.measurements().get(rdsArn(1)).lag())
                .containsExactly(new LagSample(T1, 60.0), new LagSample(T2, 120.0));
    }

    @Test
    void aMalformedPageFailsTheWholePoll() {
        List<GetMetricDataResponse> malformed = List.of(
                page(stat("q9_sync", List.of(T2), List.of(1.0))),
                page(stat(null, List.of(T2), List.of(1.0))),
                page(stat("q0_sync", List.of(T2, T1), List.of(1.0))),
                page(stat("q0_sync", List.of(T2), List.of(Double.NaN))),
                page(stat("q1_lag", List.of(T2), List.of(Double.POSITIVE_INFINITY))),
                page(stat("q0_sync", List.of(T2), List.of(-1.0))),
                page(stat("q0_sync", List.of(T2), List.of(1.0)).toBuilder().statusCode(StatusCode.FORBIDDEN).build()),
                page(stat("q0_sync", List.of(T2), List.of(1.0)).toBuilder().statusCode(StatusCode.INTERNAL_ERROR)
                        .build()),
                page(stat("q0_sync", List.of(T2), List.of(1.0)).toBuilder().statusCode((String) null).build()),
                page(stat("q0_sync", List.of(T2), List.of(1.0)), stat("q0_sync", List.of(T1), List.of(1.0))));
        for (GetMetricDataResponse page : malformed) {
            MetricResults results = new MetricResults(queries, CONFIG, NOW);
            assertThatThrownBy(() -> results.add(page, ids)).as(page.toString())
                    .isInstanceOf(MalformedMetricDataException.class);
        }
    }

    @Test
    void anIdOfAnotherBatchIsNotThisPages() {
        // given a page of the batch that asked only q0_*
        MetricResults results = new MetricResults(queries, CONFIG, NOW);

        // when / then
        assertThatThrownBy(() -> results.add(page(stat("q1_lag", List.of(T2), List.of(1.0))),
                Set.of("q0_sync", "q0_ingfail"))).isInstanceOf(MalformedMetricDataException.class)
                .hasMessageContaining("did not ask for");
    }

    @Test
    void aSearchReturnsSeveralSeriesUnderOneId() {
        // when two tables come back under the search's id on one page
        MetricResults results = results(page(search("q0_ingfail", "a", List.of(T2), List.of(1.0)),
                search("q0_ingfail", "b", List.of(T2), List.of(1.0))));

        // then
        assertThat(results.measurements().get(glueArn(0)).failingTables()).containsExactly("a", "b");
    }

    @Test
    void convertsSyncTimestamps() {
        assertThat(MetricResults.syncInstant(1_764_763_200.0)).isEqualTo(Instant.ofEpochSecond(1_764_763_200L));
        assertThat(MetricResults.syncInstant(1_764_763_200_123.0)).isEqualTo(Instant.ofEpochMilli(1_764_763_200_123L));
        assertThat(MetricResults.syncInstant(1.5)).isEqualTo(Instant.ofEpochSecond(1, 500_000_000));
        assertThat(MetricResults.syncInstant(Double.MAX_VALUE)).isNotNull();
    }

    private MetricResults results(GetMetricDataResponse page) {
        MetricResults results = new MetricResults(queries, CONFIG, NOW);
        results.add(page, ids);
        return results;
    }

    private static GetMetricDataResponse page(MetricDataResult... results) {
        return GetMetricDataResponse.builder().metricDataResults(results).build();
    }

    private static MetricDataResult stat(String id, List<Instant> timestamps, List<Double> values) {
        return MetricDataResult.builder().id(id).statusCode(StatusCode.COMPLETE).timestamps(timestamps)
                .values(values).build();
    }

    private static MetricDataResult search(String id, String table, List<Instant> timestamps, List<Double> values) {
        return stat(id, timestamps, values).toBuilder().label(table).build();
    }
}
