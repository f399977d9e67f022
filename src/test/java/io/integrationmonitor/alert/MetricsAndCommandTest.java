package io.integrationmonitor.alert;

import io.integrationmonitor.testing.MutableClock;
import io.integrationmonitor.state.Database;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
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
}
