package io.integrationmonitor.metrics;

import io.integrationmonitor.freshness.FreshnessPollRecorder;
import io.integrationmonitor.freshness.FreshnessPollResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.snapshots.Labels;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Health of the freshness polls themselves, per {@code account_id, region} (the configured targets' regions: a
 * bounded set):
 * <ul>
 *   <li>{@code integration_monitor_freshness_polls_total{outcome}}: completed, failed, not_permitted; zero
 *       from the first poll of the (account, region) on</li>
 *   <li>{@code integration_monitor_freshness_requests_total}: {@code GetMetricData} requests, one per page (what
 *       CloudWatch bills is the metrics asked: see the next)</li>
 *   <li>{@code integration_monitor_freshness_queries_total}: metric queries asked</li>
 *   <li>{@code integration_monitor_freshness_poll_duration_seconds}: every poll that asked, successful or not</li>
 *   <li>{@code integration_monitor_freshness_last_success_timestamp_seconds}: from the first completed poll on
 *       (a 0 before would be a lie)</li>
 * </ul>
 * A run skipped while not permitted (no request: the runner asks only every 10th) is no poll and is not recorded.
 *
 * <p>Kept rendered, as {@link PollMetrics} keeps the status polls' families: an (account, region)'s samples are
 * written when its poll ends, from Micrometer's Prometheus meters in a registry that is never scraped.
 */
public final class FreshnessPollMetrics implements FreshnessPollRecorder {
    private static final String DURATION_HELP =
            "Duration of each freshness poll of an account and region, successful or not";

    private final RenderedExposition exposition;
    private final MeterRegistry meters;
    private final RenderedFamily polls;
    private final RenderedFamily requests;
    private final RenderedFamily queries;
    private final RenderedFamily duration;
    private final RenderedFamily durationMax;
    private final RenderedFamily lastSuccess;
    private final Map<List<String>, PlaceMeters> byPlace = new ConcurrentHashMap<>();

    public FreshnessPollMetrics(PrometheusMetrics metrics) {
        this(metrics.rendered(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** @param meters where the meters count; never scraped */
    FreshnessPollMetrics(RenderedExposition exposition, MeterRegistry meters) {
        this.exposition = exposition;
        this.meters = meters;
        this.polls = exposition.family("integration_monitor_freshness_polls", RenderedFamily.Type.COUNTER,
                "Freshness polls (CloudWatch GetMetricData) of an account and region, by outcome");
        this.requests = exposition.family("integration_monitor_freshness_requests", RenderedFamily.Type.COUNTER,
                "GetMetricData requests sent by the freshness polls, one per page");
        this.queries = exposition.family("integration_monitor_freshness_queries", RenderedFamily.Type.COUNTER,
                "Metric queries asked by the freshness polls (GetMetricData bills per metric)");
        this.duration = exposition.family("integration_monitor_freshness_poll_duration_seconds",
                RenderedFamily.Type.HISTOGRAM, DURATION_HELP);
        this.durationMax = exposition.family("integration_monitor_freshness_poll_duration_seconds_max",
                RenderedFamily.Type.GAUGE, DURATION_HELP);
        this.lastSuccess = exposition.family("integration_monitor_freshness_last_success_timestamp_seconds",
                RenderedFamily.Type.GAUGE, "Unix time of the last completed freshness poll");
    }

    @Override
    public void record(FreshnessPollResult result, Duration took) {
        byPlace.computeIfAbsent(List.of(result.accountId(), result.region()),
                k -> new PlaceMeters(meters, result.accountId(), result.region())).record(result, took);
    }

    /** One account and region's meters; its polls come one at a time, the lock is its own. */
    private final class PlaceMeters {
        final Labels labels;
        final Map<FreshnessPollResult.Outcome, Counter> outcomes = new EnumMap<>(FreshnessPollResult.Outcome.class);
        final Counter requestCount;
        final Counter queryCount;
        final Timer timer;
        long lastSuccessMillis;
        boolean succeeded;

        PlaceMeters(MeterRegistry meters, String accountId, String region) {
            this.labels = Labels.of("account_id", accountId, "region", region);
            String[] tags = {"account_id", accountId, "region", region};
            for (FreshnessPollResult.Outcome outcome : FreshnessPollResult.Outcome.values()) {
                outcomes.put(outcome, Counter.builder("integration.monitor.freshness.polls").tags(tags)
                        .tag("outcome", label(outcome)).register(meters));
            }
            requestCount = Counter.builder("integration.monitor.freshness.requests").tags(tags).register(meters);
            queryCount = Counter.builder("integration.monitor.freshness.queries").tags(tags).register(meters);
            timer = Timer.builder("integration.monitor.freshness.poll.duration")
                    .serviceLevelObjectives(MeterRows.POLL_DURATION_BUCKETS.toArray(Duration[]::new))
                    .tags(tags).register(meters);
        }

        synchronized void record(FreshnessPollResult result, Duration took) {
            outcomes.get(result.outcome()).increment();
            requestCount.increment(result.requests());
            queryCount.increment(result.queries());
            timer.record(took);
            if (result.outcome() == FreshnessPollResult.Outcome.COMPLETED) {
                lastSuccessMillis = result.at().toEpochMilli();
                succeeded = true;
            }
            publish();
        }

        private void publish() {
            List<DataPointBlock.Row> outcomeRows = new ArrayList<>();
            outcomes.forEach((outcome, counter) ->
                    outcomeRows.add(MeterRows.counter(polls, labels.add("outcome", label(outcome)), counter.count())));
            replace(polls, outcomeRows);
            replace(requests, List.of(MeterRows.counter(requests, labels, requestCount.count())));
            replace(queries, List.of(MeterRows.counter(queries, labels, queryCount.count())));
            HistogramSnapshot h = timer.takeSnapshot();
            replace(duration, List.of(MeterRows.histogram(duration, labels, h)));
            replace(durationMax, List.of(MeterRows.max(durationMax, labels, h)));
            if (succeeded) {
                replace(lastSuccess, List.of(MeterRows.gauge(lastSuccess, labels, lastSuccessMillis / 1000.0)));
            }
        }

        private void replace(RenderedFamily family, List<DataPointBlock.Row> rows) {
            DataPointBlock.publish(exposition, family, this, rows);
        }
    }

    private static String label(FreshnessPollResult.Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }
}
