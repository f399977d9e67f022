package io.integrationmonitor.detect;

import io.integrationmonitor.config.StuckConfig;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.ResourceStatus;
import io.integrationmonitor.poll.Snapshot;

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
 * <p>One event per observed change, typed by its most specific type (ENTERED_FAILED, with STATUS_CHANGED in
 * {@code also}). Events come out ordered by ARN. The first poll that finds resources in a target the monitor
 * knows nothing of emits one DISCOVERED with their count, then an event only for each resource that is
 * already unhealthy, instead of one APPEARED per resource.
 *
 * <p>A targeted snapshot ({@link Snapshot#targeted()}) tells only of its scope: every other known resource stays
 * exactly as it was (no event, no vanish), it never makes a DISCOVERED, and in a target that knows nothing yet
 * it changes nothing at all: a target's first poll is a full one, whose DISCOVERED counts the estate.
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

    /** The detection to hand to {@code StateStore#applyPoll}, so it runs against the locked, stored state. */
    public Detection detectionFor(Snapshot snapshot) {
        return known -> detect(known, snapshot);
    }

    public Detection.Result detect(Map<String, KnownResource> known, Snapshot snapshot) {
        if (snapshot.targeted()) {
            return detectScoped(known, snapshot);
        }
        Map<String, ObservedResource> observed = byArn(snapshot.resources());
        TreeSet<String> arns = new TreeSet<>(known.keySet());
        arns.addAll(observed.keySet());

        Emitter emit = new Emitter(snapshot.target(), snapshot.observedAt());
        boolean discovery = known.isEmpty() && !observed.isEmpty();
        if (discovery) {
            emit.add(new ResourceEvent(ids.get(), EventType.DISCOVERED, snapshot.target(), null, "", "", emit.at,
                    List.of(), Map.of(ResourceEvent.Attributes.COUNT, Integer.toString(observed.size()))));
        }
        List<KnownResource> newState = new ArrayList<>();
        for (String arn : arns) {
            KnownResource before = known.get(arn);
            ObservedResource now = observed.get(arn);
            if (now == null && snapshot.unlisted(before.resource())) {
                newState.add(before); // its data integration's associations were not listed: nothing is known
            } else if (now == null) {
                emit.event(EventType.VANISHED, List.of(), before.resource(), before.status().label(), "", Map.of());
            } else if (before == null) {
                newState.add(appeared(now, emit, discovery));
            } else if (before.status() != now.status()) {
                newState.add(changed(before, now, emit));
            } else {
                newState.add(unchanged(before, now, emit));
            }
        }
        return new Detection.Result(newState, emit.events);
    }

    private Detection.Result detectScoped(Map<String, KnownResource> known, Snapshot snapshot) {
        if (known.isEmpty()) {
            return new Detection.Result(List.of(), List.of());
        }
        Emitter emit = new Emitter(snapshot.target(), snapshot.observedAt());
        ObservedResource now = snapshot.resources().get(0);
        List<KnownResource> newState = new ArrayList<>();
        for (KnownResource before : new TreeMap<>(known).values()) {
            if (!before.arn().equals(now.arn())) {
                newState.add(before);
            } else if (before.status() != now.status()) {
                newState.add(changed(before, now, emit));
            } else {
                newState.add(unchanged(before, now, emit));
            }
        }
        if (!known.containsKey(now.arn())) {
            newState.add(appeared(now, emit, false));
        }
        return new Detection.Result(newState, emit.events);
    }

    /** @param discovery part of the target's DISCOVERED: only an unhealthy resource gets an event of its own */
    private static KnownResource appeared(ObservedResource now, Emitter emit, boolean discovery) {
        List<EventType> specific = TransitionRules.onAppear(now);
        if (!specific.isEmpty()) {
            emit.event(specific.get(0), discovery ? List.of() : List.of(EventType.APPEARED), now, "",
                    now.status().label(), Map.of());
        } else if (!discovery) {
            emit.event(EventType.APPEARED, List.of(), now, "", now.status().label(), Map.of());
        }
        return new KnownResource(now, emit.at, emit.at, false,
                TransitionRules.lastUnhealthy(now.kind(), Optional.empty(), now.status()));
    }

    private static KnownResource changed(KnownResource before, ObservedResource now, Emitter emit) {
        ResourceStatus from = before.status();
        Optional<ResourceStatus> unhealthyBefore = TransitionRules.unhealthyBefore(now.kind(), from, before.lastUnhealthy());
        List<EventType> specific = TransitionRules.onChange(now.kind(), from, now.status(), before.lastUnhealthy());
        if (specific.isEmpty()) {
            emit.event(EventType.STATUS_CHANGED, List.of(), now, from.label(), now.status().label(), Map.of());
        } else {
            EventType type = specific.get(0);
            // a recovery names the unhealthy status it recovered from, which transient ones may have followed
            boolean recovery = type == EventType.RECOVERED || type == EventType.EXECUTION_RECOVERED;
            emit.event(type, List.of(EventType.STATUS_CHANGED), now, from.label(), now.status().label(), recovery
                    ? Map.of(ResourceEvent.Attributes.RECOVERED_FROM, unhealthyBefore.orElseThrow().label())
                    : Map.of());
        }
        // a new status restarts the stuck clock and re-arms the STUCK event
        return new KnownResource(now, emit.at, emit.at, false,
                TransitionRules.lastUnhealthy(now.kind(), unhealthyBefore, now.status()));
    }

    private KnownResource unchanged(KnownResource before, ObservedResource now, Emitter emit) {
        boolean stuckReported = before.stuckReported();
        if (!stuckReported && ResourceHealth.isStuck(before, stuck, emit.at)) {
            emit.event(EventType.STUCK, List.of(), now, now.status().label(), now.status().label(),
                    Map.of(ResourceEvent.Attributes.SINCE, before.statusSince().toString()));
            stuckReported = true;
        }
        // errors or attributes may have changed: keep the latest observation, but not as an event
        return new KnownResource(now, before.statusSince(), emit.at, stuckReported,
                TransitionRules.lastUnhealthy(now.kind(), before.lastUnhealthy(), now.status()));
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

        private void event(EventType type, List<EventType> also, ObservedResource resource, String from, String to,
                           Map<String, String> attributes) {
            events.add(new ResourceEvent(ids.get(), type, target, resource, from, to, at, also, attributes));
        }

        private void add(ResourceEvent event) {
            events.add(event);
        }
    }
}
