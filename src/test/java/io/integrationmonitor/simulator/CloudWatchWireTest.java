package io.integrationmonitor.simulator;

import io.integrationmonitor.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * CloudWatch {@code GetMetricData} as the unmodified SDK {@code CloudWatchClient} speaks it (awsQuery, 2010-08-01),
 * the series derived from the estate and the {@link SimFreshness} controls, on a pinned metrics clock.
 */
class CloudWatchWireTest {
    private static final Partition HOME = new Partition(Estate.DEFAULT_ACCOUNT, "us-east-1");
    /** Half a minute into a period, so the newest period is a partial one. */
    private static final Instant NOW = Instant.parse("2026-03-02T12:00:30Z");
    private static final Instant CREATED = Instant.parse("2026-01-10T08:00:00Z");
    private static final String GLUE_ARN = "arn:aws:glue:us-east-1:123456789012:integration:"
            + "6a1b2c3d-0000-4e5f-8a9b-000000000001";
    private static final String RDS_ID = "7b2c3d4e-0000-4f5a-9b8c-000000000002";
    private static final String RDS_ARN = "arn:aws:rds:us-east-1:123456789012:integration:" + RDS_ID;

    private final MutableClock clock = new MutableClock(NOW);
    private AwsSimulator simulator;
    private CloudWatchClient cloudWatch;

    @BeforeEach
    void start() {
        simulator = AwsSimulator.start("127.0.0.1", 0, new Estate(), 8, clock);
        cloudWatch = new SdkClients(simulator.endpoint()).cloudWatch();
        simulator.estate().addIntegration(glue(GLUE_ARN, "orders-zetl", "ACTIVE"));
        simulator.estate().addRdsIntegration(new SimRdsIntegration(RDS_ARN, "sales-aurora-zetl",
                "arn:aws:rds:us-east-1:123456789012:cluster:sales", "arn:aws:redshift:us-east-1:123456789012:namespace:n1",
                "active", CREATED, null, null, null, Map.of(), List.of(), Map.of()));
    }

    @AfterEach
    void stop() {
        cloudWatch.close();
        simulator.close();
    }

    @Test
    void aHealthyGlueIntegrationsLastSyncAndARedshiftIntegrationsLagComeBack() {
        // given a Glue integration without a RefreshInterval (it syncs every minute) and an RDS one, both ACTIVE

        // when the last ten minutes are asked at a one-minute period, oldest first
        GetMetricDataResponse response = cloudWatch.getMetricData(request(NOW.minus(Duration.ofMinutes(10)), NOW,
                ScanBy.TIMESTAMP_ASCENDING, glueQuery("sync", "LastSyncTimestamp", "Maximum"),
                redshiftQuery("lag", "IntegrationLag"), redshiftQuery("replicated", "IntegrationNumTablesReplicated"),
                redshiftQuery("failed", "IntegrationNumTablesFailedReplication")));

        // then every period from 11:50 to the partial one at 12:00 has a datapoint: the sync at its end (the partial
        // one's at its start, the last before now), and 30 s of lag
        List<Instant> periods = minutes("2026-03-02T11:50:00Z", 11);
        MetricDataResult sync = result(response, "sync");
        assertThat(sync.statusCode()).isEqualTo(StatusCode.COMPLETE);
        assertThat(sync.label()).isEqualTo("LastSyncTimestamp");
        assertThat(sync.timestamps()).containsExactlyElementsOf(periods);
        List<Double> syncs = new ArrayList<>(minutes("2026-03-02T11:51:00Z", 10).stream()
                .map(t -> (double) t.getEpochSecond()).toList());
        syncs.add(epoch("12:00"));
        assertThat(sync.values()).containsExactlyElementsOf(syncs);
        MetricDataResult lag = result(response, "lag");
        assertThat(lag.timestamps()).containsExactlyElementsOf(periods);
        assertThat(lag.values()).hasSize(11).containsOnly(30.0);
        assertThat(result(response, "replicated").values()).hasSize(11).containsOnly(10.0);
        assertThat(result(response, "failed").values()).hasSize(11).containsOnly(0.0);
        assertThat(response.nextToken()).isNull();
    }

    @Test
    void aRefreshIntervalSpacesTheSyncsAndTheNewestPeriodComesFirstByDefault() {
        // given a Glue integration reporting a 15-minute RefreshInterval
        simulator.estate().addIntegration(glue(GLUE_ARN, "orders-zetl", "ACTIVE").withRefreshInterval(Duration.ofMinutes(15)));

        // when the last 40 minutes are asked at 5-minute periods, without ScanBy
        GetMetricDataResponse response = cloudWatch.getMetricData(r -> r.startTime(Instant.parse("2026-03-02T11:20:00Z"))
                .endTime(NOW).metricDataQueries(glueQuery("sync", "LastSyncTimestamp", "Maximum", 300),
                        glueQuery("succeeded", "IngestionSucceeded", "Sum", 300)));

        // then newest first, each period carries the last quarter-hour sync by its end; syncs count where they happen
        MetricDataResult sync = result(response, "sync");
        assertThat(sync.timestamps()).first().isEqualTo(Instant.parse("2026-03-02T12:00:00Z"));
        assertThat(sync.timestamps()).last().isEqualTo(Instant.parse("2026-03-02T11:20:00Z"));
        assertThat(sync.values()).containsExactly(epoch("12:00"), epoch("12:00"), epoch("11:45"), epoch("11:45"),
                epoch("11:45"), epoch("11:30"), epoch("11:30"), epoch("11:30"), epoch("11:15"));
        assertThat(result(response, "succeeded").timestamps()).containsExactly(Instant.parse("2026-03-02T12:00:00Z"),
                Instant.parse("2026-03-02T11:45:00Z"), Instant.parse("2026-03-02T11:30:00Z"));
        assertThat(result(response, "succeeded").values()).containsOnly(1.0);
    }

    @Test
    void stopSyncingSilencesLastSyncAndResumeBringsItBack() {
        // given the integration stopped syncing at 11:55:30
        simulator.freshness().stopSyncing(GLUE_ARN, Instant.parse("2026-03-02T11:55:30Z"));

        // when the last ten minutes are asked
        MetricDataResult silent = result(cloudWatch.getMetricData(request(NOW.minus(Duration.ofMinutes(10)), NOW,
                ScanBy.TIMESTAMP_ASCENDING, glueQuery("sync", "LastSyncTimestamp", "Maximum"))), "sync");

        // then the metric fell silent after its last sync at 11:55, as AWS's does
        assertThat(silent.statusCode()).isEqualTo(StatusCode.COMPLETE);
        assertThat(silent.timestamps()).containsExactlyElementsOf(minutes("2026-03-02T11:50:00Z", 6));
        assertThat(silent.values()).last().isEqualTo(epoch("11:55"));

        // when it resumes at 12:00:30 and three minutes pass
        simulator.freshness().resumeSyncing(GLUE_ARN);
        clock.set(NOW.plus(Duration.ofMinutes(3)));
        MetricDataResult resumed = result(cloudWatch.getMetricData(request(NOW.minus(Duration.ofMinutes(10)),
                clock.instant(), ScanBy.TIMESTAMP_ASCENDING, glueQuery("sync", "LastSyncTimestamp", "Maximum"))), "sync");

        // then the periods since have their syncs again (the newest, partial one its sync at 12:03), and the silent
        // stretch stays silent
        List<Instant> expected = new ArrayList<>(minutes("2026-03-02T11:50:00Z", 6));
        expected.addAll(minutes("2026-03-02T12:01:00Z", 3));
        assertThat(resumed.timestamps()).containsExactlyElementsOf(expected);
        assertThat(resumed.values()).last().isEqualTo(epoch("12:03"));
    }

    @Test
    void theLagTimelineSetsEachPeriodFromItsStart() {
        // given the lag high for one period, back to normal, then high for the last three
        SimFreshness freshness = simulator.freshness();
        freshness.lag(RDS_ARN, Instant.parse("2026-03-02T11:55:00Z"), Duration.ofMinutes(20));
        freshness.lag(RDS_ARN, Instant.parse("2026-03-02T11:55:30Z"), Duration.ofSeconds(40));
        freshness.lag(RDS_ARN, Instant.parse("2026-03-02T11:58:00Z"), Duration.ofMinutes(25));

        // when the lag of the last eight minutes is asked
        MetricDataResult lag = result(cloudWatch.getMetricData(request(NOW.minus(Duration.ofMinutes(8)), NOW,
                ScanBy.TIMESTAMP_ASCENDING, redshiftQuery("lag", "IntegrationLag"))), "lag");

        // then each period has the lag in force at its start: the 11:55:30 change counts from 11:56
        assertThat(lag.timestamps()).containsExactlyElementsOf(minutes("2026-03-02T11:52:00Z", 9));
        assertThat(lag.values()).containsExactly(30.0, 30.0, 30.0, 1200.0, 40.0, 40.0, 1500.0, 1500.0, 1500.0);
    }

    @Test
    void failingTablesComeBackFromSearchLabelledByTableAndCountedForRedshift() {
        // given two tables of the Glue integration failing since 11:55:30, one cleared at 11:58, and three of the RDS one
        SimFreshness freshness = simulator.freshness();
        freshness.failTables(GLUE_ARN, List.of("orders", "customers"), Instant.parse("2026-03-02T11:55:30Z"));
        freshness.failTables(GLUE_ARN, List.of("orders"), Instant.parse("2026-03-02T11:58:00Z"));
        freshness.failTables(RDS_ARN, List.of("a", "b", "c"), Instant.parse("2026-03-02T11:59:00Z"));

        // when the failing tables are searched, and the per-table and per-integration metrics asked
        String search = "SEARCH('{AWS/Glue/ZeroETL,integrationArn,tableName} MetricName=\"IngestionFailed\" "
                + "integrationArn=\"" + GLUE_ARN + "\"', 'Sum', 60)";
        GetMetricDataResponse response = cloudWatch.getMetricData(request(NOW.minus(Duration.ofMinutes(10)), NOW,
                ScanBy.TIMESTAMP_ASCENDING, MetricDataQuery.builder().id("tables").expression(search).build(),
                glueQuery("total", "IngestionFailed", "Sum"),
                MetricDataQuery.builder().id("orders").metricStat(s -> s.metric(m -> m.namespace("AWS/Glue/ZeroETL")
                        .metricName("IngestionFailed").dimensions(dimension("integrationArn", GLUE_ARN),
                                dimension("tableName", "orders"))).period(60).stat("Sum")).build(),
                redshiftQuery("rds", "IntegrationNumTablesFailedReplication")));

        // then one SEARCH result per table, sharing the query's Id, labelled with the table, 1 per failing period
        List<MetricDataResult> tables = response.metricDataResults().stream().filter(r -> r.id().equals("tables")).toList();
        assertThat(tables).extracting(MetricDataResult::label).containsExactly("customers", "orders");
        assertThat(tables.get(0).timestamps()).containsExactlyElementsOf(minutes("2026-03-02T11:56:00Z", 2));
        assertThat(tables.get(1).timestamps()).containsExactlyElementsOf(minutes("2026-03-02T11:56:00Z", 5));
        assertThat(tables).allSatisfy(t -> assertThat(t.values()).containsOnly(1.0));
        assertThat(result(response, "total").values()).containsExactly(2.0, 2.0, 1.0, 1.0, 1.0);
        assertThat(result(response, "orders").timestamps()).containsExactlyElementsOf(minutes("2026-03-02T11:56:00Z", 5));
        assertThat(result(response, "rds").values()).containsExactly(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
                3.0, 3.0);
    }

    @Test
    void redshiftOwnedAndGlueInboundIntegrationsHaveTheirMetricsToo() {
        // given a DynamoDB -> Redshift integration lagging 2 min and failing one table, and an inbound Glue one
        String id = "8c3d4e5f-0000-4a5b-8c9d-000000000003";
        String redshiftArn = "arn:aws:redshift:us-east-1:123456789012:integration:" + id;
        simulator.estate().addRedshiftIntegration(new SimRedshiftIntegration(redshiftArn, "orders-ddb",
                "arn:aws:dynamodb:us-east-1:123456789012:table/orders",
                "arn:aws:redshift-serverless:us-east-1:123456789012:namespace/n2", "active", CREATED, null, null,
                Map.of(), List.of(), Map.of()));
        simulator.freshness().lag(redshiftArn, Instant.EPOCH, Duration.ofMinutes(2));
        simulator.freshness().failTables(redshiftArn, List.of("orders"), Instant.EPOCH);
        String inboundArn = GLUE_ARN.replace("000000000001", "000000000009");
        simulator.estate().addInboundIntegration(new SimInboundIntegration(inboundArn,
                "arn:aws:dynamodb:us-east-1:123456789012:table/t", "arn:aws:glue:us-east-1:123456789012:database/d",
                "ACTIVE", CREATED, List.of()));

        // when their metrics are asked
        GetMetricDataResponse response = cloudWatch.getMetricData(request(NOW.minus(Duration.ofMinutes(2)), NOW,
                ScanBy.TIMESTAMP_ASCENDING,
                MetricDataQuery.builder().id("lag").label("orders lag").metricStat(s -> s.metric(m -> m
                        .namespace("AWS/Redshift").metricName("IntegrationLag")
                        .dimensions(dimension("IntegrationId", id))).period(60).stat("Maximum")).build(),
                MetricDataQuery.builder().id("failed").metricStat(s -> s.metric(m -> m.namespace("AWS/Redshift")
                        .metricName("IntegrationNumTablesFailedReplication")
                        .dimensions(dimension("IntegrationId", id))).period(60).stat("Maximum")).build(),
                MetricDataQuery.builder().id("inbound").metricStat(s -> s.metric(m -> m.namespace("AWS/Glue/ZeroETL")
                        .metricName("LastSyncTimestamp").dimensions(dimension("integrationArn", inboundArn)))
                        .period(60).stat("Maximum")).build()));

        // then by the Redshift IntegrationId and the Glue ARN, with the query's label where it has one
        assertThat(result(response, "lag").label()).isEqualTo("orders lag");
        assertThat(result(response, "lag").values()).containsExactly(120.0, 120.0, 120.0);
        assertThat(result(response, "failed").values()).containsExactly(1.0, 1.0, 1.0);
        assertThat(result(response, "inbound").values()).containsExactly(epoch("11:59"), epoch("12:00"),
                epoch("12:00"));
    }

    @Test
    void aMetricWithNoDataAnswersCompleteAndEmpty() {
        // given a Glue integration that is not ACTIVE, and metrics nobody has
        simulator.estate().addIntegration(glue(GLUE_ARN, "orders-zetl", "NEEDS_ATTENTION"));

        // when asked
        GetMetricDataResponse response = cloudWatch.getMetricData(request(NOW.minus(Duration.ofMinutes(10)), NOW,
                ScanBy.TIMESTAMP_DESCENDING, glueQuery("sync", "LastSyncTimestamp", "Maximum"),
                MetricDataQuery.builder().id("unknown").metricStat(s -> s.metric(m -> m.namespace("AWS/Redshift")
                        .metricName("IntegrationLag").dimensions(dimension("IntegrationId", "no-such-id"))).period(60)
                        .stat("Maximum")).build()));

        // then each has its result, Complete, without datapoints
        assertThat(response.metricDataResults()).hasSize(2).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(StatusCode.COMPLETE);
            assertThat(r.timestamps()).isEmpty();
            assertThat(r.values()).isEmpty();
        });
    }

    @Test
    void theSdkPaginatorFollowsNextTokenAndEveryDatapointArrivesOnce() {
        // given five Glue integrations and pages of at most 7 datapoints
        List<String> arns = IntStream.rangeClosed(1, 5).mapToObj(n -> GLUE_ARN.replace("000000000001", "00000000000" + n))
                .toList();
        arns.forEach(arn -> simulator.estate().addIntegration(glue(arn, "zetl-" + arn.length(), "ACTIVE")));
        simulator.freshness().pageDatapoints(7);
        List<MetricDataQuery> queries = new ArrayList<>();
        for (int n = 0; n < arns.size(); n++) {
            String arn = arns.get(n);
            queries.add(MetricDataQuery.builder().id("sync" + n).metricStat(s -> s.metric(m -> m
                    .namespace("AWS/Glue/ZeroETL").metricName("LastSyncTimestamp")
                    .dimensions(dimension("integrationArn", arn))).period(60).stat("Maximum")).build());
        }

        // when the SDK's paginator asks for the last hour (61 periods each, 305 datapoints)
        List<GetMetricDataResponse> pages = new ArrayList<>();
        cloudWatch.getMetricDataPaginator(request(NOW.minus(Duration.ofHours(1)), NOW, ScanBy.TIMESTAMP_DESCENDING,
                queries.toArray(MetricDataQuery[]::new))).forEach(pages::add);

        // then it took ceil(305 / 7) pages of at most 7, and every datapoint of every query came exactly once
        assertThat(pages).hasSize(44);
        assertThat(pages).allSatisfy(p -> assertThat(p.metricDataResults().stream()
                .mapToInt(r -> r.timestamps().size()).sum()).isLessThanOrEqualTo(7));
        Map<String, List<Instant>> byId = new HashMap<>();
        pages.forEach(p -> p.metricDataResults().forEach(r ->
                byId.computeIfAbsent(r.id(), k -> new ArrayList<>()).addAll(r.timestamps())));
        List<Instant> newestFirst = new ArrayList<>(minutes("2026-03-02T11:00:00Z", 61));
        java.util.Collections.reverse(newestFirst);
        assertThat(byId).hasSize(5).allSatisfy((id, timestamps) ->
                assertThat(timestamps).containsExactlyElementsOf(newestFirst));
        assertThat(pages.get(0).metricDataResults()).extracting(MetricDataResult::statusCode)
                .containsExactly(StatusCode.PARTIAL_DATA);
        assertThat(simulator.calls().count(Operation.CLOUDWATCH_GET_METRIC_DATA, Estate.DEFAULT_ACCOUNT)).isEqualTo(44);
    }

    @Test
    void aTokenFromAnotherRequestIsRefused() {
        // given a first page's token
        simulator.freshness().pageDatapoints(3);
        GetMetricDataRequest first = request(NOW.minus(Duration.ofMinutes(10)), NOW, ScanBy.TIMESTAMP_DESCENDING,
                glueQuery("sync", "LastSyncTimestamp", "Maximum"));
        String token = cloudWatch.getMetricData(first).nextToken();
        assertThat(token).isNotNull();

        // when it is sent with another request, or mangled
        GetMetricDataRequest other = request(NOW.minus(Duration.ofMinutes(20)), NOW, ScanBy.TIMESTAMP_DESCENDING,
                glueQuery("sync", "LastSyncTimestamp", "Maximum"));

        // then CloudWatch refuses it
        assertThatThrownBy(() -> cloudWatch.getMetricData(other.toBuilder().nextToken(token).build()))
                .isInstanceOfSatisfying(AwsServiceException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidNextToken"));
        assertThatThrownBy(() -> cloudWatch.getMetricData(first.toBuilder().nextToken("not-a-token").build()))
                .isInstanceOfSatisfying(AwsServiceException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidNextToken"));
    }

    @Test
    void moreThan500QueriesAreAValidationErrorNamingMetricDataQueries() {
        // given 501 queries
        MetricDataQuery[] queries = IntStream.range(0, 501)
                .mapToObj(n -> glueQuery("q" + n, "LastSyncTimestamp", "Maximum")).toArray(MetricDataQuery[]::new);

        // when sent, then CloudWatch refuses the request as a whole
        assertThatThrownBy(() -> cloudWatch.getMetricData(request(NOW.minus(Duration.ofMinutes(10)), NOW,
                ScanBy.TIMESTAMP_DESCENDING, queries)))
                .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("MetricDataQueries", "500");
                });
        // and 500 are fine
        assertThat(cloudWatch.getMetricData(request(NOW.minus(Duration.ofMinutes(10)), NOW, ScanBy.TIMESTAMP_DESCENDING,
                java.util.Arrays.copyOf(queries, 500))).metricDataResults()).hasSize(500);
    }

    @Test
    void badRequestsAreValidationErrorsNamingTheirField() {
        Instant start = NOW.minus(Duration.ofMinutes(10));
        // an Id that does not start with a lower-case letter
        assertRefused(request(start, NOW, ScanBy.TIMESTAMP_DESCENDING, glueQuery("Sync", "LastSyncTimestamp", "Maximum")),
                "ValidationError", "MetricDataQueries.member.1.Id");
        // an Id used twice
        assertRefused(request(start, NOW, ScanBy.TIMESTAMP_DESCENDING, glueQuery("a", "LastSyncTimestamp", "Maximum"),
                glueQuery("a", "IngestionFailed", "Sum")), "ValidationError", "MetricDataQueries.member.2.Id");
        // StartTime not before EndTime
        assertRefused(request(NOW, NOW, ScanBy.TIMESTAMP_DESCENDING, glueQuery("a", "LastSyncTimestamp", "Maximum")),
                "ValidationError", "StartTime");
        // a period that is no multiple of 60
        assertRefused(request(start, NOW, ScanBy.TIMESTAMP_DESCENDING, MetricDataQuery.builder().id("a")
                .metricStat(s -> s.metric(m -> m.namespace("AWS/Redshift").metricName("IntegrationLag")
                        .dimensions(dimension("IntegrationId", RDS_ID))).period(90).stat("Maximum")).build()),
                "ValidationError", "MetricDataQueries.member.1.MetricStat.Period");
        // any expression but the one SEARCH, and a SEARCH of another shape
        assertRefused(request(start, NOW, ScanBy.TIMESTAMP_DESCENDING,
                MetricDataQuery.builder().id("a").expression("SUM(METRICS())").build()),
                "ValidationError", "MetricDataQueries.member.1.Expression");
        assertRefused(request(start, NOW, ScanBy.TIMESTAMP_DESCENDING, MetricDataQuery.builder().id("a")
                        .expression("SEARCH('{AWS/Glue/ZeroETL,integrationArn} MetricName=\"IngestionFailed\"', 'Sum', 60)")
                        .build()),
                "ValidationError", "MetricDataQueries.member.1.Expression");
        // a query with neither a metric nor an expression
        assertRefused(request(start, NOW, ScanBy.TIMESTAMP_DESCENDING, MetricDataQuery.builder().id("a").build()),
                "ValidationError", "MetricDataQueries.member.1");
        // none was answered, every one was counted
        assertThat(simulator.calls().count(Operation.CLOUDWATCH_GET_METRIC_DATA)).isEqualTo(7);
    }

    @Test
    void aDeniedAccountGetsAccessDeniedAndOtherAccountsSeeOnlyTheirOwnEstate() {
        // given a second account's key, and CloudWatch denied to the first
        String other = "210987654321";
        simulator.identities().register("AKIAOTHERACCOUNT0001",
                new Caller(other, "arn:aws:sts::" + other + ":assumed-role/monitor/s1", "AROAOTHER:s1"));
        simulator.freshness().denyCloudWatch(Estate.DEFAULT_ACCOUNT);
        GetMetricDataRequest request = request(NOW.minus(Duration.ofMinutes(10)), NOW, ScanBy.TIMESTAMP_DESCENDING,
                glueQuery("sync", "LastSyncTimestamp", "Maximum"));

        // when the denied account asks, then IAM's refusal arrives as awsQuery sends it
        assertThatThrownBy(() -> cloudWatch.getMetricData(request))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("cloudwatch:GetMetricData");
                });

        // when the other account asks for the first one's integration, then it has no such metric
        try (CloudWatchClient asOther = new SdkClients(simulator.endpoint())
                .cloudWatch(AwsBasicCredentials.create("AKIAOTHERACCOUNT0001", "secret"))) {
            assertThat(result(asOther.getMetricData(request), "sync").timestamps()).isEmpty();
        }
        // and each call was counted for its account
        assertThat(simulator.calls().count(Operation.CLOUDWATCH_GET_METRIC_DATA, Estate.DEFAULT_ACCOUNT)).isEqualTo(1);
        assertThat(simulator.calls().count(Operation.CLOUDWATCH_GET_METRIC_DATA, other)).isEqualTo(1);
        assertThat(simulator.calls().snapshot()).containsEntry("cloudwatch:GetMetricData", 2L);

        // when allowed again, then the answer comes
        simulator.freshness().allowCloudWatch(Estate.DEFAULT_ACCOUNT);
        assertThat(result(cloudWatch.getMetricData(request), "sync").timestamps()).hasSize(11);
    }

    @Test
    void faultsApplyToGetMetricDataAsToEveryOperation() {
        GetMetricDataRequest request = request(NOW.minus(Duration.ofMinutes(10)), NOW, ScanBy.TIMESTAMP_DESCENDING,
                glueQuery("sync", "LastSyncTimestamp", "Maximum"));
        // throttled: CloudWatch's awsQuery code, which the SDK treats as throttling
        simulator.faults().throttleNext(Operation.CLOUDWATCH_GET_METRIC_DATA, 1);
        assertThatThrownBy(() -> cloudWatch.getMetricData(request)).isInstanceOfSatisfying(AwsServiceException.class,
                e -> assertThat(e.isThrottlingException()).isTrue());
        // a 500
        simulator.faults().failNext(Operation.CLOUDWATCH_GET_METRIC_DATA, 1);
        assertThatThrownBy(() -> cloudWatch.getMetricData(request)).isInstanceOfSatisfying(AwsServiceException.class,
                e -> assertThat(e.statusCode()).isEqualTo(500));
        // a cut-off document is a failure, never an empty answer
        simulator.faults().malformedNext(Operation.CLOUDWATCH_GET_METRIC_DATA, 1);
        assertThatThrownBy(() -> cloudWatch.getMetricData(request)).isInstanceOf(SdkClientException.class);
        // an injected AccessDenied
        simulator.faults().errorNext(Operation.CLOUDWATCH_GET_METRIC_DATA, null, 1, 403, "AccessDenied", "no");
        assertThatThrownBy(() -> cloudWatch.getMetricData(request)).isInstanceOfSatisfying(AwsServiceException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        // then the next call is answered
        assertThat(result(cloudWatch.getMetricData(request), "sync").timestamps()).hasSize(11);
    }

    private void assertRefused(GetMetricDataRequest request, String code, String field) {
        assertThatThrownBy(() -> cloudWatch.getMetricData(request))
                .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
                    assertThat(e.awsErrorDetails().errorMessage()).contains(field);
                });
    }

    private static SimIntegration glue(String arn, String name, String status) {
        return new SimIntegration(arn, name, "arn:aws:dynamodb:us-east-1:123456789012:table/orders",
                "arn:aws:redshift-serverless:us-east-1:123456789012:namespace/n1", status, CREATED, null, List.of(),
                Map.of(), null);
    }

    private static MetricDataQuery glueQuery(String id, String metric, String stat) {
        return glueQuery(id, metric, stat, 60);
    }

    private static MetricDataQuery glueQuery(String id, String metric, String stat, int period) {
        return MetricDataQuery.builder().id(id).metricStat(s -> s.metric(m -> m.namespace("AWS/Glue/ZeroETL")
                .metricName(metric).dimensions(dimension("integrationArn", GLUE_ARN))).period(period).stat(stat))
                .build();
    }

    private static MetricDataQuery redshiftQuery(String id, String metric) {
        return MetricDataQuery.builder().id(id).metricStat(s -> s.metric(m -> m.namespace("AWS/Redshift")
                .metricName(metric).dimensions(dimension("IntegrationId", RDS_ID))).period(60).stat("Maximum")).build();
    }

    private static Dimension dimension(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }

    private static GetMetricDataRequest request(Instant start, Instant end, ScanBy scanBy, MetricDataQuery... queries) {
        return GetMetricDataRequest.builder().startTime(start).endTime(end).scanBy(scanBy).metricDataQueries(queries)
                .build();
    }

    private static MetricDataResult result(GetMetricDataResponse response, String id) {
        return response.metricDataResults().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static List<Instant> minutes(String first, int count) {
        Instant start = Instant.parse(first);
        return IntStream.range(0, count).mapToObj(i -> start.plus(Duration.ofMinutes(i))).toList();
    }

    private static double epoch(String hhmm) {
        return Instant.parse("2026-03-02T" + hhmm + ":00Z").getEpochSecond();
    }
}
