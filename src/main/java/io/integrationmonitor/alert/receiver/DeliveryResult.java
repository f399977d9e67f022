package io.integrationmonitor.alert.receiver;

import java.time.Duration;
import java.util.Optional;

/**
 * What a receiver made of one delivery attempt.
 *
 * @param delivered  the destination accepted it (HTTP 2xx, SNS MessageId)
 * @param error      short, secret-free reason when not delivered
 * @param retryAfter a delay the destination asked for (HTTP 429/503 {@code Retry-After}), if any
 */
public record DeliveryResult(boolean delivered, String error, Optional<Duration> retryAfter) {
    public static DeliveryResult ok() {
        return new DeliveryResult(true, "", Optional.empty());
    }

    public static DeliveryResult failed(String error) {
        return new DeliveryResult(false, error, Optional.empty());
    }

    public static DeliveryResult failed(String error, Duration retryAfter) {
        return new DeliveryResult(false, error, Optional.ofNullable(retryAfter));
    }
}
