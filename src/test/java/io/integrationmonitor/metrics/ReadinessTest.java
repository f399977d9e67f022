package io.integrationmonitor.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.integrationmonitor.metrics.Fixtures.ASSOCIATIONS;
import static io.integrationmonitor.metrics.Fixtures.GLUE;
import static io.integrationmonitor.metrics.Fixtures.INBOUND;
import static io.integrationmonitor.metrics.Fixtures.T0;
import static io.integrationmonitor.metrics.Fixtures.completed;
import static org.assertj.core.api.Assertions.assertThat;

class ReadinessTest {
    @Test
    void listsPendingTargetsInKeyOrderUntilEachHasSucceeded() {
        Readiness readiness = new Readiness(List.of(INBOUND, GLUE, ASSOCIATIONS));
        assertThat(readiness.pending()).containsExactly(ASSOCIATIONS, INBOUND, GLUE);

        readiness.onPollCompleted(completed(GLUE, T0, List.of()));
        assertThat(readiness.isReady()).isFalse();
        assertThat(readiness.pending()).containsExactly(ASSOCIATIONS, INBOUND);

        readiness.onPollCompleted(completed(INBOUND, T0, List.of()));
        readiness.onPollCompleted(completed(ASSOCIATIONS, T0, List.of()));
        assertThat(readiness.isReady()).isTrue();
        assertThat(readiness.pending()).isEmpty();
    }

    @Test
    void withNothingToWaitForItIsReadyAtOnce() {
        assertThat(new Readiness(List.of()).isReady()).isTrue();
    }
}
