package io.integrationmonitor.alert.receiver;

import java.time.Duration;
import java.util.Optional;

/**
 * What a receiver made of one delivery attempt.
 *
 * @param delivered  the destination accepted it (HTTP 2xx, SNS MessageId)
 * @param error      short, secret-free reason when not delivered
 * @param retryAfter a delay the destination asked for (HTTP 429/503 {@code Retry-After}), if any
 * @param response   the start of the destination's answer when it refused (Slack's {@code no_service}), bounded,
 *                   inert and without the URL's secret parts; empty if none. Shown by {@code test-alert} to the
 *                   person testing the receiver, kept out of logs and the outbox (it is the far end's text)
 */
public record DeliveryResult(boolean delivered, String error, Optional<Duration> retryAfter, String response) {
    public static DeliveryResult ok() {
        return new DeliveryResult(true, "", Optional.empty(), "");
    }

    public static DeliveryResult failed(String error) {
        return new DeliveryResult(false, error, Optional.empty(), "");
    }

    public static DeliveryResult failed(String error, Duration retryAfter) {
        return failed(error, retryAfter, "");
    }

    public static DeliveryResult failed(String error, Duration retryAfter, String response) {
        return new DeliveryResult(false, error, Optional.ofNullable(retryAfter), response);
    }
}
