package io.integrationmonitor.config;

/**
 * SDK retries. {@code standard} backs off exponentially with jitter on throttling and 5xx;
 * {@code adaptive} also rate-limits the client once throttled. The SDK's LEGACY mode is not offered.
 */
public record RetryConfig(Mode mode, Integer maxAttempts) {
    public enum Mode { STANDARD, ADAPTIVE }

    public RetryConfig {
        mode = mode == null ? Mode.STANDARD : mode;
        maxAttempts = maxAttempts == null ? 5 : maxAttempts;
        Validation.range(maxAttempts, 1, 20, "max_attempts");
    }

    public static RetryConfig defaults() {
        return new RetryConfig(null, null);
    }
}
