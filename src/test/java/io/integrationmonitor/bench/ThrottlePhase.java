package io.integrationmonitor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.simulator.Estate;
import io.integrationmonitor.simulator.Partition;
import io.integrationmonitor.simulator.SimAssociation;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A share of all calls throttled from the start: the first cycle must complete, and two rounds of changes
 * (one resource of each kind per account and region failing, then recovering) must all be detected, with
 * nothing falsely reported vanished.
 */
final class ThrottlePhase {
    /** A change the monitor must report as an event of {@code type}. */
    record Expected(String arn, String type) {
    }

    record Round(String name, int expected, int detected, List<Expected> missed, Duration allPolledAfter,
                 long callsServed) {
    }

    record Result(int accounts, int targets, int concurrency, double share, Duration interval, Duration lowerBound,
                  Duration cycle1Wall, boolean cycle1Complete, long cycle1Calls, List<Round> rounds,
                  long vanished, long appearedAfterFirstCycle, double attempts, double throttledAttempts,
                  double pollErrors, String pollErrorsByReason, List<String> notes) {
    }

    private final BenchSettings settings;
    private final ObjectMapper json = new ObjectMapper();

    ThrottlePhase(BenchSettings settings) {
        this.settings = settings;
    }

    Result run(int accounts, int concurrency) throws IOException, InterruptedException {
        BenchEstate estate = BenchEstate.of(accounts, settings.spec());
        Duration interval = Duration.ofSeconds(15);
        Duration lowerBound = new CyclePhase(settings).lowerBound(estate, concurrency);
        List<String> notes = new ArrayList<>();
        Bench.log("throttle: %d accounts, %d targets, %.0f%% of calls throttled, concurrency %d, interval %ds",
                accounts, estate.targets(), settings.throttleShare() * 100, concurrency, interval.toSeconds());
        try (BenchRun run = BenchRun.start(settings, "throttle", estate, concurrency, interval, null,
                sim -> sim.faults().throttleRandomly(settings.throttleShare(), settings.seed()))) {
            var calls = run.simulator.calls();
            Exposition first = run.awaitAllPolledSince(0, Duration.ofSeconds(180), Duration.ofSeconds(5));
            boolean cycle1Complete = first != null;
            long first1 = calls.firstCallNanos().orElseThrow();
            Duration cycle1Wall = Duration.ofNanos(calls.lastCallNanos().orElseThrow() + settings.apiLatency().toNanos() - first1);
            long cycle1Calls = calls.total();
            Bench.log("throttle: cycle 1 %s, %d calls, %.2fs", cycle1Complete ? "complete" : "INCOMPLETE", cycle1Calls,
                    cycle1Wall.toMillis() / 1000.0);
            Instant afterCycle1 = Instant.now();

            Estate sim = run.simulator.estate();
            List<Round> rounds = new ArrayList<>();
            rounds.add(round(run, "fail", changes(sim, estate, true), notes));
            rounds.add(round(run, "recover", changes(sim, estate, false), notes));

            List<JsonNode> events = events(run, afterCycle1);
            long vanished = events.stream().filter(e -> e.path("type").asText().equals("vanished")).count();
            long appeared = events.stream().filter(e -> e.path("type").asText().equals("appeared")).count();
            Exposition last = run.monitor.metrics();
            StringBuilder byReason = new StringBuilder();
            for (Exposition.Sample s : last.series("integration_monitor_poll_errors_total")) {
                if (s.value() > 0) {
                    String reason = s.labels().replaceAll(".*reason=\"([^\"]*)\".*", "$1");
                    byReason.append(byReason.length() == 0 ? "" : ", ").append(reason).append('=').append((long) s.value());
                }
            }
            return new Result(accounts, estate.targets(), concurrency, settings.throttleShare(), interval, lowerBound,
                    cycle1Wall, cycle1Complete, cycle1Calls, rounds, vanished, appeared,
                    last.sum("integration_monitor_aws_requests_total"),
                    last.sum("integration_monitor_aws_requests_total", "outcome=\"throttled\""),
                    last.sum("integration_monitor_poll_errors_total"), byReason.isEmpty() ? "none" : byReason.toString(),
                    notes);
        }
    }

    /** One of each kind per partition: fail (Glue FAILED, inbound NEEDS_ATTENTION, execution FAILED) or recover. */
    private static List<Expected> changes(Estate sim, BenchEstate estate, boolean fail) {
        List<Expected> out = new ArrayList<>();
        for (Partition p : estate.partitions()) {
            String integration = sim.integrations(p).get(0).arn();
            String inbound = sim.inboundIntegrations(p).get(0).arn();
            String association = sim.associations(p).stream()
                    .filter(a -> a.executionStatus() != null).map(SimAssociation::arn).findFirst().orElseThrow();
            if (fail) {
                sim.setIntegrationStatus(integration, "FAILED", List.of());
                sim.setInboundStatus(inbound, "NEEDS_ATTENTION", List.of());
                sim.setAssociationExecution(association, "FAILED", "bench: simulated failure");
                out.add(new Expected(integration, "entered_failed"));
                out.add(new Expected(inbound, "entered_needs_attention"));
                out.add(new Expected(association, "execution_failed"));
            } else {
                sim.setIntegrationStatus(integration, "ACTIVE", List.of());
                sim.setInboundStatus(inbound, "ACTIVE", List.of());
                sim.setAssociationExecution(association, "COMPLETED", null);
                out.add(new Expected(integration, "recovered"));
                out.add(new Expected(inbound, "recovered"));
                out.add(new Expected(association, "execution_recovered"));
            }
        }
        return out;
    }

    /**
     * Waits until every target has a successful poll that ended a full interval after the change (so it began
     * after it), then checks each change was reported.
     */
    private Round round(BenchRun run, String name, List<Expected> expected, List<String> notes)
            throws IOException, InterruptedException {
        Instant changedAt = Instant.now();
        run.simulator.calls().reset();
        long since = changedAt.plus(run.interval).toEpochMilli();
        long t = System.nanoTime();
        Exposition done = run.awaitAllPolledSince(since, run.interval.multipliedBy(6), Duration.ofSeconds(5));
        Duration took = Duration.ofNanos(System.nanoTime() - t);
        if (done == null) {
            notes.add("round '" + name + "': not every target polled successfully within " + run.interval.multipliedBy(6).toSeconds() + " s");
        }
        Set<Expected> seen = new HashSet<>();
        for (JsonNode e : events(run, changedAt)) {
            seen.add(new Expected(e.path("arn").asText(), e.path("type").asText()));
        }
        List<Expected> missed = expected.stream().filter(x -> !seen.contains(x)).toList();
        Bench.log("throttle: round '%s': %d of %d transitions reported", name, expected.size() - missed.size(), expected.size());
        return new Round(name, expected.size(), expected.size() - missed.size(), missed, took, run.simulator.calls().total());
    }

    private List<JsonNode> events(BenchRun run, Instant since) throws IOException, InterruptedException {
        JsonNode body = json.readTree(run.monitor.getText("/api/v1/events?limit=5000&since=" + since));
        List<JsonNode> out = new ArrayList<>();
        body.forEach(out::add);
        return out;
    }
}
