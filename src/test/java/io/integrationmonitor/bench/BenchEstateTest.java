package io.integrationmonitor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationmonitor.config.ConfigLoader;
import io.integrationmonitor.config.MonitorConfig;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.EventQueue;
import io.integrationmonitor.simulator.Operation;
import io.integrationmonitor.simulator.Partition;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchEstateTest {

    @Test
    void theDefaultEstateNeedsEveryPageOfTheSixSources() {
        // given the benchmark's default estate on two accounts (six (account, region) partitions)
        BenchEstate estate = BenchEstate.of(2, EstateSpec.parse(BenchSettings.DEFAULT_ESTATE));

        // when the minimum calls are computed
        Map<Operation, Long> perPartition = estate.callsByOperation();

        // then each listing needs ceil(items / 8) pages, AppIntegrations one chain of 2 + 10 x 2
        assertThat(estate.callsBySource()).containsOnlyKeys(BenchEstate.SOURCES);
        assertThat(perPartition).containsExactlyInAnyOrderEntriesOf(Map.of(
                Operation.GLUE_DESCRIBE_INTEGRATIONS, 5L,
                Operation.GLUE_DESCRIBE_INBOUND_INTEGRATIONS, 3L,
                Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATIONS, 2L,
                Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATION_ASSOCIATIONS, 20L,
                Operation.RDS_DESCRIBE_INTEGRATIONS, 3L,
                Operation.REDSHIFT_DESCRIBE_INTEGRATIONS, 2L,
                Operation.REDSHIFT_DESCRIBE_INBOUND_INTEGRATIONS, 3L));
        assertThat(estate.callsPerPartition()).isEqualTo(38);
        assertThat(estate.minimumCallsPerCycle()).isEqualTo(6 * 38);
        assertThat(estate.targets()).isEqualTo(6 * 6);
        assertThat(estate.longestPollCalls()).isEqualTo(22);
        assertThat(estate.resources()).isEqualTo(6 * 220);
    }

    @Test
    void anEmptyGlueOrAppIntegrationsListingStillCostsOneCallButRdsAndRedshiftAreNotPolled() {
        // given an estate without RDS or Redshift integrations and without inbound ones or data integrations
        BenchEstate estate = BenchEstate.of(1, new EstateSpec(8, 0, 0, 0, 8));

        // when / then the three Glue and AppIntegrations sources still make their first (empty) call; RDS and
        // Redshift, which the estate has none of, are not polled at all
        assertThat(estate.sources()).containsExactly("glue_integrations", "glue_inbound_integrations",
                "appintegrations_associations");
        assertThat(estate.callsByOperation()).doesNotContainKey(Operation.RDS_DESCRIBE_INTEGRATIONS);
        assertThat(estate.callsByOperation().get(Operation.GLUE_DESCRIBE_INBOUND_INTEGRATIONS)).isEqualTo(1);
        assertThat(estate.callsByOperation().get(Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATION_ASSOCIATIONS))
                .isZero();
        assertThat(estate.callsPerPartition()).isEqualTo(3);
        assertThat(estate.targets()).isEqualTo(3 * 3);
    }

    @Test
    void theScaleEstateIsTheIssuesSizes() {
        // given the scale phases' estate on 50 accounts
        BenchEstate estate = BenchEstate.of(50, EstateSpec.parse(BenchSettings.SCALE_ESTATE));

        // when / then three sources, 450 targets, 25,500 resources, 4,500 calls; bound ceil(4500 / 10) x 20 ms
        assertThat(estate.targets()).isEqualTo(450);
        assertThat(estate.resources()).isEqualTo(25_500);
        assertThat(estate.minimumCallsPerCycle()).isEqualTo(4_500);
        assertThat(estate.saturatedBound(10, Duration.ofMillis(20))).isEqualTo(Duration.ofSeconds(9));
        // one connection: the longest poll (22 calls) is not what limits it either
        assertThat(estate.saturatedBound(4_500, Duration.ofMillis(20))).isEqualTo(Duration.ofMillis(22 * 20));
    }

    @Test
    void theSaturatedConfigDisablesRdsAndRedshiftAndGivesEverySourceThePollBudget() {
        // given the saturated phase's monitor.yaml on the scale estate
        BenchEstate estate = BenchEstate.of(2, EstateSpec.parse(BenchSettings.SCALE_ESTATE));
        String yaml = new MonitorYaml(estate, URI.create("http://127.0.0.1:1"), 10, SaturatedPhase.INTERVAL, 0,
                Path.of("/tmp/bench-state"), null, true, null, SaturatedPhase.MAX_POLL_DURATION).render();

        // when the monitor's own loader reads it
        MonitorConfig config = ConfigLoader.parse(yaml, "monitor.yaml", Map.of());

        // then Glue and AppIntegrations poll every second with a 120 s budget; RDS and Redshift are off
        var sources = config.sources();
        assertThat(sources.glueIntegrations().interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(sources.glueIntegrations().maxPollDuration()).isEqualTo(Duration.ofSeconds(120));
        assertThat(sources.glueInboundIntegrations().maxPollDuration()).isEqualTo(Duration.ofSeconds(120));
        assertThat(sources.appintegrations().maxPollDuration()).isEqualTo(Duration.ofSeconds(120));
        assertThat(sources.rdsIntegrations().enabled()).isFalse();
        assertThat(sources.redshiftIntegrations().enabled()).isFalse();
        assertThat(sources.redshiftInboundIntegrations().enabled()).isFalse();
    }

    @Test
    void theGeneratedConfigLoadsWithEverySourceOnAndValidPageSizes() {
        // given the monitor.yaml the harness writes
        BenchEstate estate = BenchEstate.of(2, EstateSpec.parse(BenchSettings.DEFAULT_ESTATE));
        String yaml = new MonitorYaml(estate, URI.create("http://127.0.0.1:1"), 10, Duration.ofSeconds(39), 0,
                Path.of("/tmp/bench-state"), null, true).render();

        // when the monitor's own loader reads it
        MonitorConfig config = ConfigLoader.parse(yaml, "monitor.yaml", Map.of());

        // then all six sources are on at the interval, RDS and Redshift asking MaxRecords within 20-100
        var sources = config.sources();
        assertThat(sources.glueIntegrations().enabled()).isTrue();
        assertThat(sources.glueInboundIntegrations().enabled()).isTrue();
        assertThat(sources.appintegrations().enabled()).isTrue();
        assertThat(sources.rdsIntegrations().enabled()).isTrue();
        assertThat(sources.redshiftIntegrations().enabled()).isTrue();
        assertThat(sources.redshiftInboundIntegrations().enabled()).isTrue();
        assertThat(sources.rdsIntegrations().interval()).isEqualTo(Duration.ofSeconds(39));
        assertThat(sources.rdsIntegrations().pageSize()).isEqualTo(100);
        assertThat(sources.redshiftInboundIntegrations().pageSize()).isEqualTo(100);
        assertThat(config.targets()).hasSize(2);
    }

    @Test
    void theEventsPhaseConfigReadsTheSimulatorQueueWithTheQueueAccountsTarget() {
        // given the monitor.yaml of an events run, its queue in the second account
        BenchEstate estate = BenchEstate.of(2, EstateSpec.parse(BenchSettings.DEFAULT_ESTATE));
        EventQueue queue = new EventQueue(new Partition(estate.accounts().get(1), "us-east-1"), EventsPhase.QUEUE);
        String yaml = new MonitorYaml(estate, URI.create("http://127.0.0.1:1/"), 10, Duration.ofSeconds(60), 0,
                Path.of("/tmp/bench-state"), null, true, queue).render();

        // when the monitor's own loader reads it
        MonitorConfig config = ConfigLoader.parse(yaml, "monitor.yaml", Map.of());

        // then events are on, reading that queue on the simulator with that account's target, SQS at the simulator
        assertThat(config.events().enabled()).isTrue();
        assertThat(config.events().queues()).singleElement().satisfies(q -> {
            assertThat(q.url()).isEqualTo(URI.create("http://127.0.0.1:1/" + estate.accounts().get(1) + "/bench-events"));
            assertThat(q.target()).isEqualTo(1);
            assertThat(q.region()).isEqualTo("us-east-1");
        });
        assertThat(config.aws().endpoints().sqs()).isEqualTo(URI.create("http://127.0.0.1:1/"));
    }
}
