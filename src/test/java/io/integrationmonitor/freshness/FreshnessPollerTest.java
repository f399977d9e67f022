package io.integrationmonitor.freshness;

import io.integrationmonitor.aws.LoopbackAws;
import io.integrationmonitor.config.FreshnessConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.integrationmonitor.freshness.FreshnessFixtures.NOW;
import static io.integrationmonitor.freshness.FreshnessFixtures.glue;
import static io.integrationmonitor.freshness.FreshnessFixtures.glueArn;
import static io.integrationmonitor.freshness.FreshnessFixtures.page;
import static io.integrationmonitor.freshness.FreshnessFixtures.rds;
import static io.integrationmonitor.freshness.FreshnessFixtures.rdsArn;
import static io.integrationmonitor.freshness.FreshnessFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Through the real SDK CloudWatchClient (awsQuery over HTTP) against a scripted endpoint on loopback. */
class FreshnessPollerTest {
    private static final Instant T1 = NOW.minus(Duration.ofMinutes(10));
    private static final Instant T2 = NOW.minus(Duration.ofMinutes(5));

    private CloudWatchLoopback loopback;
    private FreshnessPoller poller;

    @BeforeEach
    void setUp() throws Exception {
        loopback = new CloudWatchLoopback(new SimpleMeterRegistry());
        poller = new FreshnessPoller(loopback.cloudWatch, FreshnessConfig.defaults());
    }

    @AfterEach
    void tearDown() {
        loopback.close();
    }

    @Test
    void oneRequestForOneBatchReadBackIntoMeasurements() {
        // given CloudWatch answers one page
        Instant synced = Instant.parse("2026-12-03T11:45:00Z");
        loopback.page(page(null,
                result("q0_sync", List.of(T2), List.of((double) synced.getEpochSecond())),
                result("q0_ingfail", "orders", "Complete", List.of(T2), List.of(2.0)),
                result("q1_lag", List.of(T2, T1), List.of(90.0, 30.0)),
                result("q1_tblfail", List.of(T2), List.of(0.0))));

        // when
        FreshnessPoller.Poll poll = poller.poll(List.of(glue(0), rds(1)), NOW);

        // then
        assertThat(poll.requests()).isEqualTo(1);
        assertThat(poll.queries()).isEqualTo(4);
        assertThat(poll.measured().get(glueArn(0)).lastSync()).isEqualTo(synced);
        assertThat(poll.measured().get(glueArn(0)).failingTables()).containsExactly("orders");
        assertThat(poll.measured().get(rdsArn(1)).lag()).extracting(LagSample::seconds).containsExactly(30.0, 90.0);
        assertThat(poll.measured().get(rdsArn(1)).tablesFailed()).isEqualTo(0.0);
        String body = body(loopback.aws.requests().get(0));
        assertThat(body).contains("Action=GetMetricData", "ScanBy=TimestampDescending",
                "StartTime=2026-12-03T09:00:00Z", "EndTime=2026-12-03T12:00:00Z",
                "MetricDataQueries.member.1.Id=q0_sync", "MetricDataQueries.member.4.Id=q1_tblfail",
                "MetricDataQueries.member.2.Expression=SEARCH('{AWS/Glue/ZeroETL,integrationArn,tableName}");
    }

    @Test
    void requestsAreQueriesOverFiveHundredRoundedUpWithoutNextToken() {
        // given 251 Glue integrations: 502 queries
        loopback.page(page(null)).page(page(null));

        // when
        FreshnessPoller.Poll poll = poller.poll(FreshnessFixtures.glue(0, 251), NOW);

        // then
        assertThat(poll.queries()).isEqualTo(502);
        assertThat(poll.requests()).isEqualTo(2).isEqualTo((poll.queries() + 499) / 500);
        assertThat(loopback.requests()).isEqualTo(2);
        assertThat(body(loopback.aws.requests().get(1))).contains("MetricDataQueries.member.2.Id=q250_ingfail")
                .doesNotContain("MetricDataQueries.member.3.");
    }

    @Test
    void followsNextTokenAndCountsEveryPage() {
        // given the lag comes back in two pages
        loopback.page(page("token-1", result("q0_lag", "IntegrationLag", "PartialData", List.of(T2), List.of(90.0)),
                        result("q0_tblfail", List.of(T2), List.of(1.0))))
                .page(page(null, result("q0_lag", List.of(T1), List.of(30.0)),
                        result("q0_tblfail", List.of(), List.of())));

        // when
        FreshnessPoller.Poll poll = poller.poll(List.of(rds(0)), NOW);

        // then
        assertThat(poll.requests()).isEqualTo(2);
        assertThat(body(loopback.aws.requests().get(1))).contains("NextToken=token-1");
        assertThat(poll.measured().get(rdsArn(0)).lag()).extracting(LagSample::seconds).containsExactly(30.0, 90.0);
        assertThat(poll.measured().get(rdsArn(0)).tablesFailed()).isEqualTo(1.0);
    }

    @Test
    void aMalformedAnswerFailsThePollWithoutAwsText() {
        // given a result for an id nobody asked for
        loopback.page(page(null, result("q7_sync", List.of(T2), List.of(1.0))));

        // when / then
        assertThatThrownBy(() -> poller.poll(List.of(glue(0)), NOW))
                .isInstanceOf(FreshnessPollException.class)
                .hasCauseInstanceOf(MalformedMetricDataException.class)
                .hasMessage("CloudWatch GetMetricData page 1: GetMetricData returned a result for an Id this "
                        + "request did not ask for");
    }

    @Test
    void aServerErrorFailsThePollSecretFree() {
        // given CloudWatch fails
        loopback.error(500, "InternalServiceError");

        // when / then
        assertThatThrownBy(() -> poller.poll(List.of(glue(0)), NOW))
                .isInstanceOfSatisfying(FreshnessPollException.class, e -> {
                    assertThat(e.requests()).isEqualTo(1);
                    assertThat(e.queries()).isEqualTo(2);
                })
                .hasMessage("CloudWatch GetMetricData page 1: InternalServiceError from CloudWatch (HTTP 500)")
                .hasMessageNotContaining("loopback-secret");
    }

    @Test
    void stopsABatchThatNeverStopsPaging() {
        // given every page names a next one, and a cap of 3 pages (the production cap is 100)
        for (int i = 0; i < 4; i++) {
            loopback.page(page("again"));
        }
        FreshnessPoller capped = new FreshnessPoller(loopback.cloudWatch, FreshnessConfig.defaults(), 3);

        // when / then no request beyond the cap
        assertThatThrownBy(() -> capped.poll(List.of(glue(0)), NOW))
                .isInstanceOf(FreshnessPollException.class)
                .hasMessageContaining("kept paging past 3 pages");
        assertThat(loopback.requests()).isEqualTo(3);
    }

    private static String body(LoopbackAws.Request request) {
        return URLDecoder.decode(request.body(), StandardCharsets.UTF_8);
    }
}
