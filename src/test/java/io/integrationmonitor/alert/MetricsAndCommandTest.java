package io.integrationmonitor.alert;

import io.integrationmonitor.state.Database;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsAndCommandTest {
    @TempDir
    Path dir;

    @Test
    void exposesPrometheusNamesWithReceiverNamesAsLabels() {
        MutableClock clock = new MutableClock(AlertingHarness.T0);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RecordingReceiver rec = new RecordingReceiver("rec");
        try (Database db = Database.embedded(dir);
             Alerting alerting = Alerting.create(AlertingHarness.config("alerting:\n  receivers: [{name: rec, log: {}}]\n"),
                     db, Map.of("rec", rec), registry, clock)) {
            alerting.engine().onPollCompleted(Polls.completed(clock.instant(), List.of(Polls.glue("a", "FAILED"))));
            String before = registry.scrape();
            alerting.dispatcher().drain();
            String after = registry.scrape();

            assertThat(before).contains("integration_monitor_alerts_firing{condition=\"failed\",kind=\"glue_integration\"} 1.0")
                    .contains("integration_monitor_alerts_firing{condition=\"stuck\",kind=\"glue_integration\"} 0.0");
            assertThat(after).contains("integration_monitor_notifications_total{outcome=\"delivered\",receiver=\"rec\"} 1.0")
                    .contains("integration_monitor_notification_queue{receiver=\"rec\"} 0.0")
                    .contains("integration_monitor_notification_delivery_seconds_count{receiver=\"rec\"} 1")
                    .contains("integration_monitor_dead_letters_total{receiver=\"rec\"} 0.0");
        }
    }

    @Test
    void testAlertSendsASampleThroughOneReceiverAndReportsByExitCode() throws Exception {
        try (FakeHttpReceiver hook = new FakeHttpReceiver()) {
            Path config = dir.resolve("monitor.yaml");
            Files.writeString(config, """
                    aws: {region: us-east-1}
                    alerting:
                      receivers:
                        - {name: hook, webhook: {url: "%s"}}
                    """.formatted(hook.uri("/hook")));
            StringWriter out = new StringWriter();
            CommandLine cli = new CommandLine(new TestAlertCommand(r -> null, Clock.systemUTC(), new PrintWriter(out, true)));

            assertThat(cli.execute("--receiver", "hook", "--config", config.toString())).isZero();
            assertThat(hook.acceptedBodies()).singleElement().asString().contains("integration-monitor-test");
            assertThat(out.toString()).contains("accepted");

            hook.respond(n -> 500);
            assertThat(cli.execute("--receiver", "hook", "--config", config.toString())).isEqualTo(1);
            assertThat(out.toString()).contains("failed: HTTP 500").doesNotContain("127.0.0.1");
            assertThat(cli.execute("--receiver", "nope", "--config", config.toString())).isEqualTo(2);
        }
    }
}
