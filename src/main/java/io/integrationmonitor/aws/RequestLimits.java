package io.integrationmonitor.aws;

import io.integrationmonitor.config.AwsConfig;
import io.integrationmonitor.ratelimit.TokenBucket;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The client-side load limits of AWS requests, shared by every client of one {@link AwsClientFactory}:
 * at most {@code max_concurrent_requests_per_account} requests in flight per account (all its regions and
 * services), and at most {@code requests_per_second_per_account} per account, region and service (AWS
 * throttles per account and region, each service on its own). Time spent waiting is recorded in
 * {@code integration_monitor_aws_rate_limit_wait_seconds{service,limit}}, {@code limit} being
 * {@code concurrency} or {@code rate}.
 */
final class RequestLimits {
    static final String WAIT_METER = "integration.monitor.aws.rate.limit.wait";

    private final AwsConfig config;
    private final MeterRegistry registry;
    private final LongSupplier nanoClock;
    private final ConcurrentMap<String, Semaphore> inFlightByAccount = new ConcurrentHashMap<>();
    private final ConcurrentMap<RateKey, TokenBucket> rates = new ConcurrentHashMap<>();

    RequestLimits(AwsConfig config, MeterRegistry registry) {
        this(config, registry, System::nanoTime);
    }

    RequestLimits(AwsConfig config, MeterRegistry registry, LongSupplier nanoClock) {
        this.config = Objects.requireNonNull(config, "config");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** The limits one client's requests pass through. */
    Lane lane(String account, String region, String service) {
        Semaphore inFlight = inFlightByAccount.computeIfAbsent(account,
                a -> new Semaphore(config.maxConcurrentRequestsPerAccount(), true));
        TokenBucket rate = rates.computeIfAbsent(new RateKey(account, region, service),
                k -> new TokenBucket(config.requestsPerSecondPerAccount(), config.requestBurstPerAccount(),
                        nanoClock.getAsLong()));
        return new Lane(inFlight, rate, waitTimer(service, "concurrency"), waitTimer(service, "rate"));
    }

    private Timer waitTimer(String service, String limit) {
        return Timer.builder(WAIT_METER)
                .description("Time AWS requests waited for the client-side limits before going out")
                .tag("service", service)
                .tag("limit", limit)
                .register(registry);
    }

    /** One client's way through the limits: {@link #enter()} before each HTTP attempt, {@link #exit()} after. */
    final class Lane {
        private final Semaphore inFlight;
        private final TokenBucket rate;
        private final Timer concurrencyWait;
        private final Timer rateWait;

        private Lane(Semaphore inFlight, TokenBucket rate, Timer concurrencyWait, Timer rateWait) {
            this.inFlight = inFlight;
            this.rate = rate;
            this.concurrencyWait = concurrencyWait;
            this.rateWait = rateWait;
        }

        /**
         * Waits for a free slot of the account, then for the request's turn under the rate. In that order:
         * a turn taken first could be spent waiting for a slot, and then requests would leave in a burst.
         */
        void enter() throws InterruptedException {
            long start = nanoClock.getAsLong();
            inFlight.acquire();
            concurrencyWait.record(nanoClock.getAsLong() - start, TimeUnit.NANOSECONDS);
            try {
                long wait = rate.reserve(nanoClock.getAsLong());
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                rateWait.record(wait, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                inFlight.release();
                throw e;
            }
        }

        void exit() {
            inFlight.release();
        }
    }

    private record RateKey(String account, String region, String service) {
    }
}
