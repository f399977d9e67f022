package io.integrationmonitor.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void aPoisonMessageIsHiddenForDoublingTimesUpToAnHour() {
        assertThat(ParkingBackoff.visibilityAfter(0)).isEqualTo(Duration.ofMinutes(1));
        assertThat(ParkingBackoff.visibilityAfter(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(ParkingBackoff.visibilityAfter(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(ParkingBackoff.visibilityAfter(4)).isEqualTo(Duration.ofMinutes(8));
        assertThat(ParkingBackoff.visibilityAfter(7)).isEqualTo(Duration.ofHours(1));
        assertThat(ParkingBackoff.visibilityAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void failedReceivesBackOffFromASecondToAMinute() {
        assertThat(ReceiveBackoff.after(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(ReceiveBackoff.after(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(ReceiveBackoff.after(6)).isEqualTo(Duration.ofSeconds(32));
        assertThat(ReceiveBackoff.after(7)).isEqualTo(Duration.ofMinutes(1));
        assertThat(ReceiveBackoff.after(1000)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void theReceiveCountIsReadDefensively() {
        assertThat(QueueConsumer.receiveCount(java.util.Map.of("ApproximateReceiveCount", "3"))).isEqualTo(3);
        assertThat(QueueConsumer.receiveCount(java.util.Map.of())).isEqualTo(1);
        assertThat(QueueConsumer.receiveCount(java.util.Map.of("ApproximateReceiveCount", "x"))).isEqualTo(1);
    }
}
