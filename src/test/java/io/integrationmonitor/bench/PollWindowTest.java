package io.integrationmonitor.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PollWindowTest {
    private static final String A = "source=\"glue_integrations\",account_id=\"1\",region=\"us-east-1\"";
    private static final String B = "source=\"appintegrations_associations\",account_id=\"1\",region=\"us-east-1\"";

    private static Exposition exposition(double pollsA, double pollsB, double cpu, double allocated, String lag) {
        return Exposition.parse("""
                # TYPE integration_monitor_poll_duration_seconds summary
                integration_monitor_poll_duration_seconds_count{%s} %s
                integration_monitor_poll_duration_seconds_count{%s} %s
                integration_monitor_poll_resources{%s} 40.0
                integration_monitor_poll_resources{%s} 110.0
                process_cpu_seconds_total %s
                jvm_gc_memory_allocated_bytes_total %s
                %s
                """.formatted(A, pollsA, B, pollsB, A, B, cpu, allocated, lag));
    }

    @Test
    void aWindowCountsPollsPerTargetCpuAndAllocationPerResourcePollFromTwoScrapes() {
        // given two scrapes 10 s apart: target A polled 6 more times, B 4 more
        Exposition a = exposition(10, 10, 100, 1e9, "");
        Exposition b = exposition(16, 14, 102.5, 1.5e9, "");

        // when the window is computed for two targets
        PollWindow w = PollWindow.between(a, b, 10, 2);

        // then 10 polls = 5 cycles in 10 s: a 2 s cycle; CPU and allocation per (poll x resources)
        assertThat(w.polls()).isEqualTo(10);
        assertThat(w.minPollsPerTarget()).isEqualTo(4);
        assertThat(w.maxPollsPerTarget()).isEqualTo(6);
        assertThat(w.cycles()).isEqualTo(5.0);
        assertThat(w.cycleSeconds()).isEqualTo(2.0);
        assertThat(w.resourcePolls()).isEqualTo(6 * 40 + 4 * 110);
        assertThat(w.cpuPerResourcePoll()).isCloseTo(2.5 / 680, within(1e-12));
        assertThat(w.allocatedPerResourcePoll()).isCloseTo(0.5e9 / 680, within(1e-6));
        // and without the lag timer (today's builds) the share within 1 s is not known
        assertThat(w.shareWithinOneSecond()).isNaN();
        assertThat(PollWindow.minIntervalGauge(b)).isNaN();
    }

    @Test
    void theShareWithinOneSecondIsTheLeOneBucketsDeltaOverTheCountsDeltaSummedOverSources() {
        // given the schedule-lag timer of two sources, before and after
        String before = """
                integration_monitor_poll_schedule_lag_seconds_bucket{source="glue_integrations",le="0.5"} 5.0
                integration_monitor_poll_schedule_lag_seconds_bucket{source="glue_integrations",le="1.0"} 10.0
                integration_monitor_poll_schedule_lag_seconds_count{source="glue_integrations"} 10.0
                integration_monitor_poll_schedule_lag_seconds_bucket{source="appintegrations_associations",le="1.0"} 0.0
                integration_monitor_poll_schedule_lag_seconds_count{source="appintegrations_associations"} 0.0
                integration_monitor_poll_schedule_min_interval_seconds 14.0
                """;
        String after = """
                integration_monitor_poll_schedule_lag_seconds_bucket{source="glue_integrations",le="0.5"} 50.0
                integration_monitor_poll_schedule_lag_seconds_bucket{source="glue_integrations",le="1.0"} 108.0
                integration_monitor_poll_schedule_lag_seconds_count{source="glue_integrations"} 110.0
                integration_monitor_poll_schedule_lag_seconds_bucket{source="appintegrations_associations",le="1.0"} 100.0
                integration_monitor_poll_schedule_lag_seconds_count{source="appintegrations_associations"} 100.0
                integration_monitor_poll_schedule_min_interval_seconds 14.0
                """;

        // when
        PollWindow w = PollWindow.between(exposition(0, 0, 0, 0, before), exposition(5, 5, 1, 0, after), 20, 2);

        // then 198 of 200 polls started within 1 s, and the monitor's own estimate is read
        assertThat(w.lagStarted()).isEqualTo(200);
        assertThat(w.shareWithinOneSecond()).isEqualTo(0.99);
        assertThat(PollWindow.minIntervalGauge(exposition(0, 0, 0, 0, after))).isEqualTo(14.0);
    }

    @Test
    void aTargetNotYetPolledCountsZeroForFairness() {
        // given three targets of which the scrape shows two
        Exposition a = exposition(0, 0, 0, 0, "");
        Exposition b = exposition(3, 3, 0, 0, "");

        // when / then the fewest polls per target is 0, and nobody has all polled at least once
        assertThat(PollWindow.between(a, b, 1, 3).minPollsPerTarget()).isZero();
        assertThat(PollWindow.allPolledAtLeast(b, 3, 1)).isFalse();
        assertThat(PollWindow.allPolledAtLeast(b, 2, 3)).isTrue();
        assertThat(PollWindow.totalPolls(b)).isEqualTo(6);
    }
}
