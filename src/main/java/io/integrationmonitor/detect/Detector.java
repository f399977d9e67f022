package io.integrationmonitor.detect;

import io.integrationmonitor.config.StuckConfig;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.ResourceKind.Statuses;
import io.integrationmonitor.poll.Snapshot;
import io.integrationmonitor.state.StateStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Compares the known state of a target with a complete snapshot and says what changed. A pure
 * function: no I/O, no clock (time comes from the snapshot), ids from the injected supplier.
 *
 * <p>Events come out ordered by ARN, and per resource in a fixed order: APPEARED or STATUS_CHANGED
 * first, then the specific event; VANISHED and STUCK stand alone.
 */
public final class Detector {
    private final StuckConfig stuck;
    private final Supplier<String> ids;

    public Detector(StuckConfig stuck) {
        this(stuck, () -> UUID.randomUUID().toString());
    }

    public Detector(StuckConfig stuck, Supplier<String> ids) {
        this.stuck = Objects.requireNonNull(stuck, "stuck");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /** The detection to hand to {@link StateStore#applyPoll}, so it runs against the locked, stored state. */
    public StateStore.Detection detectionFor(Snapshot snapshot) {
        return known -> detect(known, snapshot);
    }

    public StateStore.Detection.Result detect(Map<String, KnownResource> known, Snapshot snapshot) {
        Map<String, ObservedResource> observed = byArn(snapshot.resources());
        TreeSet<String> arns = new TreeSet<>(known.keySet());
        arns.addAll(observed.keySet());

        Emitter emit = new Emitter(snapshot.target(), snapshot.observedAt());
        List<KnownResource> newState = new ArrayList<>();
        for (String arn : arns) {
            KnownResource before = known.get(arn);
            ObservedResource now = observed.get(arn);
            if (now == null && snapshot.unlisted(before.resource())) {
                newState.add(before); // its data integration's associations were not listed: nothing is known
            } else if (now == null) {
                emit.event(EventType.VANISHED, before.resource(), before.status(), "");
            } else if (before == null) {
                newState.add(appeared(now, emit));
            } else if (!before.status().equals(now.status())) {
                newState.add(changed(before, now, emit));
            } else {
                newState.add(unchanged(before, now, emit));
            }
        }
        return new StateStore.Detection.Result(newState, emit.events);
    }

    private static KnownResource appeared(ObservedResource now, Emitter emit) {
        emit.event(EventType.APPEARED, now, "", now.status());
        for (EventType type : TransitionRules.onAppear(now)) {
            emit.event(type, now, "", now.status());
        }
        return new KnownResource(now, emit.at, emit.at, false,
                TransitionRules.lastUnhealthy(now.kind(), "", now.status()));
    }

    private static KnownResource changed(KnownResource before, ObservedResource now, Emitter emit) {
        String from = before.status();
        String unhealthyBefore = TransitionRules.unhealthyBefore(now.kind(), from, before.lastUnhealthy());
        emit.event(EventType.STATUS_CHANGED, now, from, now.status());
        for (EventType type : TransitionRules.onChange(now.kind(), from, now.status(), before.lastUnhealthy())) {
            // a recovery names the unhealthy status it recovered from, which transient ones may have followed
            boolean recovery = type == EventType.RECOVERED || type == EventType.EXECUTION_RECOVERED;
            emit.event(type, now, recovery ? unhealthyBefore : from, now.status());
        }
        // a new status restarts the stuck clock and re-arms the STUCK event
        return new KnownResource(now, emit.at, emit.at, false,
                TransitionRules.lastUnhealthy(now.kind(), unhealthyBefore, now.status()));
    }

    private KnownResource unchanged(KnownResource before, ObservedResource now, Emitter emit) {
        boolean stuckReported = before.stuckReported();
        if (!stuckReported && isStuck(before, emit.at)) {
            emit.event(EventType.STUCK, now, now.status(), now.status());
            stuckReported = true;
        }
        // errors or attributes may have changed: keep the latest observation, but not as an event
        return new KnownResource(now, before.statusSince(), emit.at, stuckReported,
                TransitionRules.lastUnhealthy(now.kind(), before.lastUnhealthy(), now.status()));
    }

    private boolean isStuck(KnownResource resource, Instant now) {
        if (!Statuses.TRANSIENT.contains(resource.status())) {
            return false;
        }
        Optional<Duration> threshold = stuck.thresholdFor(resource.status());
        return threshold.isPresent() && resource.statusAge(now).compareTo(threshold.get()) >= 0;
    }

    /** A paginated API can repeat an item across pages; the last sighting wins. */
    private static Map<String, ObservedResource> byArn(List<ObservedResource> resources) {
        Map<String, ObservedResource> byArn = new TreeMap<>();
        for (ObservedResource resource : resources) {
            byArn.put(resource.arn(), resource);
        }
        return byArn;
    }

    /** Collects events of one detection run, all stamped with the snapshot's target and time. */
    private final class Emitter {
        private final PollTarget target;
        private final Instant at;
        private final List<ResourceEvent> events = new ArrayList<>();

        private Emitter(PollTarget target, Instant at) {
            this.target = target;
            this.at = at;
        }

        private void event(EventType type, ObservedResource resource, String from, String to) {
            events.add(new ResourceEvent(ids.get(), type, target, resource, from, to, at));
        }
    }
}
