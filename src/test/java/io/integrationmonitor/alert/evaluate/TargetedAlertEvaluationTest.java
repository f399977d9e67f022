package io.integrationmonitor.alert.evaluate;

import static io.integrationmonitor.alert.Polls.TARGET;
import static io.integrationmonitor.alert.Polls.glue;
import static org.assertj.core.api.Assertions.assertThat;

import io.integrationmonitor.alert.Polls;
import io.integrationmonitor.config.AlertingConfig;
import io.integrationmonitor.config.ConfigLoader;
import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.PollCompleted;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A targeted poll evaluates the alerts of its one ARN; every other alert of the target stays as it was. */
class TargetedAlertEvaluationTest {
    private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
    private static final Instant T1 = T0.plusSeconds(5);
    private static final AlertingConfig CONFIG = ConfigLoader.parse("""
            alerting:
              receivers: [{name: oncall, log: {}}]
              firing_threshold: 2
              resolve_threshold: 1
              poll_failure_threshold: 1
              repeat_interval: 4h
            """, "test").alerting();

    private final AtomicInteger ids = new AtomicInteger();
    private final AlertEvaluator evaluator = new AlertEvaluator(CONFIG, new RouteTable(CONFIG),
            Map.of("oncall", new ReceiverPolicy(true, Duration.ofHours(4))), () -> "n-" + ids.incrementAndGet());

    /**
     * orders fires and is ACTIVE now; billing is pending (seen once); refunds fires but is ACTIVE in the state; the
     * target's poll_failing alert fires. A full poll would resolve three of them and fire billing.
     */
    private final Map<String, AlertState> previous = new HashMap<>();

    TargetedAlertEvaluationTest() {
        put(firing("orders"));
        put(new AlertState(AlertConditions.alert(Polls.known(glue("billing", "FAILED"), T0), Condition.FAILED,
                TARGET.key()).withStartsAt(T0), false, false, 1, 0, Map.of()));
        put(firing("refunds"));
        evaluator.failed(Polls.failed(T0, 1), context()).saved().forEach(this::put);
    }

    @Test
    void aTargetedPollResolvesItsOwnAlertAndTouchesNoOther() {
        // when a targeted poll of orders finds it ACTIVE
        Evaluation e = evaluator.completed(targeted(glue("orders", "ACTIVE"), EventType.RECOVERED), context());

        // then only orders' alert resolves: billing is not seen again, refunds not counted healthy, polls not recovered
        assertThat(e.deleted()).containsExactly(Polls.arn("orders") + "|failed");
        assertThat(e.saved()).isEmpty();
        assertThat(e.notifications()).singleElement().satisfies(n -> {
            assertThat(n.state()).isEqualTo(NotificationState.RESOLVED);
            assertThat(n.alerts()).extracting(Alert::arn).containsExactly(Polls.arn("orders"));
        });
    }

    @Test
    void aTargetedPollCountsASightingOfItsOwnConditionOnly() {
        // when a targeted poll of billing finds it still FAILED
        Evaluation e = evaluator.completed(targeted(glue("billing", "FAILED"), EventType.ENTERED_FAILED), context());

        // then billing fires (its second sighting); orders and refunds are neither reminded nor counted
        assertThat(e.saved()).singleElement().satisfies(s -> {
            assertThat(s.alert().arn()).isEqualTo(Polls.arn("billing"));
            assertThat(s.firing()).isTrue();
            assertThat(s.seenCount()).isEqualTo(2);
        });
        assertThat(e.deleted()).isEmpty();
        assertThat(e.notifications()).singleElement().satisfies(n -> {
            assertThat(n.state()).isEqualTo(NotificationState.FIRING);
            assertThat(n.alerts()).extracting(Alert::arn).containsExactly(Polls.arn("billing"));
        });
    }

    @Test
    void theSamePollInFullWouldHaveTouchedEveryAlert() {
        // when a full poll sees what the state holds (the contrast of the two tests above)
        Evaluation e = evaluator.completed(new PollCompleted(new Snapshot(TARGET, T1, List.of(glue("orders", "ACTIVE"),
                glue("billing", "FAILED"), glue("refunds", "ACTIVE")), 1), current(glue("orders", "ACTIVE")),
                List.of(), Duration.ofMillis(5)), context());

        // then
        assertThat(e.deleted()).hasSize(3);
        assertThat(e.saved()).extracting(s -> s.alert().arn()).containsExactly(Polls.arn("billing"));
    }

    /** A targeted poll of one resource, with the rest of the target's state as the Detector leaves it. */
    private static PollCompleted targeted(ObservedResource resource, EventType type) {
        ResourceEvent event = new ResourceEvent(UUID.randomUUID().toString(), type, TARGET, resource, "", "", T1);
        return new PollCompleted(Snapshot.targeted(TARGET, T1, resource), current(resource), List.of(event),
                Duration.ofMillis(5));
    }

    /** The target's state: billing FAILED, refunds ACTIVE, and {@code scoped} (replacing a default orders FAILED). */
    private static List<KnownResource> current(ObservedResource scoped) {
        Map<String, KnownResource> state = new HashMap<>();
        for (ObservedResource r : List.of(glue("orders", "FAILED"), glue("billing", "FAILED"), glue("refunds", "ACTIVE"),
                scoped)) {
            state.put(r.arn(), Polls.known(r, T0));
        }
        return List.copyOf(state.values());
    }

    private static AlertState firing(String name) {
        Alert alert = AlertConditions.alert(Polls.known(glue(name, "FAILED"), T0), Condition.FAILED, TARGET.key())
                .withStartsAt(T0);
        return new AlertState(alert, true, false, 2, 0, Map.of("oncall", T0));
    }

    private void put(AlertState state) {
        previous.put(state.alert().key(), state);
    }

    private AlertEvaluator.Context context() {
        return new AlertEvaluator.Context(previous, a -> false, Set.of(), T1);
    }
}
