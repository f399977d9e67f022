package io.integrationmonitor.metrics;

import io.integrationmonitor.config.MetricsConfig.StateSets;
import io.integrationmonitor.detect.EventListener;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.PollCompleted;
import io.integrationmonitor.poll.PollTarget;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-resource state metrics from each completed poll (one-hot status, {@code _stuck}, {@code _info}, error count,
 * status-since) and the transition/event counters. Series of resources absent from a target's latest
 * successful poll are removed; a failed poll leaves the last known series in place.
 *
 * <p>Kept pre-rendered, kube-state-metrics style ({@link RenderedExposition}): each target's rows are rendered
 * when its poll changes something and a scrape writes stored bytes, instead of hundreds of thousands of
 * client snapshot objects per scrape; an unchanged poll renders nothing.
 */
public final class ResourceStateMetrics implements EventListener {
    private final EventCounters counters;
    private final boolean currentOnly;
    private final Map<ResourceFamilies, KindFamilies> families = new EnumMap<>(ResourceFamilies.class);
    private final RenderedExposition exposition;
    private final Map<PollTarget, Map<ResourceFamilies, TargetRows>> held = new ConcurrentHashMap<>();

    public ResourceStateMetrics(PrometheusMetrics metrics) {
        this(metrics, StateSets.ALL);
    }

    public ResourceStateMetrics(PrometheusMetrics metrics, StateSets stateSets) {
        this(metrics.meterRegistry(), metrics.rendered(), stateSets);
    }

    ResourceStateMetrics(MeterRegistry counterRegistry, RenderedExposition exposition, StateSets stateSets) {
        this.counters = new EventCounters(counterRegistry);
        this.currentOnly = stateSets == StateSets.CURRENT_ONLY;
        this.exposition = exposition;
        for (ResourceFamilies f : ResourceFamilies.values()) {
            families.put(f, new KindFamilies(new ResourceLayout(f), exposition));
        }
    }

    @Override
    public void onPollCompleted(PollCompleted event) {
        replace(event.target(), event.current());
        event.events().forEach(counters::count);
    }

    /**
     * Replaces a target's series with state read from the shared store, so that in clustered mode every
     * replica serves the whole estate, not only what it polled itself. Counters are not touched.
     */
    public void refresh(PollTarget target, List<KnownResource> current) {
        replace(target, current);
    }

    /** Per target, serialized: a poll and a shared-state refresh of one target never interleave their blocks. */
    private void replace(PollTarget target, List<KnownResource> current) {
        Map<ResourceFamilies, List<ResourceRow>> rows = new EnumMap<>(ResourceFamilies.class);
        for (KnownResource known : current) {
            ResourceFamilies kind = ResourceFamilies.of(known.resource().kind());
            rows.computeIfAbsent(kind, k -> new ArrayList<>()).add(families.get(kind).layout.row(known));
        }
        held.compute(target, (t, before) -> {
            Set<ResourceFamilies> kinds = EnumSet.noneOf(ResourceFamilies.class);
            kinds.addAll(rows.keySet());
            if (before != null) {
                kinds.addAll(before.keySet());
            }
            Map<ResourceFamilies, TargetRows> after = new EnumMap<>(ResourceFamilies.class);
            for (ResourceFamilies kind : kinds) {
                ResourceRow[] sorted = TargetRows.sorted(rows.getOrDefault(kind, List.of()));
                TargetRows old = before == null ? null : before.get(kind);
                if (sorted.length == 0) {
                    families.get(kind).remove(t);
                    continue;
                }
                // rendered to be compared: only the text is held, not the values it was written from
                TargetRows rendered = TargetRows.of(families.get(kind).layout, sorted);
                if (old != null && old.sameAs(rendered)) {
                    after.put(kind, old);
                } else {
                    families.get(kind).publish(t, rendered, currentOnly, exposition);
                    after.put(kind, rendered);
                }
            }
            return after.isEmpty() ? null : after;
        });
    }

    /** One kind's families, with the help texts of the state-set convention. */
    private static final class KindFamilies {
        final ResourceLayout layout;
        final RenderedFamily status;
        final RenderedFamily stuck;
        final RenderedFamily info;
        final RenderedFamily errors; // null when the kind has none
        final RenderedFamily since;

        KindFamilies(ResourceLayout layout, RenderedExposition exposition) {
            this.layout = layout;
            ResourceFamilies f = layout.families();
            String kind = f.kind().label();
            status = exposition.family(f.statusName(), RenderedFamily.Type.GAUGE,
                    "Current status of each " + kind + ": 1 for the current status, 0 for every other");
            stuck = exposition.family(f.stuckName(), RenderedFamily.Type.GAUGE,
                    "1 when each " + kind + " has been in a transient status for at least its stuck.* threshold, "
                            + "else 0");
            info = exposition.family(f.infoName(), RenderedFamily.Type.INFO,
                    "Fixed properties of each " + kind + "; always 1");
            errors = f.errorsName() == null ? null : exposition.family(f.errorsName(), RenderedFamily.Type.GAUGE,
                    "Number of errors AWS reports on each " + kind);
            since = exposition.family(f.sinceName(), RenderedFamily.Type.GAUGE,
                    "Unix time when each " + kind + "'s current status was first observed");
        }

        void publish(PollTarget target, TargetRows rows, boolean currentOnly, RenderedExposition exposition) {
            status.replace(target, new ResourceBlock(exposition.nextVersion(), status.sampleName(),
                    ResourceBlock.Sample.STATUS, rows, rows.statusOrder(currentOnly)));
            stuck.replace(target, new ResourceBlock(exposition.nextVersion(), stuck.sampleName(),
                    ResourceBlock.Sample.STUCK, rows, null));
            info.replace(target, new ResourceBlock(exposition.nextVersion(), info.sampleName(),
                    ResourceBlock.Sample.INFO, rows, rows.infoOrder()));
            if (errors != null) {
                errors.replace(target, new ResourceBlock(exposition.nextVersion(), errors.sampleName(),
                        ResourceBlock.Sample.ERRORS, rows, null));
            }
            since.replace(target, new ResourceBlock(exposition.nextVersion(), since.sampleName(),
                    ResourceBlock.Sample.SINCE, rows, null));
        }

        void remove(PollTarget target) {
            for (RenderedFamily family : new RenderedFamily[] {status, stuck, info, errors, since}) {
                if (family != null) {
                    family.remove(target);
                }
            }
        }
    }
}
