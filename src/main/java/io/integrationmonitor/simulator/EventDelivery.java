package io.integrationmonitor.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the simulator delivers the events it sends, imitating EventBridge's at-least-once, unordered delivery to an
 * SQS target. Every random choice comes from one {@code Random(seed)}, drawn the same number of times per event,
 * so a run is repeatable.
 *
 * @param queues               every event goes to each (one rule, several targets)
 * @param delay                fixed delivery delay (the message becomes visible that long after the change)
 * @param jitter               plus a uniform 0..jitter, in whole milliseconds
 * @param duplicateProbability chance that an event is delivered twice (same body, same {@code id}), each copy
 *                             with its own delay
 * @param reorderProbability   chance that an event is held back until the next one is sent, then sent after it
 * @param reorderHold          the longest an event is held back when no next event comes
 */
public record EventDelivery(List<EventQueue> queues, Duration delay, Duration jitter, double duplicateProbability,
                            double reorderProbability, Duration reorderHold, long seed) {
    public static final Duration DEFAULT_REORDER_HOLD = Duration.ofSeconds(2);

    public EventDelivery {
        queues = List.copyOf(queues);
        if (queues.isEmpty()) {
            throw new IllegalArgumentException("events need at least one queue");
        }
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(reorderHold, "reorderHold");
        if (delay.isNegative() || jitter.isNegative() || reorderHold.isNegative()) {
            throw new IllegalArgumentException("event delay, jitter and reorder hold must not be negative");
        }
        if (!(duplicateProbability >= 0 && duplicateProbability <= 1) || !(reorderProbability >= 0
                && reorderProbability <= 1)) {
            throw new IllegalArgumentException("event duplicate and reorder probabilities are from 0 to 1");
        }
    }

    /** At once, once each, in order. */
    public static EventDelivery immediate(EventQueue queue) {
        return new EventDelivery(List.of(queue), Duration.ZERO, Duration.ZERO, 0, 0, DEFAULT_REORDER_HOLD, 0);
    }

    public EventDelivery withDelay(Duration fixed, Duration jitter) {
        return new EventDelivery(queues, fixed, jitter, duplicateProbability, reorderProbability, reorderHold, seed);
    }

    public EventDelivery withDuplicates(double probability) {
        return new EventDelivery(queues, delay, jitter, probability, reorderProbability, reorderHold, seed);
    }

    public EventDelivery withReordering(double probability, Duration hold) {
        return new EventDelivery(queues, delay, jitter, duplicateProbability, probability, hold, seed);
    }

    public EventDelivery withSeed(long newSeed) {
        return new EventDelivery(queues, delay, jitter, duplicateProbability, reorderProbability, reorderHold, newSeed);
    }
}
