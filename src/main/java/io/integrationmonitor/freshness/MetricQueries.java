package io.integrationmonitor.freshness;

import io.integrationmonitor.config.FreshnessConfig;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code GetMetricData} queries of one freshness poll, as a pure function of the watched integrations and the
 * configuration: per Glue integration its {@code LastSyncTimestamp} and a SEARCH for its tables'
 * {@code IngestionFailed}; per RDS- or Redshift-owned one its {@code IntegrationLag} and
 * {@code IntegrationNumTablesFailedReplication}. Query ids are {@code q<index>_<metric>}, index the integration's
 * place in the list, so that a result is read back by id alone ({@link #asked()}); the queries are cut, in order,
 * into batches of at most {@value #MAX_PER_REQUEST} (GetMetricData's limit per request).
 */
final class MetricQueries {
    static final int MAX_PER_REQUEST = 500;
    /** Names each SEARCH result after its table: CloudWatch's dynamic label of the {@code tableName} dimension. */
    static final String TABLE_LABEL = "${PROP('Dim.tableName')}";

    /** What one query id asks: the integration and the metric. */
    record Asked(String arn, QueriedMetric metric) {
    }

    private final List<WatchedIntegration> watched;
    private final List<List<MetricDataQuery>> batches;
    private final Map<String, Asked> asked;

    private MetricQueries(List<WatchedIntegration> watched, List<List<MetricDataQuery>> batches,
                          Map<String, Asked> asked) {
        this.watched = watched;
        this.batches = batches;
        this.asked = asked;
    }

    /**
     * @throws IllegalArgumentException for an ARN that could break out of a SEARCH expression (a quote, a
     *                                  backslash, a control character): never an integration ARN
     */
    static MetricQueries of(List<WatchedIntegration> watched, FreshnessConfig config) {
        int period = Math.toIntExact(config.period().toSeconds());
        List<MetricDataQuery> all = new ArrayList<>();
        Map<String, Asked> asked = new LinkedHashMap<>();
        for (int i = 0; i < watched.size(); i++) {
            WatchedIntegration w = watched.get(i);
            for (QueriedMetric metric : QueriedMetric.values()) {
                if (metric.source() != w.source()) {
                    continue;
                }
                String id = "q" + i + "_" + metric.shortName();
                all.add(metric.search() ? search(id, w, metric, period) : stat(id, w, metric, period));
                asked.put(id, new Asked(w.arn(), metric));
            }
        }
        List<List<MetricDataQuery>> batches = new ArrayList<>();
        for (int from = 0; from < all.size(); from += MAX_PER_REQUEST) {
            batches.add(List.copyOf(all.subList(from, Math.min(all.size(), from + MAX_PER_REQUEST))));
        }
        return new MetricQueries(List.copyOf(watched), List.copyOf(batches), Map.copyOf(asked));
    }

    List<WatchedIntegration> watched() {
        return watched;
    }

    List<List<MetricDataQuery>> batches() {
        return batches;
    }

    /** Query id to what it asks. */
    Map<String, Asked> asked() {
        return asked;
    }

    int count() {
        return asked.size();
    }

    private static MetricDataQuery stat(String id, WatchedIntegration w, QueriedMetric metric, int period) {
        Dimension dimension = w.source() == MetricSource.GLUE
                ? Dimension.builder().name("integrationArn").value(w.arn()).build()
                : Dimension.builder().name("IntegrationId").value(w.integrationId()).build();
        return MetricDataQuery.builder()
                .id(id)
                .metricStat(MetricStat.builder()
                        .metric(Metric.builder().namespace(w.source().namespace()).metricName(metric.metricName())
                                .dimensions(dimension).build())
                        .period(period)
                        .stat(metric.stat())
                        .build())
                .returnData(true)
                .build();
    }

    private static MetricDataQuery search(String id, WatchedIntegration w, QueriedMetric metric, int period) {
        return MetricDataQuery.builder()
                .id(id)
                .expression(searchExpression(w.source().namespace(), metric, w.arn(), period))
                .label(TABLE_LABEL)
                .returnData(true)
                .build();
    }

    /** {@code SEARCH('{NS,integrationArn,tableName} MetricName="M" integrationArn="ARN"', 'Sum', PERIOD)}. */
    static String searchExpression(String namespace, QueriedMetric metric, String arn, int period) {
        return "SEARCH('{" + namespace + ",integrationArn,tableName} MetricName=\"" + metric.metricName()
                + "\" integrationArn=\"" + quoted(arn) + "\"', '" + metric.stat() + "', " + period + ")";
    }

    /**
     * The ARN inside the search's double quotes, which sit inside single quotes. Integration ARNs hold none of
     * the characters that could end either (the poll package's ARN pattern): one that does is refused rather
     * than escaped into an expression nobody can check.
     */
    static String quoted(String arn) {
        for (int i = 0; i < arn.length(); i++) {
            char c = arn.charAt(i);
            if (c == '"' || c == '\\' || c == '\'' || Character.isISOControl(c)) {
                throw new IllegalArgumentException("an integration ARN with a quote, backslash or control "
                        + "character cannot be searched for");
            }
        }
        return arn;
    }
}
