package io.integrationmonitor.alert.receiver;

import io.integrationmonitor.alert.evaluate.Notification;

import java.time.Duration;
import java.util.Optional;

/** Delivers notifications to one configured destination. Implementations must be thread-safe and never log secrets. */
public interface Receiver {
    /** The configured name: the {@code receiver} metric label. */
    String name();

    /** {@code slack}, {@code sns}, {@code alertmanager}, {@code webhook} or {@code log}. */
    String type();

    boolean sendResolved();

    /**
     * How often a still-firing alert is re-sent to this receiver; empty: the global {@code repeat_interval}.
     * Alertmanager needs frequent re-sends to keep an alert alive.
     */
    default Optional<Duration> resendInterval() {
        return Optional.empty();
    }

    /** Sends one notification; returns instead of throwing on delivery failure. */
    DeliveryResult deliver(Notification notification);
}
