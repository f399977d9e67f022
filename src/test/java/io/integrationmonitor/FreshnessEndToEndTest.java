package io.integrationmonitor;

import ch.qos.logback.classic.Level;
import com.sun.net.httpserver.HttpServer;
import io.integrationmonitor.alert.AlertView;
import io.integrationmonitor.alert.evaluate.Condition;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.freshness.FreshnessFinding;
import io.integrationmonitor.freshness.FreshnessPollResult;
import io.integrationmonitor.freshness.FreshnessRunner;
import io.integrationmonitor.freshness.FreshnessVerdict;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.Operation;
import io.integrationmonitor.simulator.SimFreshness;
import io.integrationmonitor.testing.LogCapture;
import io.integrationmonitor.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.integrationmonitor.MonitorFixture.ACCOUNT;
import static io.integrationmonitor.MonitorFixture.REGION;
import static io.integrationmonitor.MonitorFixture.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Freshness and lag end to end: the whole monitor (composition root, status polls, the freshness runner, shared
 * state, gauges, alerting to a Slack fake on port 0) asks the simulator's CloudWatch through the unmodified SDK
 * {@code CloudWatchClient}. The monitor and the simulator's metric series share a clock the test moves, so the
 * periods, ages and N-of-M samples are exact.
 */
class FreshnessEndToEndTest {
    private static final String SLACK_AND_FRESHNESS = """
            alerting:
              receivers: [{name: slack, slack: {webhook_url: "http://127.0.0.1:%d/hook"}}]
              default_receivers: [slack]
            freshness:
              period: 1m
              lookback: 1h
              lag: {threshold: 15m, samples: 2, window: 3}
            """;

    @TempDir
    Path dataDir;
    @RegisterExtension
    final LogCapture logs = LogCapture.of(FreshnessRunner.class).withLevel(Level.INFO);

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MINUTES));
    private final List<String> slackMessages = new CopyOnWriteArrayList<>();
    private HttpServer slack;
    private MonitorFixture fixture;

    @BeforeEach
    void startSlack() throws IOException {
        slack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slack.createContext("/hook", exchange -> {
            slackMessages.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        slack.start();
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
        slack.stop(0);
    }

    @Test
    void anActiveIntegrationThatStopsSyncingGoesStaleWithItsAgeAndRecoversWhenItSyncsAgain() {
        // given a monitor that has polled once, and an ACTIVE Glue integration (RefreshInterval 15m: stale after
        // 3 x 15m + 15m = 1h) that stops syncing now
        String arn = start(new EstateSpec(3, 0, 0, 0, 0)).get(0).arn();
        assertThat(freshness().findings()).isEmpty();
        freshnessControls().stopSyncing(arn, clock.instant());

        // when 40 minutes pass (its last sync is 40 to 55 minutes old: it syncs every 15m): not stale yet
        clock.advance(Duration.ofMinutes(40));
        assertThat(freshness().findings()).isEmpty();

        // and when 80 minutes have passed (80 to 95 minutes since its last sync)
        clock.advance(Duration.ofMinutes(40));
        FreshnessPollResult stale = freshness();

        // then it is stale, with its age and the rule in the message, as an alert and as gauges
        assertThat(stale.findings()).singleElement().satisfies(f -> {
            assertThat(f.verdict()).isEqualTo(FreshnessVerdict.STALE);
            assertThat(f.integration().arn()).isEqualTo(arn);
            assertThat(f.detail()).matches("last sync 1h(2|3)\\dm ago, refresh interval 15m \\(stale after 1h\\)");
        });
        assertThat(freshnessAlerts(Condition.STALE)).singleElement().satisfies(a -> {
            assertThat(a.firing()).isTrue();
            assertThat(a.alert().resourceArn()).isEmpty();
            assertThat(a.alert().detail()).startsWith("last sync 1h");
        });
        String metrics = fixture.scrape();
        assertThat(sample(metrics, "aws_integration_freshness_stale", arn)).isEqualTo(1.0);
        assertThat(sample(metrics, "aws_glue_integration_last_sync_timestamp_seconds", arn))
                .isLessThanOrEqualTo((double) clock.instant().minus(Duration.ofMinutes(80)).getEpochSecond());
        fixture.monitor().startAlertDelivery();
        await().atMost(Duration.ofSeconds(15)).until(() -> count("[FIRING]", "last sync 1h") == 1);

        // and when it syncs again (on its 15m grid: within 16 minutes), the next poll resolves it, with a notice
        freshnessControls().resumeSyncing(arn);
        clock.advance(Duration.ofMinutes(16));
        assertThat(freshness().findings()).isEmpty();
        assertThat(freshnessAlerts(Condition.STALE)).isEmpty();
        assertThat(sample(fixture.scrape(), "aws_integration_freshness_stale", arn)).isZero();
        await().atMost(Duration.ofSeconds(15)).until(() -> count("[RESOLVED]", "") == 1);
    }

    @Test
    void lagAboveItsThresholdAlertsOnlyInTwoOfTheLastThreeSamplesAndClearsTheSameWay() {
        // given an Aurora -> Redshift integration (freshness from AWS/Redshift IntegrationLag), samples of 1m
        start(new EstateSpec(1, 0, 0, 0, 0).withRdsIntegrations(1));
        String arn = active(ResourceKind.RDS_INTEGRATION).get(0).arn();
        Instant t0 = clock.instant();
        SimFreshness sim = freshnessControls();

        // when one sample spikes to 20m: 1 of the last 3 above the 15m threshold
        sim.lag(arn, t0, Duration.ofMinutes(20));
        sim.lag(arn, t0.plus(Duration.ofMinutes(1)), Duration.ofSeconds(30));
        clock.set(t0.plus(Duration.ofMinutes(3)));
        // then nothing: the damping holds it back
        assertThat(freshness().findings()).isEmpty();
        assertThat(sample(fixture.scrape(), "aws_redshift_integration_lag_seconds", arn)).isEqualTo(30.0);

        // when two samples in a row are high
        sim.lag(arn, t0.plus(Duration.ofMinutes(3)), Duration.ofMinutes(20));
        clock.set(t0.plus(Duration.ofMinutes(5)));
        // then it is lagging, with the figure
        assertThat(freshness().findings()).singleElement().satisfies(f -> {
            assertThat(f.verdict()).isEqualTo(FreshnessVerdict.LAGGING);
            assertThat(f.detail()).isEqualTo("lag 20m (threshold 15m) in 2 of the last 3 samples");
        });
        assertThat(freshnessAlerts(Condition.LAGGING)).singleElement()
                .satisfies(a -> assertThat(a.firing()).isTrue());
        String metrics = fixture.scrape();
        assertThat(sample(metrics, "aws_redshift_integration_lag_seconds", arn)).isEqualTo(1200.0);
        assertThat(sample(metrics, "aws_integration_freshness_lagging", arn)).isEqualTo(1.0);

        // when the lag falls back: one low sample keeps it lagging, the second clears it
        sim.lag(arn, t0.plus(Duration.ofMinutes(5)), Duration.ofSeconds(30));
        clock.set(t0.plus(Duration.ofMinutes(6)));
        assertThat(freshness().findings()).extracting(FreshnessFinding::verdict)
                .containsExactly(FreshnessVerdict.LAGGING);
        clock.set(t0.plus(Duration.ofMinutes(7)));
        assertThat(freshness().findings()).isEmpty();
        assertThat(freshnessAlerts(Condition.LAGGING)).isEmpty();
    }

    @Test
    void failingTablesAreCriticalWithTheirNamesFromCloudWatch() {
        // given a Glue integration whose ingestion fails for two tables, and an RDS one failing one table
        start(new EstateSpec(2, 0, 0, 0, 0).withRdsIntegrations(1));
        String glue = active(ResourceKind.GLUE_INTEGRATION).get(0).arn();
        String rds = active(ResourceKind.RDS_INTEGRATION).get(0).arn();
        freshnessControls().failTables(glue, List.of("orders", "customers"), clock.instant());
        freshnessControls().failTables(rds, List.of("payments"), clock.instant());

        // when two minutes pass
        clock.advance(Duration.ofMinutes(2));
        FreshnessPollResult result = freshness();

        // then both have failing tables: Glue's by name (SEARCH by tableName), Redshift's as a count
        assertThat(result.findings()).hasSize(2).allSatisfy(f ->
                assertThat(f.verdict()).isEqualTo(FreshnessVerdict.TABLES_FAILING));
        assertThat(result.findings()).filteredOn(f -> f.integration().arn().equals(glue)).singleElement()
                .satisfies(f -> {
                    assertThat(f.tables()).containsExactly("customers", "orders");
                    assertThat(f.detail()).isEqualTo("2 tables failing: customers, orders");
                });
        assertThat(result.findings()).filteredOn(f -> f.integration().arn().equals(rds)).singleElement()
                .satisfies(f -> assertThat(f.detail()).isEqualTo("1 table failing"));
        assertThat(freshnessAlerts(Condition.TABLES_FAILING)).hasSize(2)
                .allSatisfy(a -> assertThat(a.alert().condition().severity().name()).isEqualTo("CRITICAL"));
        String metrics = fixture.scrape();
        assertThat(sample(metrics, "aws_glue_integration_ingestion_failed", glue)).isPositive();
        assertThat(sample(metrics, "aws_redshift_integration_tables_failed", rds)).isEqualTo(1.0);
        fixture.monitor().startAlertDelivery();
        await().atMost(Duration.ofSeconds(15)).until(() -> count("[FIRING]", "customers, orders") == 1);
    }

    @Test
    void everyPageOfGetMetricDataIsFollowedAndTheReadingsAreTheSame() {
        // given a few integrations and a first reading with CloudWatch's whole pages
        start(new EstateSpec(3, 0, 0, 0, 0).withRdsIntegrations(1));
        clock.advance(Duration.ofMinutes(1));
        FreshnessPollResult whole = freshness();
        assertThat(whole.requests()).isEqualTo(1);

        // when CloudWatch answers 7 datapoints per page (8 series of 60 periods)
        freshnessControls().pageDatapoints(7);
        long before = fixture.simulator.calls().count(Operation.CLOUDWATCH_GET_METRIC_DATA);
        FreshnessPollResult paged = freshness();

        // then every page was asked for and counted, and the poll saw what one page saw
        long sent = fixture.simulator.calls().count(Operation.CLOUDWATCH_GET_METRIC_DATA) - before;
        assertThat(paged.outcome()).isEqualTo(FreshnessPollResult.Outcome.COMPLETED);
        assertThat(paged.requests()).isGreaterThan(10).isEqualTo((int) sent);
        assertThat(paged.readings()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("observedAt")
                .containsExactlyInAnyOrderElementsOf(whole.readings());
        assertThat(sample(fixture.scrape(), "integration_monitor_freshness_requests_total"))
                .isEqualTo((double) whole.requests() + paged.requests());
    }

    @Test
    void onePollSendsOneRequestPer500Queries() {
        // given more than 250 ACTIVE Glue integrations (2 queries each: more than 500 queries)
        start(new EstateSpec(330, 0, 0, 0, 0));
        int watched = active(ResourceKind.GLUE_INTEGRATION).size();
        assertThat(watched).as("ACTIVE Glue integrations").isGreaterThan(250);

        // when freshness is polled
        long before = fixture.simulator.calls().count(Operation.CLOUDWATCH_GET_METRIC_DATA);
        FreshnessPollResult result = freshness();

        // then ceil(queries / 500) requests, one reading per integration
        int queries = 2 * watched;
        assertThat(result.queries()).isEqualTo(queries);
        assertThat(result.requests()).isEqualTo((queries + 499) / 500)
                .isEqualTo((int) (fixture.simulator.calls().count(Operation.CLOUDWATCH_GET_METRIC_DATA) - before));
        assertThat(result.readings()).hasSize(watched);
    }

    @Test
    void aRoleWithoutCloudWatchIsReportedOnceAndTheStatusPollsGoOn() {
        // given a role CloudWatch refuses
        start(new EstateSpec(3, 0, 0, 0, 0));
        freshnessControls().denyCloudWatch(ACCOUNT);

        // when freshness is polled three times, with the status polls between
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(5));
            fixture.pollAllExpectingSuccess();
            assertThat(freshness().outcome()).isEqualTo(FreshnessPollResult.Outcome.NOT_PERMITTED);
        }

        // then one WARN naming the action, CloudWatch asked once (the next probe is the 10th), no alert, ready
        assertThat(logs.at(Level.WARN)).singleElement().satisfies(w -> assertThat(w.getFormattedMessage())
                .contains(ACCOUNT, REGION, "cloudwatch:GetMetricData"));
        assertThat(fixture.simulator.calls().count(Operation.CLOUDWATCH_GET_METRIC_DATA)).isEqualTo(1);
        assertThat(fixture.monitor().alerting().engine().alerts()).isEmpty();
        assertThat(fixture.monitor().ready()).isTrue();
        assertThat(sample(fixture.scrape(), "integration_monitor_freshness_polls_total",
                "outcome=\"not_permitted\"")).isEqualTo(1.0);
    }

    private List<KnownResource> start(EstateSpec spec) {
        fixture = MonitorFixture.startAt(clock, spec, dataDir, SLACK_AND_FRESHNESS.formatted(slack.getAddress().getPort()));
        fixture.pollAllExpectingSuccess();
        return active(ResourceKind.GLUE_INTEGRATION);
    }

    private List<KnownResource> active(ResourceKind kind) {
        return fixture.monitor().store().allResources().stream()
                .filter(r -> r.resource().kind() == kind && r.status() == ResourceStatus.ACTIVE)
                .sorted(java.util.Comparator.comparing(KnownResource::arn)).toList();
    }

    private SimFreshness freshnessControls() {
        return fixture.simulator.freshness();
    }

    /** One freshness poll of the fixture's one account and region, which must complete or be refused. */
    private FreshnessPollResult freshness() {
        List<FreshnessPollResult> results = fixture.monitor().pollFreshnessOnce();
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.accountId()).isEqualTo(ACCOUNT);
            assertThat(r.region()).isEqualTo(REGION);
            assertThat(r.outcome()).as(r.message()).isNotEqualTo(FreshnessPollResult.Outcome.FAILED);
        });
        return results.get(0);
    }

    private List<AlertView> freshnessAlerts(Condition condition) {
        return fixture.monitor().alerting().engine().alerts().stream()
                .filter(a -> a.alert().condition() == condition).toList();
    }

    private long count(String state, String fragment) {
        return slackMessages.stream().filter(m -> m.contains(state) && m.contains(fragment)).count();
    }
}
