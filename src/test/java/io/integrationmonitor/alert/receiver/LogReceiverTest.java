package io.integrationmonitor.alert.receiver;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.integrationmonitor.alert.evaluate.Alert;
import io.integrationmonitor.alert.evaluate.Condition;
import io.integrationmonitor.alert.evaluate.Notification;
import io.integrationmonitor.alert.evaluate.NotificationState;
import io.integrationmonitor.config.LogReceiverConfig;
import io.integrationmonitor.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.KeyValuePair;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The log receiver writes one line per alert, its fields as key-value pairs a log pipeline can filter on. */
class LogReceiverTest {
    private static final Instant AT = Instant.parse("2025-03-03T09:00:00Z");

    @RegisterExtension
    final LogCapture logs = LogCapture.of("io.integrationmonitor.alert.notifications").withLevel(Level.INFO);

    @Test
    void aGroupOfTwoAlertsIsTwoLinesEachWithItsOwnResource() {
        // given a firing notification grouping two failed integrations
        Notification n = new Notification("key-1", "ops-log", NotificationState.FIRING, false,
                List.of(alert("orders", Condition.FAILED, "FAILED"), alert("billing", Condition.FAILED, "FAILED")), AT);

        // when the log receiver delivers it
        assertThat(new LogReceiver("ops-log", LogReceiverConfig.defaults()).deliver(n).delivered()).isTrue();

        // then one line per alert, each naming its own resource and the shared notification
        assertThat(logs.events()).hasSize(2);
        assertThat(logs.events()).extracting(e -> pairs(e).get("arn"))
                .containsExactly(arn("orders"), arn("billing"));
        assertThat(logs.events()).allSatisfy(e -> assertThat(pairs(e)).containsEntry("receiver", "ops-log")
                .containsEntry("condition", "failed").containsEntry("state", "firing")
                .containsEntry("idempotency_key", "key-1").containsEntry("alert_count", 2)
                .containsEntry("account_id", "123456789012").containsEntry("region", "us-east-1"));
    }

    @Test
    void aChangedAlertCarriesTheStatusesItMovedBetween() {
        // given a notice that an integration went from FAILED to NEEDS_ATTENTION
        Alert previous = alert("orders", Condition.FAILED, "FAILED").resolved(AT, "changed to NEEDS_ATTENTION");
        Alert now = alert("orders", Condition.NEEDS_ATTENTION, "NEEDS_ATTENTION");
        Notification n = new Notification("key-2", "ops-log", NotificationState.CHANGED, false, List.of(now), AT,
                List.of(previous));

        // when the log receiver delivers it
        new LogReceiver("ops-log", LogReceiverConfig.defaults()).deliver(n);

        // then the line has from and to, and the new condition
        assertThat(logs.events()).singleElement().satisfies(e -> assertThat(pairs(e))
                .containsEntry("from", "FAILED").containsEntry("to", "NEEDS_ATTENTION")
                .containsEntry("condition", "needs_attention").containsEntry("state", "changed"));
    }

    private static Map<String, Object> pairs(ILoggingEvent e) {
        Map<String, Object> pairs = new LinkedHashMap<>();
        for (KeyValuePair p : e.getKeyValuePairs()) {
            pairs.put(p.key, p.value);
        }
        return pairs;
    }

    private static String arn(String name) {
        return "arn:aws:glue:us-east-1:123456789012:integration:" + name;
    }

    private static Alert alert(String name, Condition condition, String status) {
        return Alert.builder(arn(name) + "|" + condition.label(), condition).kind("glue_integration").name(name)
                .arn(arn(name)).accountId("123456789012").region("us-east-1")
                .targetKey("glue_integrations/123456789012/us-east-1").status(status)
                .startsAt(Instant.parse("2025-03-03T08:42:00Z")).build();
    }
}
