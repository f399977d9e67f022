package io.integrationmonitor.alert;

import io.integrationmonitor.testing.MutableClock;
import io.integrationmonitor.alert.outbox.Delivery;
import io.integrationmonitor.alert.outbox.OutboxEntry;
import io.integrationmonitor.alert.receiver.HttpDelivery;
import io.integrationmonitor.alert.receiver.Receiver;
import io.integrationmonitor.alert.receiver.Receivers;
import io.integrationmonitor.poll.ObservedResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.integrationmonitor.alert.Polls.glue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboxDeliveryTest {
    private static final Pattern KEY = Pattern.compile("notification ([0-9a-f-]{36})");
    private static final Pattern TITLE = Pattern.compile("\\[(FIRING|RESOLVED)] (\\S+) ");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(AlertingHarness.T0);
    private FakeHttpReceiver slack;
    private String yaml;

    @BeforeEach
    void setUp() throws Exception {
        slack = new FakeHttpReceiver();
        yaml = """
                alerting:
                  max_age: 1h
                  receivers:
                    - name: oncall
                      slack: {webhook_url: "%s"}
                """.formatted(slack.uri("/services/hook"));
    }

    @AfterEach
    void tearDown() {
        slack.close();
    }

    private Map<String, Receiver> receivers() {
        return Receivers.create(AlertingHarness.config(yaml), r -> null, HttpDelivery.defaultClient(), clock);
    }

    /** Five polls: a fails, b fails, a recovers, c needs attention, b recovers. */
    private static List<List<ObservedResource>> fivePolls() {
        return List.of(
                List.of(glue("a", "FAILED"), glue("b", "ACTIVE"), glue("c", "ACTIVE")),
                List.of(glue("a", "FAILED"), glue("b", "FAILED"), glue("c", "ACTIVE")),
                List.of(glue("a", "ACTIVE"), glue("b", "FAILED"), glue("c", "ACTIVE")),
                List.of(glue("a", "ACTIVE"), glue("b", "FAILED"), glue("c", "NEEDS_ATTENTION")),
                List.of(glue("a", "ACTIVE"), glue("b", "ACTIVE"), glue("c", "NEEDS_ATTENTION")));
    }

    private static String key(String body) {
        Matcher m = KEY.matcher(body);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** Per resource name, the states delivered in order, e.g. {@code a -> [FIRING, RESOLVED]}. */
    private static Map<String, List<String>> statesByResource(List<String> bodies) {
        Map<String, List<String>> states = new LinkedHashMap<>();
        for (String body : bodies) {
            Matcher m = TITLE.matcher(body);
            assertThat(m.find()).isTrue();
            states.computeIfAbsent(m.group(2), k -> new ArrayList<>()).add(m.group(1));
        }
        return states;
    }

    private void deliverUntilEmpty(AlertingHarness h) {
        for (int i = 0; i < 200 && h.outbox().pendingCount("oncall") > 0; i++) {
            clock.advance(Duration.ofSeconds(30));
            h.dispatcher().runOnce();
        }
        assertThat(h.outbox().pendingCount("oncall")).isZero();
    }

    @Test
    void everyNotificationArrivesInOrderAndOnceAfterAFivePollOutage() {
        AtomicBoolean down = new AtomicBoolean(true);
        slack.respond(n -> down.get() ? 500 : 200);
        try (AlertingHarness h = new AlertingHarness(dir, clock, yaml, receivers())) {
            // given Slack answers 500 during five polls
            for (List<ObservedResource> poll : fivePolls()) {
                h.engine().onPollCompleted(Polls.completed(clock.instant(), poll));
                h.dispatcher().runOnce();
                clock.advance(Duration.ofMinutes(1));
            }
            assertThat(slack.acceptedBodies()).isEmpty();
            assertThat(h.outbox().pendingCount("oncall")).isEqualTo(5);

            // when it recovers
            down.set(false);
            deliverUntilEmpty(h);

            // then everything arrived once, in order per alert
            List<String> bodies = slack.acceptedBodies();
            assertThat(bodies).hasSize(5);
            assertThat(bodies.stream().map(OutboxDeliveryTest::key).collect(Collectors.toSet())).hasSize(5);
            assertThat(statesByResource(bodies)).isEqualTo(Map.of(
                    "a", List.of("FIRING", "RESOLVED"), "b", List.of("FIRING", "RESOLVED"), "c", List.of("FIRING")));
            assertThat(h.registry.counter("integration.monitor.notifications", "receiver", "oncall", "outcome", "failed")
                    .count()).isGreaterThanOrEqualTo(3);
            assertThat(h.registry.timer("integration.monitor.notification.delivery", "receiver", "oncall").count())
                    .isEqualTo(5);
        }
    }

    @Test
    void anAbruptStopMidDeliveryLosesNothingAndRepeatsAtMostTheInFlightNotification() {
        AlertingHarness h = new AlertingHarness(dir, clock, yaml, receivers());
        // given Slack is down while five polls produce five notifications
        AtomicBoolean down = new AtomicBoolean(true);
        slack.respond(n -> down.get() ? 503 : 200);
        for (List<ObservedResource> poll : fivePolls()) {
            h.engine().onPollCompleted(Polls.completed(clock.instant(), poll));
            clock.advance(Duration.ofMinutes(1));
        }
        // when Slack recovers and the process dies after Slack accepted the second one, before it was marked
        down.set(false);
        AtomicBoolean crashed = new AtomicBoolean();
        slack.onAccepted(() -> {
            if (slack.acceptedBodies().size() == 1 && crashed.compareAndSet(false, true)) {
                h.crash();
            }
        });
        assertThatThrownBy(() -> h.dispatcher().drain()).isInstanceOf(RuntimeException.class);
        assertThat(crashed).isTrue();

        // and a new monitor starts on the same database
        h.reopen(receivers());
        try (h) {
            deliverUntilEmpty(h);
        }

        // then every notification arrived, only the in-flight one twice, and order per alert held
        List<String> bodies = slack.acceptedBodies();
        Map<String, Long> perKey = bodies.stream().collect(Collectors.groupingBy(OutboxDeliveryTest::key, Collectors.counting()));
        assertThat(perKey).hasSize(5);
        assertThat(perKey.values().stream().filter(c -> c == 2)).hasSize(1);
        assertThat(perKey.values()).allMatch(c -> c <= 2);
        List<String> distinctInOrder = bodies.stream().distinct().toList();
        assertThat(statesByResource(distinctInOrder)).containsOnlyKeys("a", "b", "c")
                .containsEntry("a", List.of("FIRING", "RESOLVED")).containsEntry("b", List.of("FIRING", "RESOLVED"));
    }

    @Test
    void aNotificationUndeliverableForMaxAgeBecomesADeadLetterAndUnblocksTheQueue() {
        AtomicBoolean down = new AtomicBoolean(true);
        slack.respond(n -> down.get() ? 500 : 200);
        try (AlertingHarness h = new AlertingHarness(dir, clock, yaml, receivers())) {
            h.engine().onPollCompleted(Polls.completed(clock.instant(), List.of(glue("a", "FAILED"))));
            for (int i = 0; i < 12; i++) {
                clock.advance(Duration.ofMinutes(5));
                h.dispatcher().runOnce();
            }
            // then after max_age (1h) it is dead: kept, counted, not retried
            List<OutboxEntry> rows = h.outbox().entries("oncall");
            assertThat(rows).singleElement().satisfies(e -> {
                assertThat(e.delivery()).isEqualTo(Delivery.DEAD);
                assertThat(e.lastError()).isEqualTo("undeliverable for PT1H");
            });
            assertThat(h.registry.counter("integration.monitor.dead.letters", "receiver", "oncall").count()).isEqualTo(1);
            int attempts = slack.requests().size();
            assertThat(attempts).isBetween(3, 12);

            // and the next notification goes out once Slack is back
            down.set(false);
            h.engine().onPollCompleted(Polls.completed(clock.instant(), List.of(glue("a", "ACTIVE"))));
            h.dispatcher().drain();
            assertThat(slack.acceptedBodies()).singleElement().asString().contains("[RESOLVED] a recovered");
        }
    }
}
