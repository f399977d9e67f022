package io.integrationmonitor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.simulator.AwsSimulator;
import io.integrationmonitor.simulator.Estate;
import io.integrationmonitor.simulator.EventDelivery;
import io.integrationmonitor.simulator.EventQueue;
import io.integrationmonitor.simulator.Partition;
import io.integrationmonitor.simulator.SimError;
import io.integrationmonitor.simulator.SimIntegration;
import io.integrationmonitor.simulator.SimRdsIntegration;
import io.integrationmonitor.simulator.SimRedshiftIntegration;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Issue #13: change to Slack through AWS events against through polls alone, on the same estate, poll interval and
 * changes. Three runs, each its own simulator and monitor: events off (polls only); events on, delivered once each in
 * order; events on, duplicated and reordered. Each run turns the same Glue, RDS and Redshift integrations FAILED at
 * the same moments (one seed), then counts, per ARN, the Slack firing messages (more than one is a duplicate alert)
 * and, once settled, compares the monitor's status of every resource with the simulator's.
 */
final class EventsPhase {
    static final String QUEUE = "bench-events";
    private static final List<SimError> BROKEN = List.of(new SimError("SOURCE_CONNECTION_LOST", "bench"));
    /** Longer than any delivery delay, duplicate copy or reorder hold: after it, nothing more is on its way. */
    private static final Duration SETTLE = Duration.ofSeconds(5);

    /** How one run's events are delivered; {@code null} delivery: events off. */
    record Mode(String label, String description, EventDelivery delivery) {
    }

    record RunResult(Mode mode, int changes, int delivered, double minMs, double p50Ms, double p90Ms, double p99Ms,
                     double maxMs,
                     int firingMessages, int arnsWithDuplicateAlerts, int duplicateAlerts, int compared,
                     List<String> wrongStates, Map<String, Object> simulatorEvents, String eventMetrics,
                     List<Double> fromSendMs, List<String> notes) {
    }

    record Result(int accounts, int targets, long resources, int concurrency, Duration interval, int changes,
                  Duration spread, Map<String, Integer> changesByKind, List<RunResult> runs) {
    }

    private final BenchSettings settings;
    private final ObjectMapper json = new ObjectMapper();

    EventsPhase(BenchSettings settings) {
        this.settings = settings;
    }

    Result run(int concurrency) throws IOException, InterruptedException {
        BenchEstate estate = BenchEstate.of(settings.eventsAccounts(), settings.spec());
        Partition home = new Partition(estate.accounts().get(0), BenchEstate.REGIONS.get(0));
        EventQueue queue = new EventQueue(home, QUEUE);
        // the demo's delivery delay (EventBridge to SQS typically takes well under a second)
        EventDelivery clean = new EventDelivery(List.of(queue), Duration.ofMillis(100), Duration.ofMillis(400), 0, 0,
                EventDelivery.DEFAULT_REORDER_HOLD, settings.seed());
        EventDelivery messy = clean.withDuplicates(settings.eventsDuplicates())
                .withReordering(settings.eventsReorder(), EventDelivery.DEFAULT_REORDER_HOLD);
        List<Mode> modes = List.of(
                new Mode("polls", "polls only (events off)", null),
                new Mode("events", "events, each once and in order", clean),
                new Mode("events-messy", String.format(Locale.ROOT, "events, duplicated %.0f%%, reordered %.0f%% (held up to %d s)",
                        settings.eventsDuplicates() * 100, settings.eventsReorder() * 100,
                        EventDelivery.DEFAULT_REORDER_HOLD.toSeconds()), messy));
        List<RunResult> runs = new ArrayList<>();
        Map<String, Integer> byKind = new LinkedHashMap<>();
        for (Mode mode : modes) {
            runs.add(runOne(estate, queue, mode, concurrency, byKind));
        }
        return new Result(estate.accounts().size(), estate.targets(), estate.resources(), concurrency,
                settings.eventsInterval(), runs.get(0).changes(), settings.eventsSpread(), byKind, runs);
    }

    private RunResult runOne(BenchEstate estate, EventQueue queue, Mode mode, int concurrency,
                             Map<String, Integer> byKind) throws IOException, InterruptedException {
        Duration interval = settings.eventsInterval();
        List<String> notes = new ArrayList<>();
        Bench.log("events/%s: %d targets, interval %ds, %d changes over %ds", mode.label(), estate.targets(),
                interval.toSeconds(), settings.eventsChanges(), settings.eventsSpread().toSeconds());
        try (FakeSlack slack = FakeSlack.start();
             BenchRun run = BenchRun.start(settings, "events-" + mode.label(), estate, concurrency, interval,
                     slack.webhookUrl(), sim -> {
                         // the queue exists before the monitor first reads it; events flow only for the run's changes
                         sim.sqs().createQueue(queue.partition(), queue.name());
                     }, mode.delivery() == null ? null : queue)) {
            if (run.awaitAllPolledSince(0, Duration.ofSeconds(120), Duration.ofSeconds(5)) == null) {
                notes.add("not every target had completed its first poll after 120 s; changes started anyway");
            }
            if (mode.delivery() != null) {
                run.simulator.events().deliverTo(mode.delivery());
            }
            List<Change> plan = plan(run.simulator.estate(), estate);
            if (byKind.isEmpty()) {
                plan.forEach(c -> byKind.merge(c.kind(), 1, Integer::sum));
            }
            Map<String, Long> changedAt = new java.util.concurrent.ConcurrentHashMap<>();
            Map<String, Long> sentAt = new java.util.concurrent.ConcurrentHashMap<>();
            Thread watcher = mode.delivery() == null ? null : watchSends(run, queue, changedAt, sentAt);
            long start = System.nanoTime();
            for (Change c : plan) {
                BenchRun.sleepUntilNanos(start + c.offsetNanos());
                c.apply(run.simulator.estate());
                changedAt.put(c.arn(), System.nanoTime());
            }
            // polls: each change waits for its target's next poll; events: seconds
            long deadline = System.nanoTime() + interval.multipliedBy(2).plusSeconds(30).toNanos();
            Map<String, Long> arrivedAt = new HashMap<>();
            while (true) {
                match(slack.messages(), changedAt, arrivedAt);
                if (arrivedAt.size() == changedAt.size() || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(100);
            }
            if (mode.delivery() != null) {
                run.simulator.events().stop(); // sends what it held back
            }
            if (watcher != null) {
                Thread.sleep(SETTLE.toMillis());
                watcher.interrupt();
                watcher.join();
            }
            Thread.sleep(SETTLE.toMillis());
            if (mode.delivery() != null && !run.awaitQueueDrained(queue, Duration.ofSeconds(30))) {
                notes.add("the event queue still held messages 30 s after the last change had reached Slack");
            }
            Thread.sleep(SETTLE.toMillis());
            match(slack.messages(), changedAt, arrivedAt);
            List<String> wrong = new ArrayList<>();
            int compared = compareStates(run, wrong);
            Map<String, Integer> firingPerArn = firingPerArn(slack.messages(), changedAt.keySet());
            int firingMessages = (int) slack.messages().stream().filter(m -> m.body().contains("[FIRING")).count();
            int arnsWithDuplicates = (int) firingPerArn.values().stream().filter(n -> n > 1).count();
            int duplicateAlerts = firingPerArn.values().stream().mapToInt(n -> Math.max(0, n - 1)).sum();
            if (arrivedAt.size() < changedAt.size()) {
                notes.add((changedAt.size() - arrivedAt.size()) + " changes never reached Slack within the wait");
            }
            List<Double> latencies = new ArrayList<>();
            arrivedAt.forEach((arn, at) -> latencies.add((at - changedAt.get(arn)) / 1e6));
            Map<String, Object> simEvents = mode.delivery() == null ? Map.of() : run.simulator.events().status();
            String eventMetrics = mode.delivery() == null ? "" : eventMetrics(run.monitor.metrics());
            Bench.log("events/%s: %d of %d changes reached Slack; p50 %.0f ms, p99 %.0f ms, max %.0f ms; duplicate alerts"
                            + " %d; wrong states %d of %d", mode.label(), arrivedAt.size(), changedAt.size(),
                    Stats.percentile(latencies, 50), Stats.percentile(latencies, 99), Stats.percentile(latencies, 100),
                    duplicateAlerts, wrong.size(), compared);
            writeLatencies(run, plan, changedAt, sentAt, arrivedAt);
            List<Double> fromSend = new ArrayList<>();
            arrivedAt.forEach((arn, at) -> {
                Long sent = sentAt.get(arn);
                if (sent != null) {
                    fromSend.add((at - sent) / 1e6);
                }
            });
            return new RunResult(mode, changedAt.size(), arrivedAt.size(), Stats.percentile(latencies, 0),
                    Stats.percentile(latencies, 50),
                    Stats.percentile(latencies, 90), Stats.percentile(latencies, 99), Stats.percentile(latencies, 100),
                    firingMessages, arnsWithDuplicates, duplicateAlerts, compared, wrong, simEvents, eventMetrics, fromSend,
                    notes);
        }
    }

    /**
     * Samples the queue every few milliseconds: when the simulator first put an event naming a changed ARN into it
     * (after any hold for reordering; its delivery delay still to come). Messages are visible 100 ms at the
     * soonest, so none is received and deleted between two samples.
     */
    private static Thread watchSends(BenchRun run, EventQueue queue, Map<String, Long> changedAt,
                                     Map<String, Long> sentAt) {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                for (var m : run.simulator.sqs().messages(queue.partition(), queue.name())) {
                    long now = System.nanoTime();
                    for (String arn : changedAt.keySet()) {
                        if (m.body().contains(arn)) {
                            sentAt.putIfAbsent(arn, now);
                        }
                    }
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-event-watcher");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * {@code latencies.csv} in the run's directory: kind, ARN, offset of the change, milliseconds to the event's
     * sending (events only) and to Slack (empty: never).
     */
    private static void writeLatencies(BenchRun run, List<Change> plan, Map<String, Long> changedAt,
                                       Map<String, Long> sentAt, Map<String, Long> arrivedAt) throws IOException {
        StringBuilder csv = new StringBuilder("kind,arn,offset_ms,sent_ms,latency_ms\n");
        for (Change c : plan) {
            Long arrived = arrivedAt.get(c.arn());
            Long sent = sentAt.get(c.arn());
            Long changed = changedAt.get(c.arn());
            csv.append(c.kind()).append(',').append(c.arn()).append(',').append(c.offsetNanos() / 1_000_000).append(',')
                    .append(sent == null || changed == null ? "" : Long.toString((sent - changed) / 1_000_000)).append(',')
                    .append(arrived == null || changed == null ? "" : Long.toString((arrived - changed) / 1_000_000))
                    .append('\n');
        }
        java.nio.file.Files.writeString(run.dir.resolve("latencies.csv"), csv);
    }

    /** One integration turned FAILED at an offset from the first change. */
    private record Change(String kind, String arn, long offsetNanos) {
        void apply(Estate estate) {
            switch (kind) {
                case "glue" -> estate.setIntegrationStatus(arn, "FAILED", BROKEN);
                case "rds" -> estate.setRdsStatus(arn, "failed", BROKEN);
                case "redshift" -> estate.setRedshiftStatus(arn, "failed", BROKEN);
                default -> throw new IllegalStateException(kind);
            }
        }
    }

    /**
     * The same plan in every run (one seed, the same estate): Glue, RDS and Redshift integrations in turn, each
     * not FAILED yet, at sorted uniform offsets over the spread.
     */
    private List<Change> plan(Estate sim, BenchEstate estate) {
        Random random = new Random(settings.seed());
        List<List<String[]>> byKind = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Partition p : estate.partitions()) {
            for (SimIntegration i : sim.integrations(p)) {
                if (!i.status().equalsIgnoreCase("FAILED")) {
                    byKind.get(0).add(new String[] {"glue", i.arn()});
                }
            }
            for (SimRdsIntegration i : sim.rdsIntegrations(p)) {
                if (!i.status().equalsIgnoreCase("FAILED")) {
                    byKind.get(1).add(new String[] {"rds", i.arn()});
                }
            }
            for (SimRedshiftIntegration i : sim.redshiftIntegrations(p)) {
                if (!i.status().equalsIgnoreCase("FAILED")) {
                    byKind.get(2).add(new String[] {"redshift", i.arn()});
                }
            }
        }
        byKind.forEach(list -> Collections.shuffle(list, random));
        List<String[]> picked = new ArrayList<>();
        for (int i = 0; picked.size() < settings.eventsChanges(); i++) {
            List<String[]> kind = byKind.get(i % 3);
            int index = i / 3;
            if (index < kind.size()) {
                picked.add(kind.get(index));
            } else if (byKind.stream().allMatch(k -> k.size() <= index)) {
                break;
            }
        }
        Collections.shuffle(picked, random);
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < picked.size(); i++) {
            offsets.add((long) (random.nextDouble() * settings.eventsSpread().toNanos()));
        }
        Collections.sort(offsets);
        List<Change> out = new ArrayList<>();
        for (int i = 0; i < picked.size(); i++) {
            out.add(new Change(picked.get(i)[0], picked.get(i)[1], offsets.get(i)));
        }
        return out;
    }

    /**
     * Every resource the monitor reports, except AppIntegrations associations (nothing changes them here), against
     * the simulator's status for its ARN; mismatches (and ARNs the simulator does not know) go to {@code wrong}.
     */
    private int compareStates(BenchRun run, List<String> wrong) throws IOException, InterruptedException {
        var response = run.monitor.get("/api/v1/resources", false);
        if (response.statusCode() != 200) {
            wrong.add("/api/v1/resources answered " + response.statusCode());
            return 0;
        }
        int compared = 0;
        for (JsonNode r : json.readTree(response.body())) {
            if (r.path("kind").asText().equals("appintegrations_association")) {
                continue;
            }
            String arn = r.path("arn").asText();
            String monitorStatus = r.path("status").asText().toUpperCase(Locale.ROOT);
            Optional<String> simStatus = simulatorStatus(run.simulator, arn);
            compared++;
            if (simStatus.isEmpty() || !simStatus.get().equals(monitorStatus)) {
                wrong.add(arn + ": monitor " + monitorStatus + ", simulator " + simStatus.orElse("(none)"));
            }
        }
        return compared;
    }

    private static Optional<String> simulatorStatus(AwsSimulator sim, String arn) {
        Estate e = sim.estate();
        return e.integration(arn).map(SimIntegration::status)
                .or(() -> e.rdsIntegration(arn).map(SimRdsIntegration::status))
                .or(() -> e.redshiftIntegration(arn).map(SimRedshiftIntegration::status))
                .or(() -> e.inboundIntegration(arn).map(i -> i.status()))
                .or(() -> e.redshiftInboundIntegration(arn).map(i -> i.status()))
                .map(s -> s.toUpperCase(Locale.ROOT));
    }

    /** Slack firing messages naming each changed ARN (a grouped message counts once for every ARN it names). */
    private static Map<String, Integer> firingPerArn(List<FakeSlack.Message> messages, Iterable<String> arns) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String arn : arns) {
            out.put(arn, (int) messages.stream().filter(m -> m.body().contains("[FIRING") && m.body().contains(arn)).count());
        }
        return out;
    }

    /** The monitor's own event counters: received, deleted, duplicates, parse failures. */
    private static String eventMetrics(Exposition e) {
        List<String> parts = new ArrayList<>();
        for (String name : List.of("integration_monitor_event_messages_received_total",
                "integration_monitor_event_messages_deleted_total", "integration_monitor_event_duplicates_total",
                "integration_monitor_event_parse_failures_total")) {
            double sum = e.series(name).stream().mapToDouble(Exposition.Sample::value).sum();
            parts.add(name.replace("integration_monitor_event_", "").replace("_total", "")
                    + String.format(Locale.ROOT, " %.0f", sum));
        }
        return String.join(", ", parts);
    }

    /** The first firing message that names an ARN after its change is the one that reported it. */
    private static void match(List<FakeSlack.Message> messages, Map<String, Long> changedAt, Map<String, Long> arrivedAt) {
        for (FakeSlack.Message m : messages) {
            if (!m.body().contains("[FIRING")) {
                continue;
            }
            for (Map.Entry<String, Long> c : changedAt.entrySet()) {
                if (m.arrivedNanos() >= c.getValue() && m.body().contains(c.getKey())) {
                    arrivedAt.merge(c.getKey(), m.arrivedNanos(), Math::min);
                }
            }
        }
    }
}
