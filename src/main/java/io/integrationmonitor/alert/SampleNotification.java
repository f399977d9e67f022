package io.integrationmonitor.alert;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The sample alert {@code test-alert} sends: a made-up failed Glue integration that says it is a test. */
public final class SampleNotification {
    private SampleNotification() {
    }

    /** A firing notification for {@code receiver} at {@code now}, with a fresh idempotency key. */
    public static Notification firing(String receiver, Instant now) {
        Instant since = now.minus(17, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        String arn = "arn:aws:glue:us-east-1:123456789012:integration:00000000-test-0000-0000-000000000000";
        Alert alert = new Alert(arn + "|failed", Condition.FAILED.label(), "glue_integration", "integration-monitor-test",
                arn, "123456789012", "us-east-1", "glue_integrations/123456789012/us-east-1", "FAILED", since, since,
                null, List.of("TestAlert: this is a test notification from integration-monitor test-alert"),
                "15", Map.of(), "", "");
        return new Notification("test-" + UUID.randomUUID(), receiver, Notification.FIRING, false, List.of(alert), now);
    }
}
