package io.integrationmonitor.metrics;

import io.integrationmonitor.freshness.FreshnessPollResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FreshnessPollMetricsTest {
    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "eu-west-1";
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    private final PrometheusMetrics registry = PrometheusMetrics.create("test");
    private final FreshnessPollMetrics metrics = new FreshnessPollMetrics(registry);

    @Test
    void countsPollsRequestsAndQueriesByAccountAndRegion() {
        // when a failed poll, then a completed one of 3 requests and 1,002 queries
        metrics.record(result(FreshnessPollResult.Outcome.FAILED, 2, 1), Duration.ofSeconds(2));
        metrics.record(result(FreshnessPollResult.Outcome.COMPLETED, 1_002, 3), Duration.ofSeconds(4));

        // then
        String scrape = registry.scrape();
        String labels = "account_id=\"" + ACCOUNT + "\",region=\"" + REGION + "\"";
        assertThat(scrape).contains(
                polls("completed") + " 1.0", polls("failed") + " 1.0", polls("not_permitted") + " 0.0",
                "integration_monitor_freshness_requests_total{" + labels + "} 4.0",
                "integration_monitor_freshness_queries_total{" + labels + "} 1004.0",
                "integration_monitor_freshness_poll_duration_seconds_count{" + labels + "} 2",
                "integration_monitor_freshness_poll_duration_seconds_sum{" + labels + "} 6.0",
                "integration_monitor_freshness_last_success_timestamp_seconds{" + labels + "} "
                        + (double) NOW.getEpochSecond());
    }

    @Test
    void noLastSuccessBeforeTheFirstCompletedPoll() {
        // when only refused polls
        metrics.record(result(FreshnessPollResult.Outcome.NOT_PERMITTED, 2, 1), Duration.ofMillis(50));

        // then the gauge is absent rather than 0
        assertThat(registry.scrape()).doesNotContain("integration_monitor_freshness_last_success_timestamp_seconds")
                .contains(polls("not_permitted") + " 1.0");
    }

    /** Prometheus orders the labels by name. */
    private static String polls(String outcome) {
        return "integration_monitor_freshness_polls_total{account_id=\"" + ACCOUNT + "\",outcome=\"" + outcome
                + "\",region=\"" + REGION + "\"}";
    }

    private static FreshnessPollResult result(FreshnessPollResult.Outcome outcome, int queries, int requests) {
        return new FreshnessPollResult(ACCOUNT, REGION, outcome, NOW, "", List.of(), List.of(), queries, requests);
    }
}
