package io.integrationmonitor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ColdBurstTest {
    private static final String A = "source=\"glue_integrations\",account_id=\"1\",region=\"us-east-1\"";
    private static final String B = "source=\"appintegrations_associations\",account_id=\"1\",region=\"us-east-1\"";

    private static Exposition scrape(String... lines) {
        return Exposition.parse(String.join("\n", lines) + "\n");
    }

    @Test
    void theBurstEndsWithTheLastFirstPollExactWhenSeenOnceAndAtTheScrapeOtherwise() {
        // given a first scrape at t=100 where only A has polled (once, ending at 99.5)
        SaturatedPhase.ColdBurst burst = new SaturatedPhase.ColdBurst();
        boolean done = burst.add(scrape("integration_monitor_poll_duration_seconds_count{" + A + "} 1.0",
                "integration_monitor_poll_last_success_timestamp_seconds{" + A + "} 99.5"), 100, 2);
        assertThat(done).isFalse();

        // when the next scrape at t=102 shows A again and B polled once, ending at 101.2
        done = burst.add(scrape("integration_monitor_poll_duration_seconds_count{" + A + "} 3.0",
                "integration_monitor_poll_duration_seconds_count{" + B + "} 1.0",
                "integration_monitor_poll_last_success_timestamp_seconds{" + A + "} 101.9",
                "integration_monitor_poll_last_success_timestamp_seconds{" + B + "} 101.2"), 102, 2);

        // then every target has polled; the last first poll ended at 101.2 (A keeps its first reading)
        assertThat(done).isTrue();
        assertThat(burst.lastFirstPollEnd()).isEqualTo(101.2);
        assertThat(burst.upperBounds()).isZero();
    }

    @Test
    void aTargetFirstSeenWithSeveralPollsCountsAtTheScrapesTime() {
        // given a target first seen with two polls at t=50
        SaturatedPhase.ColdBurst burst = new SaturatedPhase.ColdBurst();
        burst.add(scrape("integration_monitor_poll_duration_seconds_count{" + A + "} 2.0",
                "integration_monitor_poll_last_success_timestamp_seconds{" + A + "} 49.8"), 50, 1);

        // then its first poll's end is only known to be before the scrape
        assertThat(burst.lastFirstPollEnd()).isEqualTo(50.0);
        assertThat(burst.upperBounds()).isEqualTo(1);
    }
}
