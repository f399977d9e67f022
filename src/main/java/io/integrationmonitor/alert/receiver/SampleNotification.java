package io.integrationmonitor.alert.receiver;

import io.integrationmonitor.alert.evaluate.Alert;
import io.integrationmonitor.alert.evaluate.Condition;
import io.integrationmonitor.alert.evaluate.Notification;
import io.integrationmonitor.alert.evaluate.NotificationState;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** The sample alert {@code test-alert} sends: a made-up failed Glue integration that says it is a test. */
public final class SampleNotification {
    private SampleNotification() {
    }

    /** A firing notification for {@code receiver} at {@code now}, with a fresh idempotency key. */
    public static Notification firing(String receiver, Instant now) {
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
}
