package io.integrationmonitor.detect;

import io.integrationmonitor.poll.PollTarget;

import java.time.Instant;

/** What travels on the {@link EventBus}: the outcome of one poll of one target. */
public sealed interface MonitorEvent permits PollCompleted, PollFailed, PollNotPermitted {
    PollTarget target();

    Instant at();
}
