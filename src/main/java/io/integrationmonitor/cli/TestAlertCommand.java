package io.integrationmonitor.cli;

import io.integrationmonitor.alert.receiver.DeliveryResult;
import io.integrationmonitor.alert.receiver.Receiver;
import io.integrationmonitor.alert.receiver.Receivers;
import io.integrationmonitor.alert.receiver.SampleNotification;
import io.integrationmonitor.aws.AwsClientFactory;
import io.integrationmonitor.config.AwsConfig;
import io.integrationmonitor.config.ConfigException;
import io.integrationmonitor.config.ConfigLoader;
import io.integrationmonitor.config.MonitorConfig;
import io.integrationmonitor.text.InertText;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code test-alert}: sends one sample alert through one configured receiver, directly (not via the outbox).
 * AWS clients come from an {@link AwsClientFactory} built from the file's {@code aws} section, as in the
 * daemon: {@code aws.endpoints.sns}, retries, timeouts and request limits apply to the test as to real alerts.
 */
@Command(name = "test-alert", mixinStandardHelpOptions = true,
        description = "Sends a sample alert through one configured receiver; exit code 0 when it was accepted, "
                + "1 when it was not, 2 on a configuration problem.")
final class TestAlertCommand implements Callable<Integer> {
    @Option(names = "--receiver", required = true, description = "Name of the receiver to test.")
    String receiver;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true,
            description = "The monitor's YAML configuration file.")
    Path config;

    @Spec
    CommandSpec spec;

    private final Function<AwsConfig, AwsClientFactory> awsClients;
    private final Clock clock;

    /** For picocli: the default credential chain, as {@code run} uses. */
    TestAlertCommand() {
        this(aws -> new AwsClientFactory(aws, new SimpleMeterRegistry()), Clock.systemUTC());
    }

    /** @param awsClients builds the (closed after the test) client factory from the configuration's {@code aws} */
    TestAlertCommand(Function<AwsConfig, AwsClientFactory> awsClients, Clock clock) {
        this.awsClients = awsClients;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MonitorConfig loaded;
        try {
            loaded = ConfigLoader.load(config);
        } catch (ConfigException e) {
            ConfigOption.report(e, err);
            return ExitCodes.TestAlert.BAD_CONFIG;
        }
        try (AwsClientFactory aws = awsClients.apply(loaded.aws())) {
            Map<String, Receiver> receivers = Receivers.create(loaded.alerting(), aws::sns, clock);
            Receiver r = receivers.get(receiver);
            if (r == null) {
                err.println("no receiver named '" + receiver + "'; configured: " + receivers.keySet());
                err.flush();
                return ExitCodes.TestAlert.BAD_CONFIG;
            }
            DeliveryResult result = r.deliver(SampleNotification.firing(receiver, clock.instant()));
            if (result.delivered()) {
                out.println("receiver " + receiver + " (" + r.type() + ") accepted the test alert");
                out.flush();
                return ExitCodes.TestAlert.ACCEPTED;
            }
            // the error may carry an error code from the far end; the response is already inert and bounded
            out.println("receiver " + receiver + " (" + r.type() + ") failed: " + InertText.escape(result.error())
                    + (result.response().isEmpty() ? "" : ": " + result.response()));
            out.flush();
            return ExitCodes.TestAlert.REJECTED;
        }
    }
}
