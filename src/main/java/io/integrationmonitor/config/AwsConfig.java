package io.integrationmonitor.config;

import java.time.Duration;

/**
 * How AWS clients are built.
 *
 * @param region                default region of targets that list none; null: the SDK's region chain
 * @param endpoints             endpoint overrides (else the SDK's, including {@code AWS_ENDPOINT_URL*})
 * @param retry                 SDK retry strategy
 * @param apiCallTimeout        limit for one API call including retries
 * @param apiCallAttemptTimeout limit for one HTTP attempt
 * @param maxConnections        HTTP connection pool size, shared by every client; raised to
 *                              max_concurrent_polls + 4 when smaller
 * @param maxConcurrentPolls    polls running at once across every target (the scheduler's thread count)
 * @param maxConcurrentRequestsPerAccount AWS requests in flight at once per account, every region and service
 * @param requestsPerSecondPerAccount     client-side request rate per account, region and service; retries count
 * @param requestBurstPerAccount          requests that may go out back to back before that rate applies
 * @param maxResponseBytes                longest response body the SDK may read; a longer one fails its call
 *                                        before it can exhaust the heap
 */
public record AwsConfig(
        String region,
        EndpointsConfig endpoints,
        RetryConfig retry,
        Duration apiCallTimeout,
        Duration apiCallAttemptTimeout,
        Integer maxConnections,
        Integer maxConcurrentPolls,
        Integer maxConcurrentRequestsPerAccount,
        Double requestsPerSecondPerAccount,
        Integer requestBurstPerAccount,
        Integer maxResponseBytes) {

    /**
     * 16 MiB: a page of 1,000 Glue integrations is under 2 MB. Measured with the README's small-container
     * options (-Xmx192m, Serial GC): a 16 MB page was read, a 33 MB page ran out of heap.
     */
    static final int DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

    public AwsConfig {
        endpoints = endpoints == null ? EndpointsConfig.defaults() : endpoints;
        retry = retry == null ? RetryConfig.defaults() : retry;
        apiCallTimeout = apiCallTimeout == null ? Duration.ofSeconds(60) : apiCallTimeout;
        apiCallAttemptTimeout = apiCallAttemptTimeout == null ? Duration.ofSeconds(15) : apiCallAttemptTimeout;
        maxConnections = maxConnections == null ? 10 : maxConnections;
        maxConcurrentPolls = maxConcurrentPolls == null ? 16 : maxConcurrentPolls;
        maxConcurrentRequestsPerAccount = maxConcurrentRequestsPerAccount == null ? 4 : maxConcurrentRequestsPerAccount;
        // AWS does not publish per-operation rates for these read APIs; 5/s sits well below what
        // Glue and AppIntegrations accept per account and region, and a poll needs only a few calls.
        requestsPerSecondPerAccount = requestsPerSecondPerAccount == null ? 5.0 : requestsPerSecondPerAccount;
        requestBurstPerAccount = requestBurstPerAccount == null ? 5 : requestBurstPerAccount;
        maxResponseBytes = maxResponseBytes == null ? DEFAULT_MAX_RESPONSE_BYTES : maxResponseBytes;
        Validation.positive(apiCallTimeout, "api_call_timeout");
        Validation.positive(apiCallAttemptTimeout, "api_call_attempt_timeout");
        Validation.range(maxConnections, 1, 1000, "max_connections");
        Validation.range(maxConcurrentPolls, 1, 1000, "max_concurrent_polls");
        Validation.range(maxConcurrentRequestsPerAccount, 1, 1000, "max_concurrent_requests_per_account");
        if (!(requestsPerSecondPerAccount >= 0.01 && requestsPerSecondPerAccount <= 10_000)) {
            throw KeyProblem.at("requests_per_second_per_account", "must be between 0.01 and 10000")
                    .got(requestsPerSecondPerAccount).exception();
        }
        Validation.range(requestBurstPerAccount, 1, 10_000, "request_burst_per_account");
        Validation.range(maxResponseBytes, 1024, 1024 * 1024 * 1024, "max_response_bytes");
        Validation.region(region, "region");
        if (apiCallAttemptTimeout.compareTo(apiCallTimeout) > 0) {
            throw KeyProblem.at("api_call_attempt_timeout", "must not exceed api_call_timeout, which covers every"
                    + " attempt of a call; got " + Durations.format(apiCallAttemptTimeout) + " > "
                    + Durations.format(apiCallTimeout)).involving("api_call_timeout").exception();
        }
    }

    /** The settings that existed before the limits; the limits take their defaults. */
    public AwsConfig(String region, EndpointsConfig endpoints, RetryConfig retry, Duration apiCallTimeout,
                     Duration apiCallAttemptTimeout, Integer maxConnections) {
        this(region, endpoints, retry, apiCallTimeout, apiCallAttemptTimeout, maxConnections, null, null, null, null);
    }

    /** The settings that existed before max_response_bytes; it takes its default. */
    public AwsConfig(String region, EndpointsConfig endpoints, RetryConfig retry, Duration apiCallTimeout,
                     Duration apiCallAttemptTimeout, Integer maxConnections, Integer maxConcurrentPolls,
                     Integer maxConcurrentRequestsPerAccount, Double requestsPerSecondPerAccount,
                     Integer requestBurstPerAccount) {
        this(region, endpoints, retry, apiCallTimeout, apiCallAttemptTimeout, maxConnections, maxConcurrentPolls,
                maxConcurrentRequestsPerAccount, requestsPerSecondPerAccount, requestBurstPerAccount, null);
    }

    public static AwsConfig defaults() {
        return new AwsConfig(null, null, null, null, null, null);
    }
}
