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
    void anEmptyListingStillCostsOneCall() {
        // given an estate without RDS or Redshift integrations
        BenchEstate estate = BenchEstate.of(1, new EstateSpec(8, 0, 0, 0, 8));

        // when / then every source still makes its first (empty) call
        assertThat(estate.callsByOperation().get(Operation.RDS_DESCRIBE_INTEGRATIONS)).isEqualTo(1);
        assertThat(estate.callsByOperation().get(Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATION_ASSOCIATIONS))
                .isZero();
        assertThat(estate.callsPerPartition()).isEqualTo(6);
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
