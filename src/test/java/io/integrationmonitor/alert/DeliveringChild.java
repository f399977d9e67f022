package io.integrationmonitor.alert;

import io.integrationmonitor.alert.receiver.Receivers;
import io.integrationmonitor.config.AlertingConfig;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.state.Database;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The monitor process that {@link KilledJvmDeliveryTest} kills: opens the embedded database, lets
 * {@code count} polls each fire one alert, then delivers them to the given Slack URL until it is killed.
 * Arguments: data directory, Slack webhook URL, count.
 */
public final class DeliveringChild {
    static final String ENQUEUED = "ENQUEUED";

    private DeliveringChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        String webhook = args[1];
        int count = Integer.parseInt(args[2]);
        AlertingConfig config = config(webhook);
        Database database = Database.embedded(dataDir);
        durableCommits(database);
        Clock clock = Clock.systemUTC();
        Alerting alerting = Alerting.create(config, database, Receivers.create(config, region -> null, clock),
                new SimpleMeterRegistry(), clock, "child");
        List<ObservedResource> failed = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            failed.add(Polls.glue("r" + i, "FAILED"));
            alerting.engine().onPollCompleted(Polls.completed(clock.instant().plusMillis(i), failed));
        }
        System.out.println(ENQUEUED);
        System.out.flush();
        alerting.start();
        Thread.currentThread().join(); // delivers until killed
    }

    static AlertingConfig config(String webhook) {
        return AlertingHarness.config("""
                alerting:
                  resend_delay: 50ms
                  receivers:
                    - name: oncall
                      slack: {webhook_url: "%s"}
                """.formatted(webhook));
    }

    /**
     * Every commit reaches the file before the commit returns, so a killed process loses nothing it
     * committed (H2 otherwise writes committed changes up to 500 ms later).
     */
    static void durableCommits(Database database) throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET WRITE_DELAY 0");
        }
    }
}
