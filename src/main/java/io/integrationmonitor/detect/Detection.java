package io.integrationmonitor.detect;

import java.util.List;
import java.util.Map;

/**
 * The detection step a state store runs inside its poll transaction, against the locked, stored state of one
 * target (see {@code state.StateStore#applyPoll}). Lives here, not with the store, so that {@code state}
 * depends on {@code detect} and never the reverse.
 */
@FunctionalInterface
public interface Detection {
    Result detect(Map<String, KnownResource> known);

    /** The complete new state of the target and the events that lead to it. */
    record Result(List<KnownResource> newState, List<ResourceEvent> events) {
        public Result {
            newState = List.copyOf(newState);
            events = List.copyOf(events);
        }
    }
}
