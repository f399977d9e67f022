package io.integrationmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationmonitor.config.ConfigLoader;
import io.integrationmonitor.config.EventQueueConfig;
import io.integrationmonitor.config.MonitorConfig;
import io.integrationmonitor.simulator.AwsSimulator;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The demo's configuration reads AWS events from the simulator queue the demo sends them to. */
class DemoEventsConfigTest {
    @TempDir
    Path data;

    @Test
    void demoConfigValidatesWithAnEventsSectionOnTheSimulatorsQueue() {
        // given the demo command with its defaults and a running simulator
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs("--port", "0");
        try (AwsSimulator simulator = AwsSimulator.start(0)) {

            // when its configuration is loaded as the demo loads it
            MonitorConfig config = ConfigLoader.parse(demo.demoConfig(simulator, data), "demo configuration");

            // then events are on, from the queue the simulator's events go to, through the simulator's SQS endpoint
            String queueUrl = simulator.queueUrl(DemoCommand.ACCOUNT, DemoCommand.EVENTS_QUEUE.name());
            assertThat(config.events().enabled()).isTrue();
            assertThat(config.events().queues()).singleElement().satisfies((EventQueueConfig q) -> {
                assertThat(q.url()).isEqualTo(URI.create(queueUrl));
                assertThat(q.region()).isEqualTo(DemoCommand.REGION);
                assertThat(q.queueAccount()).isEqualTo(DemoCommand.ACCOUNT);
                assertThat(q.target()).isZero();
            });
            assertThat(config.aws().endpoints().sqs()).isEqualTo(simulator.endpoint());
            assertThat(DemoCommand.eventDelivery().queues()).containsExactly(DemoCommand.EVENTS_QUEUE);
        }
    }
}
