package io.integrationmonitor.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void aPoisonMessageIsHiddenForDoublingTimesUpToAnHour() {
        assertThat(DoublingBackoff.PARKED_MESSAGE.after(0)).isEqualTo(Duration.ofMinutes(1));
        assertThat(DoublingBackoff.PARKED_MESSAGE.after(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(DoublingBackoff.PARKED_MESSAGE.after(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(DoublingBackoff.PARKED_MESSAGE.after(4)).isEqualTo(Duration.ofMinutes(8));
        assertThat(DoublingBackoff.PARKED_MESSAGE.after(7)).isEqualTo(Duration.ofHours(1));
        assertThat(DoublingBackoff.PARKED_MESSAGE.after(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void failedReceivesBackOffFromASecondToAMinute() {
        assertThat(DoublingBackoff.FAILED_RECEIVE.after(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(DoublingBackoff.FAILED_RECEIVE.after(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(DoublingBackoff.FAILED_RECEIVE.after(6)).isEqualTo(Duration.ofSeconds(32));
        assertThat(DoublingBackoff.FAILED_RECEIVE.after(7)).isEqualTo(Duration.ofMinutes(1));
        assertThat(DoublingBackoff.FAILED_RECEIVE.after(1000)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void theReceiveCountIsReadDefensively() {
        assertThat(QueueConsumer.receiveCount(java.util.Map.of("ApproximateReceiveCount", "3"))).isEqualTo(3);
        assertThat(QueueConsumer.receiveCount(java.util.Map.of())).isEqualTo(1);
        assertThat(QueueConsumer.receiveCount(java.util.Map.of("ApproximateReceiveCount", "x"))).isEqualTo(1);
    }
}
