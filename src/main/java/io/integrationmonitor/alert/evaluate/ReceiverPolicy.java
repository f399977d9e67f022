package io.integrationmonitor.alert.evaluate;

import java.time.Duration;

/**
 * What the evaluation needs to know of a receiver.
 *
 * @param sendResolved   it hears that an alert resolved (a changed-to resolve it hears anyway, paired)
 * @param repeatInterval how often a still-firing alert is sent to it again
 */
public record ReceiverPolicy(boolean sendResolved, Duration repeatInterval) {
}
