package io.integrationmonitor.detect;

import io.integrationmonitor.config.StuckConfig;
import io.integrationmonitor.detect.Detection.Result;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.ResourceError;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;
import io.integrationmonitor.poll.Snapshot;
import io.integrationmonitor.poll.Source;
import io.integrationmonitor.poll.UnlistedDataIntegration;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static io.integrationmonitor.detect.EventType.APPEARED;
import static io.integrationmonitor.detect.EventType.DISCOVERED;
import static io.integrationmonitor.detect.EventType.ENTERED_FAILED;
import static io.integrationmonitor.detect.EventType.ENTERED_NEEDS_ATTENTION;
import static io.integrationmonitor.detect.EventType.EXECUTION_FAILED;
import static io.integrationmonitor.detect.EventType.EXECUTION_RECOVERED;
import static io.integrationmonitor.detect.EventType.RECOVERED;
import static io.integrationmonitor.detect.EventType.STATUS_CHANGED;
import static io.integrationmonitor.detect.EventType.STUCK;
import static io.integrationmonitor.detect.EventType.VANISHED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class DetectorTest {
    private static final PollTarget GLUE = new PollTarget(Source.GLUE_INTEGRATIONS, "123456789012", "eu-west-1");
    private static final PollTarget ASSOC =
            new PollTarget(Source.APPINTEGRATIONS_ASSOCIATIONS, "123456789012", "eu-west-1");
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private final AtomicInteger ids = new AtomicInteger();
    private final Detector detector = new Detector(
            new StuckConfig(Duration.ofMinutes(30), null, null, null, Duration.ofMinutes(10)),
            () -> "e" + ids.incrementAndGet());

    @Test
    void theFirstPollOfATargetIsOneDiscoveredEventWithTheCount() {
        // given nothing known of the target, when its first poll finds three healthy resources
        Result result = detector.detect(Map.of(), snapshot(GLUE, T0,
                glue("arn:a", "ACTIVE"), glue("arn:b", "ACTIVE"), glue("arn:c", "SYNCING")));

        // then one DISCOVERED event, not three APPEARED
        assertThat(result.events()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("e1");
            assertThat(e.types()).containsExactly(DISCOVERED);
            assertThat(e.target()).isEqualTo(GLUE);
            assertThat(e.resource()).isNull();
            assertThat(e.kind()).isEqualTo(ResourceKind.GLUE_INTEGRATION);
            assertThat(e.attributes()).containsExactly(Map.entry("count", "3"));
            assertThat(e.message()).isEqualTo("discovered 3 resources");
            assertThat(e.at()).isEqualTo(T0);
        });
        assertThat(result.newState()).hasSize(3)
                .contains(new KnownResource(glue("arn:a", "ACTIVE"), T0, T0, false));
    }

    @Test
    void aResourceNewToAKnownTargetAppearsWithStatusSinceNow() {
        Map<String, KnownResource> known = known(glue("arn:a", "ACTIVE"), T0, false);
        Instant later = T0.plusSeconds(60);

        Result result = detector.detect(known, snapshot(GLUE, later, glue("arn:a", "ACTIVE"), glue("arn:b", "ACTIVE")));

        assertThat(result.events()).extracting(ResourceEvent::id, ResourceEvent::types, ResourceEvent::fromStatus,
                        ResourceEvent::toStatus, ResourceEvent::at, ResourceEvent::message)
                .containsExactly(tuple("e1", List.of(APPEARED), "", "ACTIVE", later, "appeared ACTIVE"));
        assertThat(result.newState()).contains(new KnownResource(glue("arn:b", "ACTIVE"), later, later, false));
    }

    @Test
    void aResourceNewToAKnownTargetAndAlreadyFailedIsOneEnteredFailedThatAlsoAppeared() {
        Result result = detector.detect(known(glue("arn:a", "ACTIVE"), T0, false),
                snapshot(GLUE, T0.plusSeconds(60), glue("arn:a", "ACTIVE"), glue("arn:b", "FAILED")));

        assertThat(types(result)).containsExactly(List.of(ENTERED_FAILED, APPEARED));
    }

    @Test
    void glueResourceAppearingFailedAlsoEntersFailed() {
        Result result = detector.detect(Map.of(), snapshot(GLUE, T0, glue("arn:a", "FAILED")));

        assertThat(types(result)).containsExactly(List.of(DISCOVERED), List.of(ENTERED_FAILED));
    }

    @Test
    void glueResourceAppearingNeedingAttentionAlsoEntersNeedsAttention() {
        Result result = detector.detect(Map.of(), snapshot(GLUE, T0, glue("arn:a", "NEEDS_ATTENTION")));

        assertThat(types(result)).containsExactly(List.of(DISCOVERED), List.of(ENTERED_NEEDS_ATTENTION));
    }

    @Test
    void associationAppearingFailedAlsoReportsExecutionFailed() {
        Result result = detector.detect(Map.of(), snapshot(ASSOC, T0, association("arn:x", "FAILED")));

        assertThat(types(result)).containsExactly(List.of(DISCOVERED), List.of(EXECUTION_FAILED));
    }

    @Test
    void unchangedStatusEmitsNothingAndKeepsStatusSince() {
        Map<String, KnownResource> known = known(glue("arn:a", "ACTIVE"), T0, false);
        Instant later = T0.plus(Duration.ofHours(5));

        Result result = detector.detect(known, snapshot(GLUE, later, glue("arn:a", "ACTIVE")));

        assertThat(result.events()).isEmpty();
        assertThat(result.newState()).containsExactly(new KnownResource(glue("arn:a", "ACTIVE"), T0, later, false));
    }

    @Test
    void statusChangeToFailedEmitsChangeAndEnteredFailedAndResetsStatusSince() {
        Map<String, KnownResource> known = known(glue("arn:a", "ACTIVE"), T0, false);
        Instant later = T0.plusSeconds(60);

        Result result = detector.detect(known, snapshot(GLUE, later, glue("arn:a", "FAILED")));

        // then one event: ENTERED_FAILED, which is also a STATUS_CHANGED
        assertThat(result.events()).extracting(ResourceEvent::types, ResourceEvent::fromStatus, ResourceEvent::toStatus,
                        ResourceEvent::message)
                .containsExactly(tuple(List.of(ENTERED_FAILED, STATUS_CHANGED), "ACTIVE", "FAILED", "ACTIVE → FAILED"));
        assertThat(result.newState().get(0).statusSince()).isEqualTo(later);
    }

    @Test
    void statusChangeToNeedsAttentionEmitsEnteredNeedsAttention() {
        Result result = detector.detect(known(glue("arn:a", "SYNCING"), T0, false),
                snapshot(GLUE, T0.plusSeconds(60), glue("arn:a", "NEEDS_ATTENTION")));

        assertThat(types(result)).containsExactly(List.of(ENTERED_NEEDS_ATTENTION, STATUS_CHANGED));
    }

    @Test
    void backToActiveFromFailedOrNeedsAttentionIsRecovered() {
        Result fromFailed = detector.detect(known(glue("arn:a", "FAILED"), T0, false),
                snapshot(GLUE, T0.plusSeconds(60), glue("arn:a", "ACTIVE")));
        Result fromAttention = detector.detect(known(glue("arn:a", "NEEDS_ATTENTION"), T0, false),
                snapshot(GLUE, T0.plusSeconds(60), glue("arn:a", "ACTIVE")));

        assertThat(types(fromFailed)).containsExactly(List.of(RECOVERED, STATUS_CHANGED));
        assertThat(types(fromAttention)).containsExactly(List.of(RECOVERED, STATUS_CHANGED));
    }

    @Test
    void activeFromATransientStatusIsOnlyAStatusChange() {
        Result result = detector.detect(known(glue("arn:a", "CREATING"), T0, false),
                snapshot(GLUE, T0.plusSeconds(60), glue("arn:a", "ACTIVE")));

        assertThat(types(result)).containsExactly(List.of(STATUS_CHANGED));
    }

    @Test
    void activeAfterNeedsAttentionThroughSyncingIsOneRecoveryFromNeedsAttention() {
        // given a Glue integration that needed attention
        Map<String, KnownResource> state = toMap(detector.detect(Map.of(),
                snapshot(GLUE, T0, glue("arn:a", "NEEDS_ATTENTION"))).newState());

        // when it re-seeds (SYNCING, seen on two polls) and then is ACTIVE
        Result syncing = detector.detect(state, snapshot(GLUE, T0.plusSeconds(60), glue("arn:a", "SYNCING")));
        Result stillSyncing = detector.detect(toMap(syncing.newState()),
                snapshot(GLUE, T0.plusSeconds(120), glue("arn:a", "SYNCING")));
        Result active = detector.detect(toMap(stillSyncing.newState()),
                snapshot(GLUE, T0.plusSeconds(180), glue("arn:a", "ACTIVE")));

        // then SYNCING remembers NEEDS_ATTENTION and ACTIVE is the recovery from it, after which nothing is remembered
        assertThat(types(syncing)).containsExactly(List.of(STATUS_CHANGED));
        assertThat(syncing.newState().get(0).lastUnhealthy()).contains(ResourceStatus.NEEDS_ATTENTION);
        assertThat(stillSyncing.newState().get(0).lastUnhealthy()).contains(ResourceStatus.NEEDS_ATTENTION);
        assertThat(active.events()).extracting(ResourceEvent::types, ResourceEvent::fromStatus, ResourceEvent::toStatus,
                        e -> e.attribute("recovered_from"), ResourceEvent::message)
                .containsExactly(tuple(List.of(RECOVERED, STATUS_CHANGED), "SYNCING", "ACTIVE", "NEEDS_ATTENTION",
                        "SYNCING → ACTIVE (recovered from NEEDS_ATTENTION)"));
        assertThat(active.newState().get(0).lastUnhealthy()).isEmpty();
        Result later = detector.detect(toMap(active.newState()),
                snapshot(GLUE, T0.plusSeconds(240), glue("arn:a", "MODIFYING")));
        assertThat(types(detector.detect(toMap(later.newState()),
                snapshot(GLUE, T0.plusSeconds(300), glue("arn:a", "ACTIVE"))))).containsExactly(List.of(STATUS_CHANGED));
    }

    @Test
    void theLatestUnhealthyStatusIsTheOneRemembered() {
        // given FAILED, then SYNCING, then NEEDS_ATTENTION, then SYNCING
        Map<String, KnownResource> state = toMap(detector.detect(Map.of(),
                snapshot(GLUE, T0, glue("arn:a", "FAILED"))).newState());
        int minute = 1;
        for (String status : List.of("SYNCING", "NEEDS_ATTENTION", "SYNCING")) {
            state = toMap(detector.detect(state,
                    snapshot(GLUE, T0.plusSeconds(60L * minute++), glue("arn:a", status))).newState());
        }

        // when it is ACTIVE
        Result active = detector.detect(state, snapshot(GLUE, T0.plusSeconds(60L * minute), glue("arn:a", "ACTIVE")));

        // then one recovery, from NEEDS_ATTENTION
        assertThat(active.events()).filteredOn(e -> e.type() == RECOVERED)
                .extracting(e -> e.attribute("recovered_from")).containsExactly("NEEDS_ATTENTION");
    }

    @Test
    void activeThroughSyncingWithNothingUnhealthyBeforeIsNoRecovery() {
        Map<String, KnownResource> state = toMap(detector.detect(Map.of(),
                snapshot(GLUE, T0, glue("arn:a", "ACTIVE"))).newState());
        Result syncing = detector.detect(state, snapshot(GLUE, T0.plusSeconds(60), glue("arn:a", "SYNCING")));

        Result active = detector.detect(toMap(syncing.newState()),
                snapshot(GLUE, T0.plusSeconds(120), glue("arn:a", "ACTIVE")));

        assertThat(types(active)).containsExactly(List.of(STATUS_CHANGED));
    }

    @Test
    void associationCompletedAfterFailedThroughInProgressIsOneExecutionRecovery() {
        // given a failed execution, then a run in progress
        Map<String, KnownResource> state = toMap(detector.detect(Map.of(),
                snapshot(ASSOC, T0, association("arn:x", "FAILED"))).newState());
        Result running = detector.detect(state, snapshot(ASSOC, T0.plusSeconds(60), association("arn:x", "IN_PROGRESS")));

        // when it completes
        Result completed = detector.detect(toMap(running.newState()),
                snapshot(ASSOC, T0.plusSeconds(120), association("arn:x", "COMPLETED")));

        // then the completion is the recovery from FAILED
        assertThat(types(running)).containsExactly(List.of(STATUS_CHANGED));
        assertThat(completed.events()).extracting(ResourceEvent::types, ResourceEvent::fromStatus,
                        e -> e.attribute("recovered_from"))
                .containsExactly(tuple(List.of(EXECUTION_RECOVERED, STATUS_CHANGED), "IN_PROGRESS", "FAILED"));
        assertThat(completed.newState().get(0).lastUnhealthy()).isEmpty();
    }

    @Test
    void anAssociationNeverRemembersAGlueOnlyStatus() {
        assertThat(TransitionRules.lastUnhealthy(ResourceKind.APPINTEGRATIONS_ASSOCIATION, Optional.empty(),
                ResourceStatus.NEEDS_ATTENTION)).isEmpty();
        assertThat(TransitionRules.lastUnhealthy(ResourceKind.GLUE_INTEGRATION, Optional.empty(),
                ResourceStatus.NEEDS_ATTENTION)).contains(ResourceStatus.NEEDS_ATTENTION);
        assertThat(TransitionRules.lastUnhealthy(ResourceKind.GLUE_INBOUND_INTEGRATION,
                Optional.of(ResourceStatus.FAILED), ResourceStatus.UNKNOWN)).contains(ResourceStatus.FAILED);
        assertThat(TransitionRules.lastUnhealthy(ResourceKind.APPINTEGRATIONS_ASSOCIATION,
                Optional.of(ResourceStatus.FAILED), ResourceStatus.COMPLETED)).isEmpty();
    }

    @Test
    void associationExecutionFailingFromAnyStatusIsExecutionFailed() {
        for (String from : List.of("COMPLETED", "IN_PROGRESS", "NEVER_EXECUTED")) {
            Result result = detector.detect(known(association("arn:x", from), T0, false),
                    snapshot(ASSOC, T0.plusSeconds(60), association("arn:x", "FAILED")));

            assertThat(types(result)).as("from %s", from).containsExactly(List.of(EXECUTION_FAILED, STATUS_CHANGED));
        }
    }

    @Test
    void associationFailedThenCompletedIsExecutionRecovered() {
        Result result = detector.detect(known(association("arn:x", "FAILED"), T0, false),
                snapshot(ASSOC, T0.plusSeconds(60), association("arn:x", "COMPLETED")));

        assertThat(types(result)).containsExactly(List.of(EXECUTION_RECOVERED, STATUS_CHANGED));
    }

    @Test
    void associationNeverEnteredFailedOrRecoveredGlueEvents() {
        Result result = detector.detect(known(association("arn:x", "IN_PROGRESS"), T0, false),
                snapshot(ASSOC, T0.plusSeconds(60), association("arn:x", "COMPLETED")));

        assertThat(types(result)).containsExactly(List.of(STATUS_CHANGED));
    }

    @Test
    void transientStatusPastThresholdIsStuckOnce() {
        Map<String, KnownResource> state = known(glue("arn:a", "CREATING"), T0, false);

        Result before = detector.detect(state, snapshot(GLUE, T0.plus(Duration.ofMinutes(29)), glue("arn:a", "CREATING")));
        Result atThreshold = detector.detect(toMap(before.newState()),
                snapshot(GLUE, T0.plus(Duration.ofMinutes(30)), glue("arn:a", "CREATING")));
        Result after = detector.detect(toMap(atThreshold.newState()),
                snapshot(GLUE, T0.plus(Duration.ofMinutes(45)), glue("arn:a", "CREATING")));

        assertThat(before.events()).isEmpty();
        // and it says since when, not CREATING → CREATING
        assertThat(atThreshold.events()).extracting(ResourceEvent::types, ResourceEvent::toStatus,
                        e -> e.attribute("since"), ResourceEvent::message)
                .containsExactly(tuple(List.of(STUCK), "CREATING", "2024-05-01T10:00:00Z",
                        "CREATING for 30m since 2024-05-01T10:00:00Z"));
        assertThat(atThreshold.newState().get(0).stuckReported()).isTrue();
        assertThat(atThreshold.newState().get(0).statusSince()).isEqualTo(T0);
        assertThat(after.events()).isEmpty();
    }

    @Test
    void stuckReArmsAfterAStatusChange() {
        Map<String, KnownResource> stuckInProgress = known(association("arn:x", "IN_PROGRESS"), T0, true);
        Instant t1 = T0.plus(Duration.ofHours(1));
        Instant t2 = t1.plus(Duration.ofMinutes(1));
        Instant t3 = t2.plus(Duration.ofMinutes(10));

        Result completed = detector.detect(stuckInProgress, snapshot(ASSOC, t1, association("arn:x", "COMPLETED")));
        Result running = detector.detect(toMap(completed.newState()), snapshot(ASSOC, t2, association("arn:x", "IN_PROGRESS")));
        Result stuckAgain = detector.detect(toMap(running.newState()), snapshot(ASSOC, t3, association("arn:x", "IN_PROGRESS")));

        assertThat(completed.newState().get(0).stuckReported()).isFalse();
        assertThat(types(stuckAgain)).containsExactly(List.of(STUCK));
    }

    @Test
    void disabledOrNonTransientThresholdNeverReportsStuck() {
        // modifying is disabled with 0s; FAILED is not transient
        Detector disabled = new Detector(new StuckConfig(null, Duration.ZERO, null, null, null), () -> "id");
        Map<String, KnownResource> known = new HashMap<>();
        known.putAll(known(glue("arn:a", "MODIFYING"), T0, false));
        known.putAll(known(glue("arn:b", "FAILED"), T0, false));

        Result result = disabled.detect(known,
                snapshot(GLUE, T0.plus(Duration.ofDays(7)), glue("arn:a", "MODIFYING"), glue("arn:b", "FAILED")));

        assertThat(result.events()).isEmpty();
    }

    @Test
    void knownResourceAbsentFromSnapshotVanishesAndLeavesTheState() {
        ObservedResource lastSeen = glue("arn:a", "DELETING");
        Instant later = T0.plusSeconds(60);

        Result result = detector.detect(known(lastSeen, T0, false), snapshot(GLUE, later));

        assertThat(result.events()).extracting(ResourceEvent::type, ResourceEvent::resource, ResourceEvent::fromStatus,
                        ResourceEvent::toStatus, ResourceEvent::at)
                .containsExactly(tuple(VANISHED, lastSeen, "DELETING", "", later));
        assertThat(result.newState()).isEmpty();
    }

    @Test
    void associationsOfADataIntegrationThatWasNotListedAreKeptWithoutAnEvent() {
        // given two known associations of two data integrations, and a snapshot that could not list the first's
        ObservedResource kept = associationOf("arn:assoc-1", "arn:di-1");
        ObservedResource gone = associationOf("arn:assoc-2", "arn:di-2");
        Map<String, KnownResource> known = new HashMap<>(known(kept, T0, false));
        known.putAll(known(gone, T0, false));
        Snapshot snapshot = new Snapshot(ASSOC, T0.plusSeconds(60), List.of(), 1, List.of(
                new UnlistedDataIntegration("arn:di-1", "di-1", PollErrorReason.ACCESS_DENIED, "denied", 1)));

        // when
        Result result = detector.detect(known, snapshot);

        // then only the listed data integration's association vanished; the other is kept as it was
        assertThat(result.events()).extracting(e -> e.resource().arn(), ResourceEvent::type)
                .containsExactly(tuple("arn:assoc-2", VANISHED));
        assertThat(result.newState()).containsExactly(known.get("arn:assoc-1"));
    }

    @Test
    void errorsChangingWithoutStatusChangeUpdateTheResourceSilently() {
        ObservedResource failed = glue("arn:a", "FAILED");
        ObservedResource failedDifferently = failed.withStatus(ResourceStatus.FAILED, List.of(ResourceError.of("E2", "other")));

        Result result = detector.detect(known(failed, T0, false), snapshot(GLUE, T0.plusSeconds(60), failedDifferently));

        assertThat(result.events()).isEmpty();
        assertThat(result.newState()).extracting(KnownResource::resource).containsExactly(failedDifferently);
        assertThat(result.newState().get(0).statusSince()).isEqualTo(T0);
    }

    @Test
    void oneEventPerChangeOrderedByArnAndIdsFollowThatOrder() {
        Map<String, KnownResource> known = new HashMap<>();
        known.putAll(known(glue("arn:c", "ACTIVE"), T0, false));
        known.putAll(known(glue("arn:a", "ACTIVE"), T0, false));
        known.putAll(known(glue("arn:e", "CREATING"), T0, false));

        Result result = detector.detect(known, snapshot(GLUE, T0.plus(Duration.ofHours(1)),
                glue("arn:e", "CREATING"), glue("arn:d", "FAILED"), glue("arn:a", "FAILED"), glue("arn:b", "ACTIVE")));

        assertThat(result.events()).extracting(e -> e.resource().arn(), ResourceEvent::types, ResourceEvent::id)
                .containsExactly(
                        tuple("arn:a", List.of(ENTERED_FAILED, STATUS_CHANGED), "e1"),
                        tuple("arn:b", List.of(APPEARED), "e2"),
                        tuple("arn:c", List.of(VANISHED), "e3"),
                        tuple("arn:d", List.of(ENTERED_FAILED, APPEARED), "e4"),
                        tuple("arn:e", List.of(STUCK), "e5"));
        assertThat(result.newState()).extracting(KnownResource::arn).containsExactly("arn:a", "arn:b", "arn:d", "arn:e");
    }

    @Test
    void detectionForRunsAgainstTheStateTheStoreSupplies() {
        Snapshot snapshot = snapshot(GLUE, T0.plusSeconds(60), glue("arn:a", "FAILED"));

        Result result = detector.detectionFor(snapshot).detect(known(glue("arn:a", "ACTIVE"), T0, false));

        assertThat(types(result)).containsExactly(List.of(ENTERED_FAILED, STATUS_CHANGED));
    }

    @Test
    void defaultIdsAreDistinctUuids() {
        Detector withUuids = new Detector(StuckConfig.defaults());

        Result result = withUuids.detect(Map.of(), snapshot(GLUE, T0, glue("arn:a", "FAILED")));

        assertThat(result.events()).extracting(ResourceEvent::id)
                .allMatch(id -> id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"))
                .doesNotHaveDuplicates();
    }

    /** Per event, every type it is: its (most specific) type first. */
    private static List<List<EventType>> types(Result result) {
        return result.events().stream().map(ResourceEvent::types).toList();
    }

    private static Map<String, KnownResource> known(ObservedResource resource, Instant since, boolean stuckReported) {
        return Map.of(resource.arn(), new KnownResource(resource, since, since, stuckReported));
    }

    private static Map<String, KnownResource> toMap(List<KnownResource> state) {
        Map<String, KnownResource> map = new HashMap<>();
        state.forEach(r -> map.put(r.arn(), r));
        return map;
    }

    private static Snapshot snapshot(PollTarget target, Instant at, ObservedResource... resources) {
        return new Snapshot(target, at, List.of(resources), 1);
    }

    static ObservedResource glue(String arn, String status) {
        List<ResourceError> errors = "FAILED".equals(status) ? List.of(ResourceError.of("E1", "broken")) : List.of();
        return new ObservedResource(ResourceKind.GLUE_INTEGRATION, arn, "name-" + arn, "123456789012", "eu-west-1",
                ResourceStatus.valueOf(status), errors, Map.of(ObservedResource.Attributes.SOURCE_ARN, "arn:src"), Map.of("team", "data"), T0);
    }

    private static ObservedResource associationOf(String arn, String dataIntegrationArn) {
        return new ObservedResource(ResourceKind.APPINTEGRATIONS_ASSOCIATION, arn, "assoc", "123456789012",
                "eu-west-1", ResourceStatus.COMPLETED, List.of(),
                Map.of(ObservedResource.Attributes.DATA_INTEGRATION_ARN, dataIntegrationArn), Map.of(), null);
    }

    static ObservedResource association(String arn, String status) {
        return new ObservedResource(ResourceKind.APPINTEGRATIONS_ASSOCIATION, arn, "assoc", "123456789012",
                "eu-west-1", ResourceStatus.valueOf(status), List.of(), Map.of(ObservedResource.Attributes.CLIENT_ID, "client"), Map.of(), null);
    }
}
