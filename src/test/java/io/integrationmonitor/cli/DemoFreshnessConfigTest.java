package io.integrationmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.integrationmonitor.config.ConfigLoader;
import io.integrationmonitor.config.FreshnessConfig;
import io.integrationmonitor.simulator.AwsSimulator;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The demo's freshness thresholds are small enough for its story to turn stale and lagging within minutes. */
class DemoFreshnessConfigTest {
    @TempDir
    Path data;

    @Test
    void demoFreshnessPollsEveryMinuteWithThresholdsOfMinutes() {
        // given the demo command with its defaults and a running simulator
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs("--port", "0");
        try (AwsSimulator simulator = AwsSimulator.start(0)) {

            // when its configuration is loaded as the demo loads it
            FreshnessConfig freshness = ConfigLoader.parse(demo.demoConfig(simulator, data), "demo configuration")
                    .freshness();

            // then a silent integration without a RefreshInterval is stale 3 min after its last sync (1m refresh + 2m grace), and two
            // one-minute samples over 5 min of lag make it lagging
            assertThat(freshness.enabled()).isTrue();
            assertThat(freshness.interval()).isEqualTo(Duration.ofMinutes(1));
            assertThat(freshness.period()).isEqualTo(Duration.ofMinutes(1));
            assertThat(freshness.stale().threshold(freshness.stale().defaultRefreshInterval()))
                    .isEqualTo(Duration.ofMinutes(3));
            assertThat(freshness.lag().threshold()).isEqualTo(Duration.ofMinutes(5));
            assertThat(freshness.lag().samples()).isEqualTo(2);
            assertThat(freshness.lag().window()).isEqualTo(2);
        }
    }
}
