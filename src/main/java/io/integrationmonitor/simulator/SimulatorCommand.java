package io.integrationmonitor.simulator;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code integration-monitor simulator}: runs the embedded AWS simulator until interrupted. */
@Command(name = "simulator", mixinStandardHelpOptions = true,
        description = {"Runs a local AWS endpoint (Glue, AppIntegrations, RDS, Redshift, SNS, SQS, STS) with a generated estate.",
                "With --events it sends the EventBridge events of its changes into an SQS queue.",
                "Point the monitor or the AWS CLI at it with AWS_ENDPOINT_URL. Admin API under /_simulator/."},
        footer = {"", "Estate syntax: " + EstateSpec.SYNTAX,
                "  e.g. --estate integrations=20,inbound=5,data-integrations=3,associations=4,page-size=5",
                "Every listed account gets the estate in every listed region. Any access key maps to the",
                "first account; keys from AssumeRole map to the role's account."})
public final class SimulatorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", description = "Port to listen on (default ${DEFAULT-VALUE}; 0 = any free port).")
    int port = 4566;

    @Option(names = "--bind", description = "Address to bind (default ${DEFAULT-VALUE}).")
    String bind = "127.0.0.1";

    @Option(names = "--estate", description = "Resources per account and region (see below). Default: ${DEFAULT-VALUE}.")
    String estate = "integrations=20,inbound=5,data-integrations=3,associations=4,page-size=0,redshift=6,"
            + "redshift-inbound=4";

    @Option(names = "--accounts", split = ",", description = "Account ids to populate (default ${DEFAULT-VALUE}).")
    List<String> accounts = new ArrayList<>(List.of(Estate.DEFAULT_ACCOUNT));

    @Option(names = "--regions", split = ",", description = "Regions to populate (default ${DEFAULT-VALUE}).")
    List<String> regions = new ArrayList<>(List.of(Estate.DEFAULT_REGION));

    @Option(names = "--story", description = "Play the demo story (failures, recovery, appear/vanish, stuck; ~75 s).")
    boolean story;

    @Option(names = "--speed", description = "Story speed factor (default ${DEFAULT-VALUE}; 2 = twice as fast).")
    double speed = 1.0;

    @Option(names = "--random-rate", description = "Random status flips per second (default ${DEFAULT-VALUE} = off).")
    double randomRate;

    @Option(names = "--seed", description = "Seed for random changes (default ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--latency-ms", description = "Latency added to every AWS call (default ${DEFAULT-VALUE}).")
    long latencyMs;

    @Option(names = "--threads", description = "Server threads (default ${DEFAULT-VALUE}).")
    int threads = AwsSimulator.DEFAULT_THREADS;

    @Option(names = "--events", description = "Send the EventBridge events of every change into the SQS queue "
            + "<first account>/" + EventQueue.DEFAULT_NAME + " in the first region (or the --events-queue ones).")
    boolean events;

    @Option(names = "--events-queue", paramLabel = "ACCOUNT/NAME", split = ",",
            description = "SQS queue(s) of the first region the events go to; implies --events.")
    List<String> eventQueues = new ArrayList<>();

    @Option(names = "--events-delay-ms", description = "Fixed delivery delay of every event (default ${DEFAULT-VALUE}).")
    long eventDelayMs;

    @Option(names = "--events-jitter-ms", description = "Plus a random 0..N ms per event (default ${DEFAULT-VALUE}).")
    long eventJitterMs;

    @Option(names = "--events-duplicates", description = "Chance 0..1 that an event is delivered twice (default ${DEFAULT-VALUE}).")
    double eventDuplicates;

    @Option(names = "--events-reorder", description = "Chance 0..1 that an event is held back and sent after the next "
            + "one (default ${DEFAULT-VALUE}).")
    double eventReorder;

    @Option(names = "--events-reorder-hold-ms", description = "Longest an event is held back (default ${DEFAULT-VALUE}).")
    long eventReorderHoldMs = EventDelivery.DEFAULT_REORDER_HOLD.toMillis();

    /** The running simulator with whatever is driving it. */
    record Running(AwsSimulator simulator, StoryPlayback story, RandomChanges random) implements AutoCloseable {
        @Override
        public void close() {
            if (story != null) {
                story.close();
            }
            if (random != null) {
                random.close();
            }
            simulator.close();
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Running running;
        try {
            running = start(out);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "simulator-shutdown"));
        stopped.await();
        return 0;
    }

    Running start(PrintWriter out) {
        EstateSpec estateSpec = EstateSpec.parse(estate);
        for (String account : accounts) {
            if (!account.matches("\\d{12}")) {
                throw new IllegalArgumentException("account ids are 12 digits: " + account);
            }
        }
        if (!(speed > 0) || randomRate < 0) {
            throw new IllegalArgumentException("--speed must be positive and --random-rate not negative");
        }
        Estate generated = new Estate();
        for (String account : accounts) {
            for (String region : regions) {
                generated.populate(new Partition(account, region), estateSpec);
            }
        }
        Partition home = new Partition(accounts.get(0), regions.get(0));
        EventDelivery delivery = eventDelivery(home);
        AwsSimulator simulator = AwsSimulator.start(bind, port, generated, threads);
        if (delivery != null) {
            // before the story and the random changes start, so their first change already sends its event
            simulator.events().deliverTo(delivery);
        }
        if (latencyMs > 0) {
            simulator.faults().addLatency(Duration.ofMillis(latencyMs));
        }
        StoryPlayback playback = null;
        if (story) {
            ScriptedStory demo = DemoStory.create(generated, simulator.freshness(), home);
            playback = demo.play(generated, speed, step -> {
                out.printf("[story +%ds] %s%n", step.at().toSeconds(), step.description());
                out.flush();
            });
        }
        RandomChanges random = randomRate > 0 ? RandomChanges.start(generated, seed, randomRate) : null;
        printBanner(out, simulator, estateSpec, home, delivery);
        return new Running(simulator, playback, random);
    }

    /** Null when events are off (the default). */
    EventDelivery eventDelivery(Partition home) {
        if (!events && eventQueues.isEmpty()) {
            return null;
        }
        List<EventQueue> queues = eventQueues.isEmpty()
                ? List.of(new EventQueue(home, EventQueue.DEFAULT_NAME))
                : eventQueues.stream().map(q -> EventQueue.parse(q, home.region())).toList();
        if (eventDelayMs < 0 || eventJitterMs < 0 || eventReorderHoldMs < 0) {
            throw new IllegalArgumentException("--events-delay-ms, --events-jitter-ms and --events-reorder-hold-ms "
                    + "must not be negative");
        }
        return new EventDelivery(queues, Duration.ofMillis(eventDelayMs), Duration.ofMillis(eventJitterMs),
                eventDuplicates, eventReorder, Duration.ofMillis(eventReorderHoldMs), seed);
    }

    private void printBanner(PrintWriter out, AwsSimulator simulator, EstateSpec estateSpec, Partition home,
                             EventDelivery delivery) {
        out.printf("AWS simulator listening on %s%n", simulator.endpoint());
        out.printf("Estate: %d resources per account/region x %d account(s) x %d region(s)%s%n",
                estateSpec.totalResources(), accounts.size(), regions.size(),
                estateSpec.pageSize() > 0 ? ", pages capped at " + estateSpec.pageSize() : "");
        out.println("Use it with:");
        out.printf("  export AWS_ENDPOINT_URL=%s%n", simulator.endpoint());
        out.printf("  export AWS_REGION=%s%n", home.region());
        out.println("  export AWS_ACCESS_KEY_ID=AKIASIMULATOR0000001");
        out.println("  export AWS_SECRET_ACCESS_KEY=simulator-secret");
        out.printf("Admin API: %s/_simulator/estate%n", simulator.endpoint());
        if (delivery != null) {
            for (EventQueue queue : delivery.queues()) {
                out.printf("EventBridge events into SQS: %s%n",
                        simulator.queueUrl(queue.partition().account(), queue.name()));
            }
        }
        if (story) {
            out.printf("Playing the demo story at speed %.1f%n", speed);
        }
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }
}
