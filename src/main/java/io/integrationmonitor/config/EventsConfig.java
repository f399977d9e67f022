package io.integrationmonitor.config;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * AWS events through SQS (issue #13; off by default): read by the composition root, which starts
 * {@code events.SqsEventSource} over these queues. An EventBridge rule sends zero-ETL integration events to an SQS queue; the monitor long-polls it.
 *
 * @param enabled                          off by default; on: at least one queue
 * @param queues                           the queues to long-poll
 * @param waitTime                         ReceiveMessage {@code WaitTimeSeconds}: whole seconds, 1-20 (SQS's maximum
 *                                         is 20 s)
 * @param maxMessages                      ReceiveMessage {@code MaxNumberOfMessages}: 1-10 (SQS's maximum is 10)
 * @param dedupWindow                      how long an event id is remembered (EventBridge and SQS deliver at least
 *                                         once; EventBridge retries a target for up to 24 hours by default)
 * @param maxFailingTablesPerIntegration   cap on the tables tracked as failing per integration; more are counted
 * @param tableLabels                      opt-in: a per-table series of the failing-tables gauge (a {@code table}
 *                                         label, AWS's table names: unbounded cardinality, hence off by default and
 *                                         capped in series)
 */
public record EventsConfig(
        Boolean enabled,
        List<EventQueueConfig> queues,
        Duration waitTime,
        Integer maxMessages,
        Duration dedupWindow,
        Integer maxFailingTablesPerIntegration,
        Boolean tableLabels) {

    public EventsConfig {
        enabled = enabled != null && enabled;
        queues = queues == null ? List.of() : List.copyOf(queues);
        waitTime = waitTime == null ? Duration.ofSeconds(20) : waitTime;
        maxMessages = maxMessages == null ? 10 : maxMessages;
        dedupWindow = dedupWindow == null ? Duration.ofHours(24) : dedupWindow;
        maxFailingTablesPerIntegration = maxFailingTablesPerIntegration == null ? 100 : maxFailingTablesPerIntegration;
        tableLabels = tableLabels != null && tableLabels;
        if (enabled && queues.isEmpty()) {
            throw KeyProblem.at("queues", "must list at least one queue when events are enabled").involving("enabled")
                    .exception();
        }
        if (waitTime.compareTo(Duration.ofSeconds(1)) < 0 || waitTime.compareTo(Duration.ofSeconds(20)) > 0
                || waitTime.toNanosPart() != 0) {
            throw KeyProblem.at("wait_time", "must be whole seconds from 1s to 20s (SQS long polling)").got(waitTime)
                    .exception();
        }
        Validation.range(maxMessages, 1, 10, "max_messages");
        Validation.atLeast(dedupWindow, Duration.ofMinutes(1), "dedup_window");
        Validation.range(maxFailingTablesPerIntegration, 1, 100_000, "max_failing_tables_per_integration");
        Set<URI> seen = new HashSet<>();
        for (int i = 0; i < queues.size(); i++) {
            if (!seen.add(queues.get(i).url())) {
                throw KeyProblem.at("queues[" + i + "].url", "repeats an earlier queue: each message would be "
                        + "received by two consumers of this monitor").exception();
            }
        }
    }

    public static EventsConfig defaults() {
        return new EventsConfig(null, null, null, null, null, null, null);
    }
}
