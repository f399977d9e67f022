package io.integrationmonitor.freshness;

import io.integrationmonitor.config.FreshnessConfig;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the pages of one freshness poll's {@code GetMetricData} calls say, checked and read back into one
 * {@link Measurement} per watched integration (pure: pages in, measurements out). Every page is checked whole
 * before anything of it is kept; one fault makes the poll fail ({@link MalformedMetricDataException}), never a
 * partial estate. A query that came back with {@code PartialData} continues on the next page (the paginator
 * follows {@code NextToken}): its datapoints are merged by timestamp.
 */
final class MetricResults {
    /** A {@code LastSyncTimestamp} above this is in milliseconds (1e11 s is the year 5138). */
    private static final double MILLIS_ABOVE = 1e11;

    private final MetricQueries queries;
    private final Instant windowStart;
    private final Duration period;
    private final int maxTables;
    /** MetricStat query id → its datapoints, by timestamp. */
    private final Map<String, TreeMap<Instant, Double>> series = new HashMap<>();
    /** SEARCH query id → table label → the sum of its datapoints within the window. */
    private final Map<String, Map<String, Double>> tables = new HashMap<>();

    MetricResults(MetricQueries queries, FreshnessConfig config, Instant now) {
        this.queries = queries;
        this.windowStart = now.minus(config.tablesFailing().window());
        this.period = config.period();
        this.maxTables = config.tablesFailing().maxTables();
    }

    /**
     * Checks one page of the batch whose query ids are {@code batchIds} and keeps what it says.
     *
     * @throws MalformedMetricDataException when the page is not what the model promises
     */
    void add(GetMetricDataResponse page, Set<String> batchIds) {
        List<MetricDataResult> results = page.metricDataResults();
        Set<String> statIdsSeen = new HashSet<>();
        for (MetricDataResult result : results) {
            check(result, batchIds, statIdsSeen);
        }
        for (MetricDataResult result : results) {
            keep(result);
        }
    }

    private void check(MetricDataResult result, Set<String> batchIds, Set<String> statIdsSeen) {
        String id = result.id();
        if (id == null || id.isEmpty()) {
            throw new MalformedMetricDataException("GetMetricData returned a result without an Id");
        }
        MetricQueries.Asked asked = queries.asked().get(id);
        if (asked == null || !batchIds.contains(id)) {
            throw new MalformedMetricDataException("GetMetricData returned a result for an Id this request did "
                    + "not ask for");
        }
        if (!asked.metric().search() && !statIdsSeen.add(id)) {
            throw new MalformedMetricDataException("GetMetricData returned two results for the metric query "
                    + id + " on one page");
        }
        StatusCode status = result.statusCode();
        if (status != StatusCode.COMPLETE && status != StatusCode.PARTIAL_DATA) {
            throw new MalformedMetricDataException("GetMetricData could not answer query " + id + " (StatusCode "
                    + (status == null ? "missing" : status == StatusCode.UNKNOWN_TO_SDK_VERSION ? "unknown"
                    : status.toString()) + ")");
        }
        List<Instant> timestamps = result.timestamps();
        List<Double> values = result.values();
        if (timestamps.size() != values.size()) {
            throw new MalformedMetricDataException("GetMetricData returned " + timestamps.size() + " timestamps and "
                    + values.size() + " values for query " + id);
        }
        for (int i = 0; i < timestamps.size(); i++) {
            Double value = values.get(i);
            if (timestamps.get(i) == null || value == null || !Double.isFinite(value)) {
                throw new MalformedMetricDataException("GetMetricData returned a missing or non-finite datapoint "
                        + "for query " + id);
            }
            if (asked.metric() == QueriedMetric.LAST_SYNC && value < 0) {
                throw new MalformedMetricDataException("GetMetricData returned a negative LastSyncTimestamp for "
                        + "query " + id);
            }
        }
    }

    private void keep(MetricDataResult result) {
        String id = result.id();
        MetricQueries.Asked asked = queries.asked().get(id);
        List<Instant> timestamps = result.timestamps();
        List<Double> values = result.values();
        if (asked.metric().search()) {
            // one series per table; a blank label (no table name) still counts, unnamed
            String table = result.label() == null ? "" : result.label();
            Map<String, Double> sums = tables.computeIfAbsent(id, k -> new LinkedHashMap<>());
            for (int i = 0; i < timestamps.size(); i++) {
                if (timestamps.get(i).plus(period).isAfter(windowStart)) {
                    sums.merge(table, values.get(i), Double::sum);
                }
            }
        } else {
            TreeMap<Instant, Double> points = series.computeIfAbsent(id, k -> new TreeMap<>());
            for (int i = 0; i < timestamps.size(); i++) {
                points.put(timestamps.get(i), values.get(i));
            }
        }
    }

    /** One measurement per watched integration, by ARN; a metric without datapoints is absent. */
    Map<String, Measurement> measurements() {
        Map<String, Map<QueriedMetric, String>> idsByArn = new HashMap<>();
        queries.asked().forEach((id, asked) ->
                idsByArn.computeIfAbsent(asked.arn(), a -> new HashMap<>()).put(asked.metric(), id));
        Map<String, Measurement> measured = new LinkedHashMap<>();
        for (WatchedIntegration w : queries.watched()) {
            Map<QueriedMetric, String> ids = idsByArn.getOrDefault(w.arn(), Map.of());
            measured.put(w.arn(), measurement(w.arn(), ids));
        }
        return measured;
    }

    private Measurement measurement(String arn, Map<QueriedMetric, String> ids) {
        Double sync = newest(ids.get(QueriedMetric.LAST_SYNC));
        List<LagSample> lag = new ArrayList<>();
        TreeMap<Instant, Double> lagPoints = series.get(ids.get(QueriedMetric.LAG));
        if (lagPoints != null) {
            lagPoints.forEach((at, seconds) -> lag.add(new LagSample(at, seconds)));
        }
        Double tablesFailed = newest(ids.get(QueriedMetric.TABLES_FAILED));
        Map<String, Double> sums = tables.get(ids.get(QueriedMetric.INGESTION_FAILED));
        Double ingestionFailed = null;
        List<String> failing = new ArrayList<>();
        int unnamed = 0;
        if (sums != null && !sums.isEmpty()) {
            ingestionFailed = sums.values().stream().mapToDouble(Double::doubleValue).sum();
            for (Map.Entry<String, Double> e : new TreeMap<>(sums).entrySet()) {
                if (e.getValue() > 0) {
                    if (e.getKey().isBlank()) {
                        unnamed++;
                    } else {
                        failing.add(e.getKey());
                    }
                }
            }
        }
        int more = unnamed + Math.max(0, failing.size() - maxTables);
        List<String> shown = failing.size() > maxTables ? failing.subList(0, maxTables) : failing;
        return new Measurement(arn, sync == null ? null : syncInstant(sync), lag, tablesFailed, ingestionFailed,
                shown, more);
    }

    private Double newest(String id) {
        TreeMap<Instant, Double> points = id == null ? null : series.get(id);
        return points == null || points.isEmpty() ? null : points.lastEntry().getValue();
    }

    /** Glue's {@code LastSyncTimestamp}: Unix seconds, or milliseconds when that large. */
    static Instant syncInstant(double value) {
        if (value > MILLIS_ABOVE) {
            return Instant.ofEpochMilli(Math.round(value));
        }
        long seconds = (long) Math.floor(value);
        return Instant.ofEpochSecond(seconds, Math.round((value - seconds) * 1e9));
    }
}
