package io.integrationmonitor.alert.evaluate;

import io.integrationmonitor.alert.Polls;
import io.integrationmonitor.config.AlertingConfig;
import io.integrationmonitor.config.ConfigLoader;
import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.PollCompleted;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.Source;
import io.integrationmonitor.poll.Snapshot;
import io.integrationmonitor.poll.UnlistedDataIntegration;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static io.integrationmonitor.alert.Polls.TARGET;
import static io.integrationmonitor.alert.Polls.glue;
import static org.assertj.core.api.Assertions.assertThat;

/** The alert lifecycle as a pure function: no database, no clock, no receiver. */
class AlertEvaluatorTest {
    private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
    private static final Duration POLL = Duration.ofMinutes(1);
    private static final AlertingConfig CONFIG = ConfigLoader.parse("""
            alerting:
              receivers: [{name: oncall, log: {}}, {name: quiet, log: {}}]
              firing_threshold: 2
              resolve_threshold: 2
              poll_failure_threshold: 3
              repeat_interval: 4h
            """, "test").alerting();
    private static final Predicate<Alert> NOT_SILENCED = a -> false;

    private final AtomicInteger ids = new AtomicInteger();
    private final AlertEvaluator evaluator = new AlertEvaluator(CONFIG, new RouteTable(CONFIG), Map.of(
            "oncall", new ReceiverPolicy(true, Duration.ofHours(4)),
            "quiet", new ReceiverPolicy(false, Duration.ofHours(4))), () -> "n-" + ids.incrementAndGet());

    @Test
    void firesOnlyOnceTheConditionWasSeenFiringThresholdPollsInARow() {
        // given a resource seen FAILED for the first time
        Evaluation first = evaluator.completed(poll(T0, glue("orders", "FAILED")), context(Map.of(), T0));

        // then it is pending: recorded, nothing sent
        assertThat(first.notifications()).isEmpty();
        assertThat(first.saved()).singleElement().satisfies(s -> {
            assertThat(s.firing()).isFalse();
            assertThat(s.seenCount()).isEqualTo(1);
        });

        // when the next poll sees it FAILED again
        Instant t1 = T0.plus(POLL);
        Evaluation second = evaluator.completed(poll(t1, glue("orders", "FAILED")), context(states(first), t1));

        // then it fires, once per receiver, starting now
        assertThat(second.notifications()).extracting(Notification::receiver, Notification::state,
                        Notification::reminder)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("oncall", NotificationState.FIRING, false),
                        org.assertj.core.groups.Tuple.tuple("quiet", NotificationState.FIRING, false));
        assertThat(second.notifications().get(0).alerts()).singleElement().satisfies(a -> {
            assertThat(a.condition()).isEqualTo(Condition.FAILED);
            assertThat(a.startsAt()).isEqualTo(t1);
            assertThat(a.name()).isEqualTo("orders");
        });
        assertThat(second.saved()).singleElement().satisfies(s -> {
            assertThat(s.firing()).isTrue();
            assertThat(s.lastSent()).containsOnlyKeys("oncall", "quiet");
        });
    }

    @Test
    void remindsAtTheRepeatIntervalUnlessTheReceiverHasABacklog() {
        // given an alert that fired at T0
        Map<String, AlertState> firing = Map.of(firingState("orders", T0).alert().key(), firingState("orders", T0));

        // when polled just before the repeat interval, at it, and at it with a backlog at oncall
        Instant early = T0.plus(Duration.ofHours(4)).minusSeconds(1);
        Instant due = T0.plus(Duration.ofHours(4));
        Evaluation before = evaluator.completed(poll(early, glue("orders", "FAILED")), context(firing, early));
        Evaluation at = evaluator.completed(poll(due, glue("orders", "FAILED")), context(firing, due));
        Evaluation backlogged = evaluator.completed(poll(due, glue("orders", "FAILED")),
                new AlertEvaluator.Context(firing, NOT_SILENCED, Set.of("oncall"), due));

        // then the reminder goes out at the interval only, and waits for a receiver's backlog to clear
        assertThat(before.notifications()).isEmpty();
        assertThat(at.notifications()).extracting(Notification::receiver).containsExactly("oncall", "quiet");
        assertThat(at.notifications()).allSatisfy(n -> assertThat(n.reminder()).isTrue());
        assertThat(at.notifications().get(0).alerts().get(0).startsAt()).isEqualTo(T0);
        assertThat(backlogged.notifications()).extracting(Notification::receiver).containsExactly("quiet");
    }

    @Test
    void resolvesAfterResolveThresholdHealthyPollsToReceiversThatWantIt() {
        // given a firing alert whose resource is ACTIVE again
        Map<String, AlertState> firing = Map.of(firingState("orders", T0).alert().key(), firingState("orders", T0));
        Instant t1 = T0.plus(POLL);

        // when one healthy poll passes, then a second
        Evaluation once = evaluator.completed(poll(t1, glue("orders", "ACTIVE")), context(firing, t1));
        Instant t2 = t1.plus(POLL);
        Evaluation twice = evaluator.completed(poll(t2, glue("orders", "ACTIVE")), context(states(once), t2));

        // then it still fires after one, and resolves after the second, to oncall only (quiet sends no resolved)
        assertThat(once.notifications()).isEmpty();
        assertThat(once.saved()).singleElement().satisfies(s -> {
            assertThat(s.firing()).isTrue();
            assertThat(s.healthyCount()).isEqualTo(1);
        });
        assertThat(twice.deleted()).containsExactly(firing.keySet().iterator().next());
        assertThat(twice.notifications()).singleElement().satisfies(n -> {
            assertThat(n.receiver()).isEqualTo("oncall");
            assertThat(n.state()).isEqualTo(NotificationState.RESOLVED);
            assertThat(n.alerts().get(0).resolution()).isEqualTo("recovered (now ACTIVE)");
            assertThat(n.alerts().get(0).endsAt()).isEqualTo(t2);
            assertThat(n.alerts().get(0).startsAt()).isEqualTo(T0);
        });
    }

    @Test
    void aVanishedResourceResolvesAsVanished() {
        // given a firing alert that has been missing for one poll already
        AlertState missing = new AlertState(firingState("orders", T0).alert(), true, false, 0, 1,
                Map.of("oncall", T0));
        Instant t2 = T0.plus(POLL.multipliedBy(2));

        // when the next poll does not list the resource either
        Evaluation e = evaluator.completed(poll(t2), context(Map.of(missing.alert().key(), missing), t2));

        // then it resolves as vanished
        assertThat(e.deleted()).containsExactly(missing.alert().key());
        assertThat(e.notifications()).singleElement().satisfies(n ->
                assertThat(n.alerts().get(0).resolution()).isEqualTo("vanished (no longer reported by AWS)"));
    }

    @Test
    void aPendingAlertNoLongerSeenIsForgottenSilently() {
        // given an alert seen once, below its threshold
        Evaluation first = evaluator.completed(poll(T0, glue("orders", "FAILED")), context(Map.of(), T0));
        Instant t1 = T0.plus(POLL);

        // when the resource is healthy at the next poll
        Evaluation e = evaluator.completed(poll(t1, glue("orders", "ACTIVE")), context(states(first), t1));

        // then the pending state goes, and nobody hears of it
        assertThat(e.deleted()).hasSize(1);
        assertThat(e.saved()).isEmpty();
        assertThat(e.notifications()).isEmpty();
    }

    @Test
    void anotherUnhealthyConditionSucceedsAtOnceAsOneChangedNotice() {
        // given a firing FAILED alert
        AlertState failed = firingState("orders", T0);
        Instant t1 = T0.plus(POLL);

        // when the resource turns NEEDS_ATTENTION (firing_threshold is 2: a new alert would wait)
        Evaluation e = evaluator.completed(poll(t1, glue("orders", "NEEDS_ATTENTION")),
                context(Map.of(failed.alert().key(), failed), t1));

        // then the successor fires at once, as one CHANGED per receiver, and the FAILED alert goes
        assertThat(e.deleted()).containsExactly(failed.alert().key());
        assertThat(e.saved()).singleElement().satisfies(s -> {
            assertThat(s.alert().condition()).isEqualTo(Condition.NEEDS_ATTENTION);
            assertThat(s.firing()).isTrue();
        });
        assertThat(e.notifications()).extracting(Notification::receiver).containsExactly("oncall", "quiet");
        assertThat(e.notifications()).allSatisfy(n -> {
            assertThat(n.state()).isEqualTo(NotificationState.CHANGED);
            assertThat(n.previous()).singleElement().satisfies(p -> {
                assertThat(p.condition()).isEqualTo(Condition.FAILED);
                assertThat(p.resolution()).isEqualTo("changed to NEEDS_ATTENTION");
            });
        });
    }

    @Test
    void aSilencedAlertFiresWithoutNotifyingAndCountsTheSilenceOnce() {
        // given a silence matching the resource, and an alert at its threshold
        Predicate<Alert> silenced = a -> a.name().equals("orders");
        Evaluation first = evaluator.completed(poll(T0, glue("orders", "FAILED")),
                new AlertEvaluator.Context(Map.of(), silenced, Set.of(), T0));
        Instant t1 = T0.plus(POLL);

        // when it fires, and fires on
        Evaluation fires = evaluator.completed(poll(t1, glue("orders", "FAILED")),
                new AlertEvaluator.Context(states(first), silenced, Set.of(), t1));
        Instant t2 = t1.plus(POLL);
        Evaluation firesOn = evaluator.completed(poll(t2, glue("orders", "FAILED")),
                new AlertEvaluator.Context(states(fires), silenced, Set.of(), t2));

        // then nothing is sent; it is recorded silenced, and counted once per receiver when it became so
        assertThat(fires.notifications()).isEmpty();
        assertThat(fires.saved()).singleElement().satisfies(s -> {
            assertThat(s.firing()).isTrue();
            assertThat(s.silenced()).isTrue();
            assertThat(s.lastSent()).isEmpty();
        });
        assertThat(fires.silencedFor()).containsExactly("oncall", "quiet");
        assertThat(firesOn.notifications()).isEmpty();
        assertThat(firesOn.silencedFor()).isEmpty();
    }

    @Test
    void aDataIntegrationUnlistedForPollFailureThresholdPollsFiresPollFailingAndResolvesWhenListed() {
        // given a poll that could not list a data integration's associations three times in a row
        String arn = "arn:aws:app-integrations:us-east-1:123456789012:data-integration/abc";
        UnlistedDataIntegration unlisted = new UnlistedDataIntegration(arn, "orders-di",
                PollErrorReason.ACCESS_DENIED, "AccessDeniedException", 3);
        PollCompleted poll = new PollCompleted(new Snapshot(TARGET, T0, List.of(), 1, List.of(unlisted)),
                List.of(), List.of(), Duration.ofMillis(20));

        // when evaluated, and then a poll lists it again
        Evaluation fires = evaluator.completed(poll, context(Map.of(), T0));
        Instant t1 = T0.plus(POLL);
        Evaluation listed = evaluator.completed(poll(t1), context(states(fires), t1));

        // then it fires at once, keyed by target and data integration, and resolves on the next listing
        assertThat(fires.notifications()).first().satisfies(n -> assertThat(n.alerts()).singleElement()
                .satisfies(a -> {
                    assertThat(a.key()).isEqualTo(AlertEvaluator.unlistedKey(TARGET, arn));
                    assertThat(a.condition()).isEqualTo(Condition.POLL_FAILING);
                    assertThat(a.status()).isEqualTo(PollErrorReason.ACCESS_DENIED.label());
                    assertThat(a.errors()).singleElement().asString().startsWith("3 consecutive polls");
                }));
        assertThat(listed.deleted()).containsExactly(AlertEvaluator.unlistedKey(TARGET, arn));
        assertThat(listed.notifications()).singleElement().satisfies(n ->
                assertThat(n.alerts().get(0).resolution()).isEqualTo("polls succeed again"));
    }

    @Test
    void pollFailingFiresAtTheThresholdAndResolvesOnTheFirstCompletedPoll() {
        // given a target whose polls fail
        assertThat(evaluator.concerns(Polls.failed(T0, 2))).isFalse();
        assertThat(evaluator.failed(Polls.failed(T0, 2), context(Map.of(), T0))).isEqualTo(Evaluation.NONE);

        // when the third fails, and then a poll completes
        Evaluation fires = evaluator.failed(Polls.failed(T0, 3), context(Map.of(), T0));
        Instant t1 = T0.plus(POLL);
        Evaluation recovers = evaluator.completed(poll(t1), context(states(fires), t1));

        // then it fires at three (no firing_threshold of its own), and resolves at once
        assertThat(evaluator.concerns(Polls.failed(T0, 3))).isTrue();
        assertThat(fires.saved()).singleElement().satisfies(s -> {
            assertThat(s.alert().key()).isEqualTo(AlertEvaluator.pollFailingKey(TARGET));
            assertThat(s.firing()).isTrue();
            assertThat(s.seenCount()).isEqualTo(3);
        });
        assertThat(fires.notifications()).hasSize(2).allSatisfy(n -> {
            assertThat(n.state()).isEqualTo(NotificationState.FIRING);
            assertThat(n.alerts().get(0).errors()).singleElement().asString()
                    .isEqualTo("3 consecutive failed polls: AccessDeniedException from glue");
        });
        assertThat(recovers.deleted()).containsExactly(AlertEvaluator.pollFailingKey(TARGET));
        assertThat(recovers.notifications()).singleElement().satisfies(n -> {
            assertThat(n.state()).isEqualTo(NotificationState.RESOLVED);
            assertThat(n.alerts().get(0).resolution()).isEqualTo("polls succeed again");
        });
    }

    @Test
    void aPollFailureLeavesTheTargetsOtherAlertsAlone() {
        // given a firing resource alert
        AlertState failed = firingState("orders", T0);

        // when the target's poll fails past the threshold
        Evaluation e = evaluator.failed(Polls.failed(T0.plus(POLL), 3), context(Map.of(failed.alert().key(), failed),
                T0.plus(POLL)));

        // then only the poll-failing alert changes
        assertThat(e.deleted()).isEmpty();
        assertThat(e.saved()).extracting(s -> s.alert().condition()).containsExactly(Condition.POLL_FAILING);
    }

    @Test
    void statesReadBackAfterARestartNeitherResendNorForget() {
        // given the states a previous process committed: one firing (sent a minute ago), one pending
        AlertState firing = firingState("orders", T0);
        Evaluation pendingPoll = evaluator.completed(poll(T0, glue("billing", "FAILED")), context(Map.of(), T0));
        Map<String, AlertState> persisted = new HashMap<>(states(pendingPoll));
        persisted.put(firing.alert().key(), firing);
        Instant t1 = T0.plus(POLL);

        // when the restarted process evaluates the next poll, both still FAILED
        Evaluation e = evaluator.completed(poll(t1, glue("orders", "FAILED"), glue("billing", "FAILED")),
                context(persisted, t1));

        // then the firing one is not sent again, and the pending one fires: its first poll counted
        assertThat(e.notifications()).allSatisfy(n -> assertThat(n.alerts()).extracting(Alert::name)
                .containsExactly("billing"));
        assertThat(e.notifications()).hasSize(2);
        assertThat(e.saved()).filteredOn(s -> s.alert().name().equals("orders")).singleElement()
                .satisfies(s -> assertThat(s.alert().startsAt()).isEqualTo(T0));
    }

    @Test
    void anEventOfAResourceInAStateWithoutConditionStillFires() {
        // given a resource reported ACTIVE whose poll carries an execution failure event
        ObservedResource r = glue("orders", "ACTIVE");
        KnownResource known = Polls.known(r, T0);
        ResourceEvent failedRun = new ResourceEvent("e1", EventType.EXECUTION_FAILED, TARGET, r, "ACTIVE", "ACTIVE",
                T0);
        PollCompleted poll = new PollCompleted(new Snapshot(TARGET, T0, List.of(r), 1), List.of(known),
                List.of(failedRun), Duration.ofMillis(20));

        // when evaluated
        Evaluation e = evaluator.completed(poll, context(Map.of(), T0));

        // then the event's condition is pending like any other
        assertThat(e.saved()).singleElement().satisfies(s ->
                assertThat(s.alert().condition()).isEqualTo(Condition.EXECUTION_FAILED));
    }

    @Test
    void aListingThatDoesNotOwnAnIntegrationNeitherRaisesNorTouchesItsAlerts() {
        // given the inbound listing of an integration its primary listing owns, with an alert from before
        AlertState held = adopt(firingState("orders", T0), INBOUND.key());
        Instant due = T0.plus(Duration.ofHours(5));
        Map<String, AlertState> previous = Map.of(held.alert().key(), held);

        // when the inbound target evaluates it FAILED, past the repeat interval, and ACTIVE twice
        Evaluation failed = evaluator.completed(inboundPoll(due, "FAILED"), owned(previous, due, Set.of(ARN)));
        Evaluation active = evaluator.completed(inboundPoll(due, "ACTIVE"), owned(previous, due, Set.of(ARN)));

        // then nothing: no reminder, no resolution, the state left as it is for its owner
        for (Evaluation e : List.of(failed, active)) {
            assertThat(e.notifications()).isEmpty();
            assertThat(e.saved()).isEmpty();
            assertThat(e.deleted()).isEmpty();
        }
    }

    @Test
    void theOwnerAdoptsAnAlertAnotherListingHeldWithoutASecondNotice() {
        // given the inbound listing's firing alert, and the primary listing now listing the integration FAILED
        AlertState held = adopt(firingState("orders", T0), INBOUND.key());
        Instant t1 = T0.plus(POLL);

        // when the owner evaluates with the held state to adopt
        Evaluation e = evaluator.completed(poll(t1, glue("orders", "FAILED")),
                new AlertEvaluator.Context(Map.of(), NOT_SILENCED, Set.of(), t1, Set.of(),
                        Map.of(held.alert().key(), held)));

        // then the same alert lives on under the owner, with the owner's kind, and nobody is told again
        assertThat(e.notifications()).isEmpty();
        assertThat(e.deleted()).isEmpty();
        assertThat(e.saved()).singleElement().satisfies(s -> {
            assertThat(s.alert().key()).isEqualTo(held.alert().key());
            assertThat(s.alert().targetKey()).isEqualTo(TARGET.key());
            assertThat(s.alert().kind()).isEqualTo("glue_integration");
            assertThat(s.alert().startsAt()).isEqualTo(T0);
            assertThat(s.firing()).isTrue();
            assertThat(s.lastSent()).containsOnlyKeys("oncall", "quiet");
        });
    }

    @Test
    void whenTheOwnerNoLongerListsItTheInboundListingTakesOverWithoutResolvingAndRefiring() {
        // given the owner's firing alert, and a poll of the owner that no longer lists the integration
        AlertState owned = firingState("orders", T0);
        Instant t1 = T0.plus(POLL);
        Evaluation owner = evaluator.completed(poll(t1), owned(Map.of(owned.alert().key(), owned), t1, Set.of(ARN)));

        // when the inbound listing, which still lists it FAILED, adopts it; then sees it ACTIVE twice
        Evaluation inbound = evaluator.completed(inboundPoll(t1, "FAILED"),
                new AlertEvaluator.Context(Map.of(), NOT_SILENCED, Set.of(), t1, Set.of(),
                        Map.of(owned.alert().key(), owned)));
        Instant t2 = t1.plus(POLL);
        Evaluation once = evaluator.completed(inboundPoll(t2, "ACTIVE"), context(states(inbound), t2));
        Instant t3 = t2.plus(POLL);
        Evaluation twice = evaluator.completed(inboundPoll(t3, "ACTIVE"), context(states(once), t3));

        // then no "vanished" from the owner, no second firing from the inbound listing; one resolution at the end
        assertThat(owner.notifications()).isEmpty();
        assertThat(owner.saved()).isEmpty();
        assertThat(owner.deleted()).isEmpty();
        assertThat(inbound.notifications()).isEmpty();
        assertThat(inbound.saved()).singleElement().satisfies(s -> {
            assertThat(s.firing()).isTrue();
            assertThat(s.alert().targetKey()).isEqualTo(INBOUND.key());
            assertThat(s.alert().kind()).isEqualTo("glue_inbound_integration");
        });
        assertThat(once.notifications()).isEmpty();
        assertThat(twice.notifications()).singleElement().satisfies(n -> {
            assertThat(n.state()).isEqualTo(NotificationState.RESOLVED);
            assertThat(n.alerts().get(0).resolution()).isEqualTo("recovered (now ACTIVE)");
        });
    }

    @Test
    void anIntegrationInTwoListingsIsOneAlertKeyedByArnAndCondition() {
        // given the same integration as its primary and its inbound listing see it
        KnownResource primary = Polls.known(glue("orders", "FAILED"), T0);
        KnownResource inbound = Polls.known(inbound("orders", "FAILED"), T0);

        // then both give the one key: ARN and condition, no listing in it
        assertThat(AlertConditions.key(primary, Condition.FAILED))
                .isEqualTo(AlertConditions.key(inbound, Condition.FAILED))
                .isEqualTo(ARN + "|failed");
    }

    private static final PollTarget INBOUND = new PollTarget(Source.GLUE_INBOUND_INTEGRATIONS, Polls.ACCOUNT,
            Polls.REGION);
    private static final String ARN = Polls.arn("orders");

    private static ObservedResource inbound(String name, String status) {
        ObservedResource r = glue(name, status);
        return new ObservedResource(ResourceKind.GLUE_INBOUND_INTEGRATION, r.arn(), r.name(), r.accountId(),
                r.region(), r.status(), r.errors(), r.attributes(), r.tags(), null);
    }

    private static PollCompleted inboundPoll(Instant at, String status) {
        return Polls.completed(INBOUND, at, List.of(inbound("orders", status)));
    }

    private static AlertState adopt(AlertState s, String targetKey) {
        return new AlertState(s.alert().toBuilder().targetKey(targetKey).kind("glue_inbound_integration").build(),
                s.firing(), s.silenced(), s.seenCount(), s.healthyCount(), s.lastSent());
    }

    private static AlertEvaluator.Context owned(Map<String, AlertState> previous, Instant now, Set<String> elsewhere) {
        return new AlertEvaluator.Context(previous, NOT_SILENCED, Set.of(), now, elsewhere, Map.of());
    }

    private static AlertState firingState(String name, Instant since) {
        KnownResource kr = Polls.known(glue(name, "FAILED"), since);
        Alert alert = AlertConditions.alert(kr, Condition.FAILED, TARGET.key()).withStartsAt(since);
        return new AlertState(alert, true, false, 2, 0, Map.of("oncall", since, "quiet", since));
    }

    private static PollCompleted poll(Instant at, ObservedResource... resources) {
        return Polls.completed(at, List.of(resources));
    }

    private static AlertEvaluator.Context context(Map<String, AlertState> previous, Instant now) {
        return new AlertEvaluator.Context(previous, NOT_SILENCED, Set.of(), now);
    }

    /** The states the evaluation leaves, as the next evaluation of the target reads them. */
    private static Map<String, AlertState> states(Evaluation e) {
        Map<String, AlertState> states = new HashMap<>();
        e.saved().forEach(s -> states.put(s.alert().key(), s));
        return states;
    }
}
