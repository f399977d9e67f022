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
 * integrations turned FAILED at random moments, each matched by its ARN in the message text.
 */
final class LatencyPhase {
    record Result(int accounts, int targets, int concurrency, Duration interval, int changes, int delivered,
                  double p50Ms, double p90Ms, double p99Ms, double maxMs, double minMs, int messages,
                  List<String> notes) {
    }

    private final BenchSettings settings;

    LatencyPhase(BenchSettings settings) {
        this.settings = settings;
    }

    Result run(int accounts, int concurrency) throws IOException, InterruptedException {
        BenchEstate estate = BenchEstate.of(accounts, settings.spec());
        Duration interval = settings.latencyInterval();
        List<String> notes = new ArrayList<>();
        Bench.log("latency: %d targets, concurrency %d, interval %ds, %d changes over %ds", estate.targets(),
                concurrency, interval.toSeconds(), settings.latencyChanges(), settings.latencySpread().toSeconds());
        try (FakeSlack slack = FakeSlack.start();
             BenchRun run = BenchRun.start(settings, "latency", estate, concurrency, interval, slack.webhookUrl())) {
            if (run.awaitAllPolledSince(0, Duration.ofSeconds(180), Duration.ofSeconds(5)) == null) {
                notes.add("the first cycle did not complete within 180 s; changes started anyway");
            }
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
            List<Double> latencies = new ArrayList<>();
            arrivedAt.forEach((arn, at) -> latencies.add((at - changedAt.get(arn)) / 1e6));
            if (arrivedAt.size() < changedAt.size()) {
                notes.add((changedAt.size() - arrivedAt.size()) + " changes never reached Slack within the wait");
            }
            Bench.log("latency: %d of %d changes reached Slack; p50 %.0f ms, p99 %.0f ms", arrivedAt.size(),
                    changedAt.size(), Stats.percentile(latencies, 50), Stats.percentile(latencies, 99));
            return new Result(accounts, estate.targets(), concurrency, interval, changedAt.size(), arrivedAt.size(),
                    Stats.percentile(latencies, 50), Stats.percentile(latencies, 90), Stats.percentile(latencies, 99),
                    Stats.percentile(latencies, 100), Stats.percentile(latencies, 0), slack.messages().size(), notes);
        }
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
