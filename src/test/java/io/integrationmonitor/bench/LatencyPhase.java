package io.integrationmonitor.bench;

import io.integrationmonitor.simulator.Partition;
import io.integrationmonitor.simulator.SimIntegration;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Time from a status change in the simulator to the Slack receiver getting the message naming it: Glue
 * integrations turned FAILED at random moments, each matched by its ARN in the message text, from two intervals
 * after the start burst on (the schedule's steady state, as {@link SchedulePhase} measures it).
 */
final class LatencyPhase {
    record Result(int accounts, int targets, int concurrency, Duration interval, int changes, int delivered,
                  double p50Ms, double p90Ms, double p99Ms, double maxMs, double minMs, int messages,
                  String pollsPerTarget, List<String> notes) {
    }

    private final BenchSettings settings;

    LatencyPhase(BenchSettings settings) {
        this.settings = settings;
    }

    /** {@code bench.latencyIntervalSeconds} if given, else 1.5x the saturated cycle time if known, else 10 s. */
    static Duration interval(Duration given, double saturatedCycleSeconds) {
        if (given != null) {
            return given;
        }
        return Double.isNaN(saturatedCycleSeconds) ? Duration.ofSeconds(10)
                : SchedulePhase.sustainedInterval(null, saturatedCycleSeconds);
    }

    /** On the scale estate, the one the saturated cycle time was measured on. */
    Result run(int accounts, int concurrency, Duration interval) throws IOException, InterruptedException {
        BenchEstate estate = BenchEstate.of(accounts, settings.scaleSpec());
        List<String> notes = new ArrayList<>();
        Bench.log("latency: %d targets, concurrency %d, interval %ds, %d changes over %ds", estate.targets(),
                concurrency, interval.toSeconds(), settings.latencyChanges(), settings.latencySpread().toSeconds());
        try (FakeSlack slack = FakeSlack.start();
             BenchRun run = BenchRun.start(settings, "latency", estate, concurrency, interval, slack.webhookUrl())) {
            long phaseStart = System.nanoTime();
            if (run.awaitAllPolledSince(0, Duration.ofSeconds(120), Duration.ofSeconds(5)) == null) {
                Exposition e = run.monitor.metrics();
                notes.add(String.format(java.util.Locale.ROOT, "after 120 s only %d of %d targets had completed a poll (%s);"
                                + " changes started anyway", e.series(BenchRun.LAST_SUCCESS).size(), estate.targets(),
                        pollsPerTarget(e)));
            }
            // as the sustained windows: changes start once the schedule has settled onto its phases, two intervals
            // after the start burst (in the burst and just after it polls start late by design)
            Thread.sleep(interval.multipliedBy(SchedulePhase.SKIPPED_INTERVALS).toMillis());
            Random random = new Random(settings.seed());
            List<String> candidates = new ArrayList<>();
            for (Partition p : estate.partitions()) {
                run.simulator.estate().integrations(p).stream().map(SimIntegration::arn).forEach(candidates::add);
            }
            Collections.shuffle(candidates, random);
            int n = Math.min(settings.latencyChanges(), candidates.size());
            long spread = settings.latencySpread().toNanos();
            List<Long> offsets = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                offsets.add((long) (random.nextDouble() * spread));
            }
            Collections.sort(offsets);

            Map<String, Long> changedAt = new LinkedHashMap<>();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                BenchRun.sleepUntilNanos(start + offsets.get(i));
                String arn = candidates.get(i);
                run.simulator.estate().setIntegrationStatus(arn, "FAILED", List.of());
                changedAt.put(arn, System.nanoTime());
            }
            // Every change gets an interval to be polled plus a generous margin for the cycle and delivery.
            long deadline = System.nanoTime() + interval.multipliedBy(3).plusSeconds(30).toNanos();
            Map<String, Long> arrivedAt = new HashMap<>();
            while (true) {
                match(slack.messages(), changedAt, arrivedAt);
                if (arrivedAt.size() == changedAt.size() || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(200);
            }
            String polls = pollsPerTarget(run.monitor.metrics()) + String.format(java.util.Locale.ROOT,
                    " over the %.0f s since the monitor started", (System.nanoTime() - phaseStart) / 1e9);
            List<Double> latencies = new ArrayList<>();
            arrivedAt.forEach((arn, at) -> latencies.add((at - changedAt.get(arn)) / 1e6));
            if (arrivedAt.size() < changedAt.size()) {
                notes.add((changedAt.size() - arrivedAt.size()) + " changes never reached Slack within the wait");
            }
            Bench.log("latency: %d of %d changes reached Slack; p50 %.0f ms, p99 %.0f ms", arrivedAt.size(),
                    changedAt.size(), Stats.percentile(latencies, 50), Stats.percentile(latencies, 99));
            return new Result(accounts, estate.targets(), concurrency, interval, changedAt.size(), arrivedAt.size(),
                    Stats.percentile(latencies, 50), Stats.percentile(latencies, 90), Stats.percentile(latencies, 99),
                    Stats.percentile(latencies, 100), Stats.percentile(latencies, 0), slack.messages().size(), polls, notes);
        }
    }

    /** How evenly the schedule shares the poll threads: polls per target (the duration histogram's count). */
    static String pollsPerTarget(Exposition e) {
        List<Double> counts = new ArrayList<>();
        e.series("integration_monitor_poll_duration_seconds_count").forEach(s -> counts.add(s.value()));
        Map<String, List<Double>> bySource = new LinkedHashMap<>();
        e.series("integration_monitor_poll_duration_seconds_count").forEach(s -> bySource
                .computeIfAbsent(s.labels().replaceAll(".*source=\"([^\"]*)\".*", "$1"), k -> new ArrayList<>()).add(s.value()));
        StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT, "polls per target: min %.0f, median %.0f, max %.0f",
                Stats.percentile(counts, 0), Stats.percentile(counts, 50), Stats.percentile(counts, 100)));
        bySource.forEach((source, c) -> b.append(String.format(java.util.Locale.ROOT, "; %s min %.0f max %.0f",
                source, Stats.percentile(c, 0), Stats.percentile(c, 100))));
        return b.toString();
    }

    /** The first message that names an ARN after its change is the one that reported it. */
    private static void match(List<FakeSlack.Message> messages, Map<String, Long> changedAt, Map<String, Long> arrivedAt) {
        for (FakeSlack.Message m : messages) {
            for (Map.Entry<String, Long> c : changedAt.entrySet()) {
                if (m.arrivedNanos() >= c.getValue() && m.body().contains(c.getKey())) {
                    arrivedAt.merge(c.getKey(), m.arrivedNanos(), Math::min);
                }
            }
        }
    }
}
