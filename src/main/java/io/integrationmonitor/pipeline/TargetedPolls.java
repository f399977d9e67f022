package io.integrationmonitor.pipeline;

import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one integration now, on every watched target that can list it ({@link Source#listingIntegration}):
 * events make polls, not state. A target that knows the integration but did not observe it is handed to the
 * {@code fullPoll} hook (its scheduled job, fired now), and so is every routed target when none observed it: only
 * a full poll decides a vanish or finds what a describe cannot.
 */
public final class TargetedPolls {
    private static final Logger log = LoggerFactory.getLogger(TargetedPolls.class);

    private final List<PollRunner> runners;
    private final Consumer<PollTarget> fullPoll;

    /** @param fullPoll asks for a full poll of a target soon (e.g. {@code PollScheduler::pollNow}); must not block */
    public TargetedPolls(List<PollRunner> runners, Consumer<PollTarget> fullPoll) {
        this.runners = List.copyOf(runners);
        this.fullPoll = Objects.requireNonNull(fullPoll, "fullPoll");
    }

    /** What a requested poll came to; the same constants as {@code events.IntegrationPolls.Outcome}. */
    public enum Outcome {
        /** At least one target described the integration and committed what it saw. */
        POLLED,
        /** No watched target of the account and region can list the integration: nothing to do. */
        NOT_WATCHED,
        /** No target observed it: a full poll of each target that could list it was asked for instead. */
        FULL_POLL_REQUESTED
    }

    /**
     * Describes the integration on every target of {@code accountId} and {@code region} whose source lists
     * integrations of the ARN's service, and returns once what they found is committed. Every such target is
     * tried even when one fails; then the first failure is thrown.
     *
     * @throws IllegalArgumentException    the ARN is no integration ARN of a known partition and service
     * @throws TargetedPollFailedException a describe or its commit failed (the others were done)
     */
    public Outcome pollNow(String accountId, String region, String integrationArn) {
        Set<Source> sources = Source.listingIntegration(integrationArn);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("not an integration ARN of a known partition and service");
        }
        List<PollRunner> routed = runners.stream()
                .filter(r -> sources.contains(r.target().source()) && r.target().accountId().equals(accountId)
                        && r.target().region().equals(region))
                .toList();
        boolean polled = false;
        List<PollTarget> reconcile = new ArrayList<>();
        List<PollTarget> unobserved = new ArrayList<>();
        TargetedPollFailedException failure = null;
        for (PollRunner runner : routed) {
            try {
                switch (runner.pollNow(integrationArn)) {
                    case POLLED -> polled = true;
                    case FULL_POLL_NEEDED -> reconcile.add(runner.target());
                    case NOT_OBSERVED -> unobserved.add(runner.target());
                    case SKIPPED -> { }
                }
            } catch (TargetedPollFailedException e) {
                log.debug("targeted poll failed: {}", e.getMessage());
                failure = failure == null ? e : failure;
            }
        }
        if (!polled) {
            reconcile.addAll(unobserved);
        }
        reconcile.forEach(fullPoll);
        if (failure != null) {
            throw failure;
        }
        if (polled) {
            return Outcome.POLLED;
        }
        return reconcile.isEmpty() ? Outcome.NOT_WATCHED : Outcome.FULL_POLL_REQUESTED;
    }
}
