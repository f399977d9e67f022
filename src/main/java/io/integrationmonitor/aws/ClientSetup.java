package io.integrationmonitor.aws;

import io.integrationmonitor.config.AwsConfig;
import io.integrationmonitor.config.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * What every SDK client shares, and how a builder is set up with it: one Apache HTTP connection pool, the
 * configured retry strategy and timeouts, the request-metrics publisher, the SDK's timeout timers, and the
 * per-account {@link RequestLimits} (concurrency and rate, retries included). Thread-safe.
 */
final class ClientSetup implements AutoCloseable {
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final int SPARE_CONNECTIONS = 4;
    private static final Duration LONG_POLL_MAX_WAIT = Duration.ofSeconds(20);
    private static final Duration LONG_POLL_MARGIN = Duration.ofSeconds(10);
    /** One long poll per configured queue at a time, and its deletes; a few queues at most. */
    private static final int LONG_POLL_CONNECTIONS = 16;

    private final AwsConfig config;
    private final AwsRequestMetrics metrics;
    private final RequestLimits limits;
    private final SdkHttpClient httpClient;
    private final SdkHttpClient longPollHttpClient;
    // Every SDK client would otherwise start its own timeout scheduler: over a thousand idle threads for a
    // large estate. The SDK leaves a supplied executor alone on close; this class shuts it down.
    private final ScheduledExecutorService sdkTimers = sdkTimers();

    /**
     * Each call schedules its call and attempt timeouts here and cancels them when it returns. A cancelled task is
     * removed at once: by default it would stay queued until its deadline (api_call_timeout away), holding what it
     * refers to, tens of thousands of them in a busy estate.
     */
    static ScheduledExecutorService sdkTimers() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "aws-sdk-timeouts");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    ClientSetup(AwsConfig config, MeterRegistry registry) {
        this.config = config;
        this.metrics = new AwsRequestMetrics(registry);
        this.limits = new RequestLimits(config, registry);
        Duration attemptTimeout = config.apiCallAttemptTimeout();
        this.httpClient = ApacheHttpClient.builder()
                .maxConnections(poolSize(config))
                .connectionTimeout(attemptTimeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? attemptTimeout : MAX_CONNECT_TIMEOUT)
                .socketTimeout(attemptTimeout)
                .build();
        // SQS long polls: a read may wait up to 20 s for the answer, above the 15 s default attempt timeout; their
        // own small pool, so that a held long poll never takes a connection a poll needs.
        this.longPollHttpClient = ApacheHttpClient.builder()
                .maxConnections(LONG_POLL_CONNECTIONS)
                .connectionTimeout(attemptTimeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? attemptTimeout : MAX_CONNECT_TIMEOUT)
                .socketTimeout(longPollAttemptTimeout(config))
                .build();
    }

    /** Above SQS's longest long poll (20 s) by a margin, and never below the configured attempt timeout. */
    static Duration longPollAttemptTimeout(AwsConfig config) {
        Duration needed = LONG_POLL_MAX_WAIT.plus(LONG_POLL_MARGIN);
        return config.apiCallAttemptTimeout().compareTo(needed) > 0 ? config.apiCallAttemptTimeout() : needed;
    }

    /**
     * Every client shares the pool, and each running poll has one request in flight at a time: a pool
     * smaller than the polls that may run at once would make one slow account's polls hold up the others'.
     * The spare connections are for alert deliveries.
     */
    static int poolSize(AwsConfig config) {
        return Math.max(config.maxConnections(), config.maxConcurrentPolls() + SPARE_CONNECTIONS);
    }

    static RetryStrategy retryStrategy(RetryConfig retry) {
        RetryMode mode = retry.mode() == RetryConfig.Mode.ADAPTIVE ? RetryMode.ADAPTIVE_V2 : RetryMode.STANDARD;
        return AwsRetryStrategy.forRetryMode(mode).toBuilder().maxAttempts(retry.maxAttempts()).build();
    }

    /**
     * Sets {@code builder} up for {@code service} with {@code identity}'s credentials in {@code region}; its
     * requests go through the request limits of the identity's account.
     *
     * @param endpoint the configured endpoint, or null for the SDK's own resolution
     */
    <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder, String service,
            Identity identity, AwsCredentialsProvider credentials, String region, URI endpoint) {
        return configure(builder, httpClient, identity.limitKey(), service, credentials, region, endpoint,
                config.apiCallTimeout(), config.apiCallAttemptTimeout());
    }

    /**
     * Like {@link #configure}, for a client that long-polls (SQS ReceiveMessage): its own connections with a read
     * timeout above the wait, an attempt timeout above it too, and a concurrency lane of its own per account, so a
     * receive held for 20 s never takes a slot of {@code max_concurrent_requests_per_account} from the polls. The
     * rate limit still applies (the lane's rate bucket is per account, region and service).
     */
    <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configureLongPoll(B builder, String service,
            Identity identity, AwsCredentialsProvider credentials, String region, URI endpoint) {
        Duration attempt = longPollAttemptTimeout(config);
        Duration call = config.apiCallTimeout().compareTo(attempt.multipliedBy(2)) > 0 ? config.apiCallTimeout()
                : attempt.multipliedBy(2);
        return configure(builder, longPollHttpClient, "long-poll/" + identity.limitKey(), service, credentials, region,
                endpoint, call, attempt);
    }

    /** @param laneKey the request-limit lane's key: the account's, or a lane of its own */
    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder,
            SdkHttpClient http, String laneKey, String service, AwsCredentialsProvider credentials, String region,
            URI endpoint, Duration callTimeout, Duration attemptTimeout) {
        SdkHttpClient limited = new LimitedHttpClient(http, limits.lane(laneKey, region, service),
                config.maxResponseBytes());
        builder.httpClient(limited)
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> o
                        .scheduledExecutorService(sdkTimers)
                        .retryStrategy(retryStrategy(config.retry()))
                        .apiCallTimeout(callTimeout)
                        .apiCallAttemptTimeout(attemptTimeout)
                        .addMetricPublisher(metrics));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    /** Closes the pool and stops the timers; call after closing every client built with this setup. */
    @Override
    public void close() {
        try {
            httpClient.close();
            longPollHttpClient.close();
        } finally {
            sdkTimers.shutdownNow();
        }
    }
}
