package io.integrationmonitor.freshness;

import io.integrationmonitor.config.FreshnessConfig;
import io.integrationmonitor.poll.PollErrors;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One freshness poll's {@code GetMetricData} calls: every batch of {@link MetricQueries}, each through the SDK's
 * paginator (which follows {@code NextToken}), over {@code [now - lookback, now]}, newest first. Counts the
 * requests (one per page) and the queries. A batch that keeps paging past {@value #MAX_PAGES_PER_BATCH} pages
 * fails the poll: the work per poll stays bounded whatever CloudWatch answers.
 */
final class FreshnessPoller {
    static final int MAX_PAGES_PER_BATCH = 100;

    private final CloudWatchClient cloudWatch;
    private final FreshnessConfig config;
    private final int maxPagesPerBatch;

    FreshnessPoller(CloudWatchClient cloudWatch, FreshnessConfig config) {
        this(cloudWatch, config, MAX_PAGES_PER_BATCH);
    }

    /** @param maxPagesPerBatch a batch paging past this fails the poll (tests: fewer than the request rate limit) */
    FreshnessPoller(CloudWatchClient cloudWatch, FreshnessConfig config, int maxPagesPerBatch) {
        this.cloudWatch = Objects.requireNonNull(cloudWatch, "cloudWatch");
        this.config = Objects.requireNonNull(config, "config");
        this.maxPagesPerBatch = maxPagesPerBatch;
    }

    /** What one poll measured, and what it cost. */
    record Poll(Map<String, Measurement> measured, int queries, int requests) {
        Poll {
            measured = Map.copyOf(measured);
        }
    }

    /**
     * @throws FreshnessPollException when a call failed (the SDK's error is its cause) or an answer is malformed;
     *                                it tells the queries and requests sent until then
     */
    Poll poll(List<WatchedIntegration> watched, Instant now) {
        MetricQueries queries = MetricQueries.of(watched, config);
        MetricResults results = new MetricResults(queries, config, now);
        int requests = 0;
        for (List<MetricDataQuery> batch : queries.batches()) {
            Set<String> ids = new HashSet<>();
            batch.forEach(q -> ids.add(q.id()));
            GetMetricDataRequest request = GetMetricDataRequest.builder()
                    .metricDataQueries(batch)
                    .startTime(now.minus(config.lookback()))
                    .endTime(now)
                    .scanBy(ScanBy.TIMESTAMP_DESCENDING)
                    .build();
            int pages = 0;
            try {
                Iterator<GetMetricDataResponse> iterator = cloudWatch.getMetricDataPaginator(request).iterator();
                GetMetricDataResponse last = null;
                while (last == null || hasMore(last)) {
                    if (pages == maxPagesPerBatch) {
                        throw new MalformedMetricDataException("GetMetricData kept paging past "
                                + maxPagesPerBatch + " pages for one batch");
                    }
                    requests++; // hasNext() sends the request of the page
                    if (!iterator.hasNext()) {
                        requests--;
                        break;
                    }
                    last = iterator.next();
                    results.add(last, ids);
                    pages++;
                }
            } catch (RuntimeException e) {
                throw new FreshnessPollException(describe(e, pages), e, queries.count(), requests);
            }
        }
        return new Poll(results.measurements(), queries.count(), requests);
    }

    /** The paginator's own rule: a page with a non-empty {@code NextToken} has a successor. */
    private static boolean hasMore(GetMetricDataResponse page) {
        return page.nextToken() != null && !page.nextToken().isEmpty();
    }

    private static String describe(RuntimeException e, int pages) {
        String where = "CloudWatch GetMetricData page " + (pages + 1);
        return e instanceof MalformedMetricDataException ? where + ": " + e.getMessage()
                : where + ": " + PollErrors.describe(e);
    }
}
