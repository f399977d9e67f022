package io.integrationmonitor.aws;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SdkTimersTest {
    @Test
    void aCancelledTimeoutLeavesTheQueueAtOnceInsteadOfWaitingForItsDeadline() {
        // given the scheduler every SDK client's call and attempt timeouts go to
        ScheduledExecutorService timers = ClientSetup.sdkTimers();
        try {
            // when a call schedules its timeout and returns long before it
            ScheduledFuture<?> timeout = timers.schedule(() -> { }, 1, TimeUnit.HOURS);
            timeout.cancel(false);

            // then nothing of it stays queued (with the JDK's default, it would for an hour)
            assertThat(((ScheduledThreadPoolExecutor) timers).getQueue()).isEmpty();
        } finally {
            timers.shutdownNow();
        }
    }
}
