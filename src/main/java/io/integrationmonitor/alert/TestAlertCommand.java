package io.integrationmonitor.alert;

import io.integrationmonitor.alert.evaluate.Alert;
import io.integrationmonitor.alert.evaluate.Condition;
import io.integrationmonitor.alert.evaluate.Notification;
import io.integrationmonitor.alert.evaluate.NotificationState;
import io.integrationmonitor.alert.receiver.DeliveryResult;
import io.integrationmonitor.alert.receiver.HttpDelivery;
import io.integrationmonitor.alert.receiver.Receiver;
import io.integrationmonitor.alert.receiver.Receivers;
import io.integrationmonitor.config.AlertingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** {@code test-alert}: sends one sample alert through one configured receiver, directly (not via the outbox). */
@Command(name = "test-alert", mixinStandardHelpOptions = true,
        description = "Sends a sample alert through one configured receiver; exit code 0 when it was accepted.")
public final class TestAlertCommand implements Callable<Integer> {
    @Option(names = "--receiver", required = true, description = "Name of the receiver to test.")
    String receiver;

    @Option(names = "--config", required = true, description = "The monitor's YAML configuration file.")
    Path config;

    private final Function<String, SnsClient> snsClients;
    private final Clock clock;
    private final PrintWriter out;

    /** For picocli: SNS clients from the SDK's default chain (region from the topic). */
    public TestAlertCommand() {
        this(defaultSnsClients(), Clock.systemUTC(), new PrintWriter(System.out, true));
    }

    public TestAlertCommand(Function<String, SnsClient> snsClients, Clock clock, PrintWriter out) {
        this.snsClients = snsClients;
        this.clock = clock;
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        AlertingConfig alerting;
        try {
            alerting = io.integrationmonitor.config.ConfigLoader.load(config).alerting();
        } catch (io.integrationmonitor.config.ConfigException e) {
            out.println("invalid configuration " + config + ":");
            e.problems().forEach(p -> out.println("  " + p));
            return 2;
        }
        Map<String, Receiver> receivers = Receivers.create(alerting, snsClients, HttpDelivery.defaultClient(), clock);
        Receiver r = receivers.get(receiver);
        if (r == null) {
            out.println("no receiver named '" + receiver + "'; configured: " + receivers.keySet());
            return 2;
        }
        DeliveryResult result = r.deliver(sample(receiver, clock.instant()));
        if (result.delivered()) {
            out.println("receiver " + receiver + " (" + r.type() + ") accepted the test alert");
            return 0;
        }
        out.println("receiver " + receiver + " (" + r.type() + ") failed: " + result.error());
        return 1;
    }

    static Notification sample(String receiver, Instant now) {
        Instant since = now.minus(17, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        String arn = "arn:aws:glue:us-east-1:123456789012:integration:00000000-test-0000-0000-000000000000";
        Alert alert = Alert.builder(arn + "|failed", Condition.FAILED).kind("glue_integration")
                .name("integration-monitor-test").arn(arn).accountId("123456789012").region("us-east-1")
                .targetKey("glue_integrations/123456789012/us-east-1").status("FAILED").statusSince(since)
                .startsAt(since)
                .errors(List.of("TestAlert: this is a test notification from integration-monitor test-alert"))
                .refreshInterval("15").build();
        return new Notification("test-" + UUID.randomUUID(), receiver, NotificationState.FIRING, false, List.of(alert),
                now);
    }

    private static Function<String, SnsClient> defaultSnsClients() {
        Map<String, SnsClient> clients = new ConcurrentHashMap<>();
        return region -> clients.computeIfAbsent(region, r -> SnsClient.builder().region(Region.of(r)).build());
    }
}
