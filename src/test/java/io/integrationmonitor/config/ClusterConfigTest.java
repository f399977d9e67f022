package io.integrationmonitor.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterConfigTest {

    @Test
    void defaultsToASingleInstance() {
        ClusterConfig config = ClusterConfig.defaults();

        assertThat(config.enabled()).isFalse();
        assertThat(config.poolSize()).isEqualTo(10);
        assertThat(config.checkinInterval()).isEqualTo(Duration.ofMillis(7500));
        assertThat(config.instanceId()).isEqualTo("AUTO");
    }

    @Test
    void enabledNeedsAPostgresqlUrl() {
        assertThatThrownBy(() -> new ClusterConfig(true, null, "u", "p", null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("jdbc_url");
        assertThatThrownBy(() -> new ClusterConfig(true, "jdbc:h2:mem:x", "u", "p", null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("jdbc_url: must start with jdbc:postgresql:");
    }

    @Test
    void rejectsUselessPoolSizesAndCheckinIntervals() {
        assertThatThrownBy(() -> new ClusterConfig(true, "jdbc:postgresql://db/m", "u", "p", 1, null, null))
                .hasMessageStartingWith("pool_size");
        assertThatThrownBy(() -> new ClusterConfig(true, "jdbc:postgresql://db/m", "u", "p", null, Duration.ofMillis(200), null))
                .hasMessageStartingWith("checkin_interval");
    }

    @Test
    void neverPrintsThePassword() {
        ClusterConfig config = new ClusterConfig(true, "jdbc:postgresql://db:5432/monitor?password=hunter2", "monitor",
                "s3cret-pw", 12, null, "pod-1");

        assertThat(config.toString())
                .doesNotContain("s3cret-pw")
                .doesNotContain("hunter2")
                .contains("jdbc:postgresql://db:5432/monitor", "monitor", "pod-1", "****");
    }
}
