package io.integrationmonitor.metrics;

import io.integrationmonitor.detect.EventListener;
import io.integrationmonitor.detect.PollCompleted;
import io.integrationmonitor.detect.PollFailed;
import io.integrationmonitor.detect.PollNotPermitted;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.UnlistedDataIntegration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Health of the polling itself, per target ({@code source, account_id, region}):
 * <ul>
 *   <li>{@code integration_monitor_poll_duration_seconds}: histogram of every poll, successful or not</li>
 *   <li>{@code integration_monitor_poll_last_success_timestamp_seconds}: from the first success on</li>
 *   <li>{@code integration_monitor_poll_errors_total{reason}}: zero-initialised for known targets</li>
 *   <li>{@code integration_monitor_poll_resources}: resources in the last successful snapshot</li>
 *   <li>{@code integration_monitor_poll_consecutive_failures}: 0 after a success</li>
 *   <li>{@code integration_monitor_source_permitted}: 1, or 0 while the source's API refuses the monitor before
 *       its first success (not a failing poll: no error counted)</li>
 *   <li>{@code integration_monitor_data_integration_errors_total{account_id, region, data_integration, reason}}:
 *       one data integration's associations that a successful AppIntegrations poll could not list</li>
 * </ul>
 *
 * <p>The per-target families are kept rendered ({@link PollFamilies}): a target's samples change only when one
 * of its polls ends, so they are written then, once, rather than rebuilt from Micrometer's meters at every scrape
 * (at 450 targets some 12,000 samples, each a fresh snapshot object per scrape). The values still come from
 * Micrometer's Prometheus meters ({@link TargetPollMeters}), kept in a registry of their own that is never
 * scraped: the same arithmetic, buckets and decaying maximum, so the same text.
 */
public final class PollMetrics implements EventListener {
    private final MeterRegistry registry;
    private final MeterRegistry meters;
    private final PollFamilies families;
    private final Map<PollTarget, TargetPollMeters> byTarget = new ConcurrentHashMap<>();

    public PollMetrics(PrometheusMetrics metrics, Collection<PollTarget> knownTargets) {
        this(metrics.meterRegistry(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                new PollFamilies(metrics.rendered()), knownTargets);
    }

    /**
     * @param registry the exposition's registry, for the per-data-integration counter
     * @param meters   where the per-target meters count; never scraped
     */
    PollMetrics(MeterRegistry registry, MeterRegistry meters, PollFamilies families, Collection<PollTarget> knownTargets) {
        this.registry = registry;
        this.meters = meters;
        this.families = families;
        knownTargets.forEach(t -> metersOf(t).publish(families));
    }

    @Override
    public void onPollCompleted(PollCompleted event) {
        if (event.snapshot().targeted()) {
            return; // one resource described: says nothing of the target's listing, its size, streak or duration
        }
        metersOf(event.target()).update(families, m -> m.succeeded(event.duration(),
                event.snapshot().resources().size(), event.at()));
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
        metersOf(event.target()).update(families, m -> m.failed(event.duration(), event.consecutiveFailures(),
                event.reason()));
    }

    @Override
    public void onPollNotPermitted(PollNotPermitted event) {
        metersOf(event.target()).update(families, m -> m.notPermitted(event.duration()));
    }

    private TargetPollMeters metersOf(PollTarget target) {
        return byTarget.computeIfAbsent(target, t -> new TargetPollMeters(meters, t));
    }
}
