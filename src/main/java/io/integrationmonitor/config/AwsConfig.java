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
 * @param maxConnections        HTTP connection pool size per client
 */
public record AwsConfig(
        String region,
        EndpointsConfig endpoints,
        RetryConfig retry,
        Duration apiCallTimeout,
        Duration apiCallAttemptTimeout,
        Integer maxConnections) {

    public AwsConfig {
        endpoints = endpoints == null ? EndpointsConfig.defaults() : endpoints;
        retry = retry == null ? RetryConfig.defaults() : retry;
        apiCallTimeout = apiCallTimeout == null ? Duration.ofSeconds(60) : apiCallTimeout;
        apiCallAttemptTimeout = apiCallAttemptTimeout == null ? Duration.ofSeconds(15) : apiCallAttemptTimeout;
        maxConnections = maxConnections == null ? 10 : maxConnections;
        Validation.positive(apiCallTimeout, "api_call_timeout");
        Validation.positive(apiCallAttemptTimeout, "api_call_attempt_timeout");
        Validation.range(maxConnections, 1, 1000, "max_connections");
        Validation.region(region, "region");
        if (apiCallAttemptTimeout.compareTo(apiCallTimeout) > 0) {
            throw new IllegalArgumentException("api_call_attempt_timeout must not exceed api_call_timeout, which"
                    + " covers every attempt of a call; got " + Durations.format(apiCallAttemptTimeout) + " > "
                    + Durations.format(apiCallTimeout));
        }
    }

    public static AwsConfig defaults() {
        return new AwsConfig(null, null, null, null, null, null);
    }
}
