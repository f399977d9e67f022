package io.integrationmonitor.metrics;

import io.integrationmonitor.detect.EventListener;
import io.integrationmonitor.detect.PollCompleted;
import io.integrationmonitor.detect.PollFailed;
import io.integrationmonitor.detect.PollNotPermitted;
import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.UnlistedDataIntegration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The per-target poll meters as they were registered with the exposition's registry before they were kept
 * rendered ({@link PollMetrics}): the reference the rendered text is compared with, kept verbatim.
 */
final class MicrometerPollMetrics implements EventListener {
    /** Poll latency buckets: a page is sub-second, a large estate with retries takes minutes. */
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(300)};

    private final MeterRegistry registry;
    private final Map<PollTarget, TargetMeters> meters = new ConcurrentHashMap<>();

    MicrometerPollMetrics(MeterRegistry registry, Collection<PollTarget> knownTargets) {
        this.registry = registry;
        knownTargets.forEach(this::metersOf);
    }

    @Override
    public void onPollCompleted(PollCompleted event) {
        if (event.snapshot().targeted()) {
            return; // one resource described: says nothing of the target's listing, its size, streak or duration
        }
        TargetMeters target = metersOf(event.target());
        target.duration.record(event.duration());
        target.consecutiveFailures.set(0);
        target.resources.set(event.snapshot().resources().size());
        target.lastSuccessMillis.set(event.at().toEpochMilli());
        target.permitted.set(1);
        target.registerSuccessGauges();
        for (UnlistedDataIntegration u : event.snapshot().unlisted()) {
            Counter.builder("integration.monitor.data.integration.errors")
                    .description("ListDataIntegrationAssociations failures of one data integration (after the SDK's "
                            + "retries) in polls that went on with the others, by reason")
                    .tags("account_id", event.target().accountId(), "region", event.target().region(),
                            "data_integration", u.name(), "reason", u.reason().label())
                    .register(registry)
                    .increment();
        }
    }

    @Override
    public void onPollFailed(PollFailed event) {
        TargetMeters target = metersOf(event.target());
        target.duration.record(event.duration());
        target.consecutiveFailures.set(event.consecutiveFailures());
        target.errors.get(event.reason()).increment();
        target.permitted.set(1);
    }

    @Override
    public void onPollNotPermitted(PollNotPermitted event) {
        TargetMeters target = metersOf(event.target());
        target.duration.record(event.duration());
        target.consecutiveFailures.set(0);
        target.permitted.set(0);
    }

    private TargetMeters metersOf(PollTarget target) {
        return meters.computeIfAbsent(target, t -> new TargetMeters(registry, t));
    }

    private static final class TargetMeters {
        final MeterRegistry registry;
        final Tags tags;
        final Timer duration;
        final Map<PollErrorReason, Counter> errors = new EnumMap<>(PollErrorReason.class);
        final AtomicLong consecutiveFailures = new AtomicLong();
        final AtomicLong resources = new AtomicLong();
        final AtomicLong lastSuccessMillis = new AtomicLong();
        final AtomicLong permitted = new AtomicLong(1);
        volatile boolean successGaugesRegistered;

        TargetMeters(MeterRegistry registry, PollTarget target) {
            this.registry = registry;
            this.tags = Tags.of("source", target.source().label(), "account_id", target.accountId(),
                    "region", target.region());
            this.duration = Timer.builder("integration.monitor.poll.duration")
                    .description("Duration of each poll of a target, through every page, successful or not")
                    .serviceLevelObjectives(BUCKETS)
                    .tags(tags)
                    .register(registry);
            for (PollErrorReason reason : PollErrorReason.values()) {
                errors.put(reason, Counter.builder("integration.monitor.poll.errors")
                        .description("Polls that failed after the SDK's retries, by reason")
                        .tags(tags)
                        .tag("reason", reason.label())
                        .register(registry));
            }
            Gauge.builder("integration.monitor.poll.consecutive.failures", consecutiveFailures, AtomicLong::get)
                    .description("Failed polls in a row; 0 after a successful poll")
                    .tags(tags)
                    .register(registry);
            Gauge.builder("integration.monitor.source.permitted", permitted, AtomicLong::get)
                    .description("0 while the source's API refuses the monitor's identity (an IAM action not granted) "
                            + "and has not answered since start; 1 otherwise")
                    .tags(tags)
                    .register(registry);
        }

        /**
         * Registered on the first success only: a timestamp of 0 or a resource count of 0 before any
         * success would be a lie; until then, absence (and the errors counter) tells the truth.
         */
        void registerSuccessGauges() {
            if (successGaugesRegistered) {
                return;
            }
            Gauge.builder("integration.monitor.poll.last.success.timestamp", lastSuccessMillis, m -> m.get() / 1000.0)
                    .description("Unix time of the last successful poll")
                    .baseUnit("seconds")
                    .tags(tags)
                    .register(registry);
            Gauge.builder("integration.monitor.poll.resources", resources, AtomicLong::get)
                    .description("Resources in the last successful snapshot")
                    .tags(tags)
                    .register(registry);
            successGaugesRegistered = true;
        }
    }
}
