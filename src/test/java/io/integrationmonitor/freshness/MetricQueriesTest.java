package io.integrationmonitor.freshness;

import io.integrationmonitor.config.FreshnessConfig;
import io.integrationmonitor.poll.ResourceKind;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.integrationmonitor.freshness.FreshnessFixtures.ACCOUNT;
import static io.integrationmonitor.freshness.FreshnessFixtures.REGION;
import static io.integrationmonitor.freshness.FreshnessFixtures.SINCE;
import static io.integrationmonitor.freshness.FreshnessFixtures.glue;
import static io.integrationmonitor.freshness.FreshnessFixtures.glueArn;
import static io.integrationmonitor.freshness.FreshnessFixtures.rds;
import static io.integrationmonitor.freshness.FreshnessFixtures.rdsArn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricQueriesTest {
    private static final FreshnessConfig CONFIG = FreshnessConfig.defaults();

    @Test
    void asksGlueForItsLastSyncAndItsTablesIngestionFailures() {
        // when
        MetricQueries queries = MetricQueries.of(List.of(glue(1)), CONFIG);

        // then
        List<MetricDataQuery> batch = queries.batches().get(0);
        assertThat(batch).extracting(MetricDataQuery::id).containsExactly("q0_sync", "q0_ingfail");
        MetricDataQuery sync = batch.get(0);
        assertThat(sync.metricStat().metric().namespace()).isEqualTo("AWS/Glue/ZeroETL");
        assertThat(sync.metricStat().metric().metricName()).isEqualTo("LastSyncTimestamp");
        assertThat(sync.metricStat().metric().dimensions()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("integrationArn");
            assertThat(d.value()).isEqualTo(glueArn(1));
        });
        assertThat(sync.metricStat().stat()).isEqualTo("Maximum");
        assertThat(sync.metricStat().period()).isEqualTo(300);
        MetricDataQuery search = batch.get(1);
        assertThat(search.expression()).isEqualTo("SEARCH('{AWS/Glue/ZeroETL,integrationArn,tableName} "
                + "MetricName=\"IngestionFailed\" integrationArn=\"" + glueArn(1) + "\"', 'Sum', 300)");
        assertThat(search.label()).isEqualTo("${PROP('Dim.tableName')}");
        assertThat(queries.asked()).containsEntry("q0_sync", new MetricQueries.Asked(glueArn(1), QueriedMetric.LAST_SYNC))
                .containsEntry("q0_ingfail", new MetricQueries.Asked(glueArn(1), QueriedMetric.INGESTION_FAILED));
    }

    @Test
    void asksRedshiftForLagAndFailedTablesByIntegrationId() {
        // given a 10-minute period
        FreshnessConfig config = new FreshnessConfig(null, null, null, Duration.ofMinutes(10), null, null, null, null,
                null, null);

        // when
        MetricQueries queries = MetricQueries.of(List.of(glue(1), rds(2)), config);

        // then
        List<MetricDataQuery> batch = queries.batches().get(0);
        assertThat(batch).extracting(MetricDataQuery::id)
                .containsExactly("q0_sync", "q0_ingfail", "q1_lag", "q1_tblfail");
        assertThat(batch.subList(2, 4)).allSatisfy(q -> {
            assertThat(q.metricStat().metric().namespace()).isEqualTo("AWS/Redshift");
            assertThat(q.metricStat().metric().dimensions()).singleElement().satisfies(d -> {
                assertThat(d.name()).isEqualTo("IntegrationId");
                assertThat(d.value()).isEqualTo("00000002-1111-4000-8000-000000000000");
            });
            assertThat(q.metricStat().stat()).isEqualTo("Maximum");
            assertThat(q.metricStat().period()).isEqualTo(600);
        });
        assertThat(batch.get(2).metricStat().metric().metricName()).isEqualTo("IntegrationLag");
        assertThat(batch.get(3).metricStat().metric().metricName()).isEqualTo("IntegrationNumTablesFailedReplication");
        assertThat(batch.get(1).expression()).endsWith("'Sum', 600)");
        assertThat(queries.asked().get("q1_lag")).isEqualTo(new MetricQueries.Asked(rdsArn(2), QueriedMetric.LAG));
    }

    @Test
    void twoHundredFiftyGlueIntegrationsAreFiveHundredQueriesInOneBatch() {
        // when
        MetricQueries queries = MetricQueries.of(FreshnessFixtures.glue(0, 250), CONFIG);

        // then
        assertThat(queries.count()).isEqualTo(500);
        assertThat(queries.batches()).hasSize(1);
        assertThat(queries.batches().get(0)).hasSize(500);
    }

    @Test
    void twoHundredFiftyOneGlueIntegrationsAreTwoBatches() {
        // when
        MetricQueries queries = MetricQueries.of(FreshnessFixtures.glue(0, 251), CONFIG);

        // then
        assertThat(queries.count()).isEqualTo(502);
        assertThat(queries.batches()).extracting(List::size).containsExactly(500, 2);
        assertThat(queries.batches().get(1)).extracting(MetricDataQuery::id)
                .containsExactly("q250_sync", "q250_ingfail");
    }

    @Test
    void everyIdIsUniqueAndValidForCloudWatch() {
        // given a mixed estate
        List<WatchedIntegration> watched = new ArrayList<>(FreshnessFixtures.glue(0, 30));
        for (int i = 0; i < 30; i++) {
            watched.add(rds(100 + i));
        }

        // when
        MetricQueries queries = MetricQueries.of(watched, CONFIG);

        // then
        List<String> ids = queries.batches().stream().flatMap(List::stream).map(MetricDataQuery::id).toList();
        assertThat(ids).hasSize(120).doesNotHaveDuplicates().allMatch(id -> id.matches("^[a-z][a-zA-Z0-9_]*$"));
        assertThat(queries.asked().keySet()).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void noIntegrationsNoBatch() {
        assertThat(MetricQueries.of(List.of(), CONFIG).batches()).isEmpty();
    }

    @Test
    void refusesAnArnThatWouldBreakOutOfTheSearchExpression() {
        for (String bad : List.of("arn:aws:glue:eu-west-1:123456789012:integration:a\"b",
                "arn:aws:glue:eu-west-1:123456789012:integration:a\\b",
                "arn:aws:glue:eu-west-1:123456789012:integration:a'b",
                "arn:aws:glue:eu-west-1:123456789012:integration:a\nb")) {
            WatchedIntegration w = new WatchedIntegration(bad, "x", "n", ResourceKind.GLUE_INTEGRATION, ACCOUNT,
                    REGION, MetricSource.GLUE, null, Map.of(), SINCE);
            assertThatThrownBy(() -> MetricQueries.of(List.of(w), CONFIG))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining(bad);
        }
    }
}
