package io.integrationmonitor.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.integrationmonitor.config.AwsConfig;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestLimitsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong nanos = new AtomicLong();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    @Test
    void anAccountsSlotsAreSharedByItsRegionsAndServicesButNotWithOtherAccounts() throws Exception {
        // given one request in flight per account, and a generous rate
        RequestLimits limits = limits(1, 1000.0, 1000);
        RequestLimits.Lane glueEu = limits.lane("111111111111", "eu-west-1", "glue");
        RequestLimits.Lane appUs = limits.lane("111111111111", "us-east-1", "appintegrations");
        RequestLimits.Lane other = limits.lane("222222222222", "eu-west-1", "glue");
        glueEu.enter();

        // when the same account asks again from another region and service
        CountDownLatch entered = new CountDownLatch(1);
        Thread waiting = new Thread(() -> {
            try {
                appUs.enter();
                entered.countDown();
                appUs.exit();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "waiting-for-a-slot");
        waiting.start();
        // the clock does not move and the rate is generous: the only thing it can wait for is the slot
        await().atMost(10, TimeUnit.SECONDS).until(() -> waiting.getState() == Thread.State.WAITING);

        // then another account goes through at once, the same account only after the slot is given back
        other.enter();
        other.exit();
        assertThat(entered.getCount()).as("entered while the account's slot was taken").isEqualTo(1);
        glueEu.exit();
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        waiting.join(10_000);
        assertThat(timer("appintegrations", "concurrency").count()).isEqualTo(1);
        assertThat(timer("glue", "concurrency").count()).isEqualTo(2);
    }

    @Test
    void ratesAreKeptPerAccountRegionAndService() throws Exception {
        // given a burst of one; the clock does not move, so a second request of a lane would have to wait
        RequestLimits limits = limits(10, 1000.0, 1);

        // when one request goes out per account, region and service
        for (String account : new String[] {"111111111111", "222222222222"}) {
            for (String region : new String[] {"eu-west-1", "us-east-1"}) {
                for (String service : new String[] {"glue", "appintegrations"}) {
                    RequestLimits.Lane lane = limits.lane(account, region, service);
                    lane.enter();
                    lane.exit();
                }
            }
        }

        // then none of them waited
        assertThat(timer("glue", "rate").count()).isEqualTo(4);
        assertThat(timer("glue", "rate").totalTime(TimeUnit.NANOSECONDS)).isZero();
        assertThat(timer("appintegrations", "rate").totalTime(TimeUnit.NANOSECONDS)).isZero();
    }

    @Test
    void aRequestOverTheRateWaitsAndTheWaitIsMeasured() throws Exception {
        // given 100 per second, burst 1: the second request waits 10 ms
        RequestLimits limits = new RequestLimits(config(4, 100.0, 1), registry);
        RequestLimits.Lane lane = limits.lane("111111111111", "eu-west-1", "glue");

        // when
        lane.enter();
        lane.exit();
        lane.enter();
        lane.exit();

        // then
        assertThat(timer("glue", "rate").count()).isEqualTo(2);
        assertThat(timer("glue", "rate").max(TimeUnit.MILLISECONDS)).isGreaterThan(5);
    }

    @Test
    void anInterruptedWaitGivesItsSlotBack() throws Exception {
        // given a slow rate, so that the second request sleeps (100 s), and one slot per account
        RequestLimits limits = limits(1, 0.01, 1);
        RequestLimits.Lane lane = limits.lane("111111111111", "eu-west-1", "glue");
        lane.enter();
        lane.exit();
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread sleeper = new Thread(() -> {
            try {
                lane.enter();
            } catch (InterruptedException expected) {
                interrupted.set(true);
            }
        }, "waiting-for-its-turn");
        sleeper.start();
        // holding the slot, asleep until its turn under the rate (not before it asked: that would test nothing)
        await().atMost(10, TimeUnit.SECONDS).until(() -> sleeper.getState() == Thread.State.TIMED_WAITING);

        // when the sleeping request is interrupted (what the SDK's attempt timeout does)
        sleeper.interrupt();
        sleeper.join(10_000);

        // then it gave up, and the slot is free for another region of the account
        assertThat(sleeper.isAlive()).isFalse();
        assertThat(interrupted).isTrue();
        RequestLimits.Lane otherRegion = limits.lane("111111111111", "us-east-1", "glue");
        Future<?> entered = pool.submit(() -> {
            otherRegion.enter();
            otherRegion.exit();
            return null;
        });
        entered.get(10, TimeUnit.SECONDS);
    }

    private RequestLimits limits(int perAccount, double rate, int burst) {
        return new RequestLimits(config(perAccount, rate, burst), registry, nanos::get);
    }

    private static AwsConfig config(int perAccount, double rate, int burst) {
        return new AwsConfig(null, null, null, null, null, null, null, perAccount, rate, burst);
    }

    private Timer timer(String service, String limit) {
        return registry.get(RequestLimits.WAIT_METER).tags("service", service, "limit", limit).timer();
    }
}
