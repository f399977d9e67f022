package io.integrationmonitor.metrics;

import io.integrationmonitor.detect.EventListener;
import io.integrationmonitor.detect.PollCompleted;
import io.integrationmonitor.detect.PollNotPermitted;
import io.integrationmonitor.poll.PollTarget;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ready once every expected target has completed at least one successful poll, or been found not permitted (a
 * settled answer: waiting for a grant must not keep the monitor unready); never unready again.
 */
public final class Readiness implements EventListener {
    private final Set<PollTarget> pending = ConcurrentHashMap.newKeySet();

    public Readiness(Collection<PollTarget> expectedTargets) {
        pending.addAll(expectedTargets);
    }

    @Override
    public void onPollCompleted(PollCompleted event) {
        pending.remove(event.target());
    }

    @Override
    public void onPollNotPermitted(PollNotPermitted event) {
        pending.remove(event.target());
    }

    /** A target another replica has polled successfully (clustered mode: read from the shared store). */
    public void polledElsewhere(PollTarget target) {
        pending.remove(target);
    }

    public boolean isReady() {
        return pending.isEmpty();
    }

    /** The targets still waiting for their first successful poll, ordered by key. */
    public List<PollTarget> pending() {
        return pending.stream().sorted(Comparator.comparing(PollTarget::key)).toList();
    }
}
