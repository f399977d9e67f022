package io.integrationmonitor.state;

import io.integrationmonitor.config.StuckConfig;
import io.integrationmonitor.detect.Detection;
import io.integrationmonitor.detect.Detector;
import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.ResourceError;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;
import io.integrationmonitor.poll.Snapshot;
import io.integrationmonitor.poll.Source;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.integrationmonitor.poll.ObservedResource.Attributes.DESCRIPTION;
import static java.time.temporal.ChronoUnit.MILLIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The behaviour every database behind {@link JdbcStateStore} must show; one subclass per database. */
abstract class JdbcStateStoreContract {
    static final PollTarget GLUE = new PollTarget(Source.GLUE_INTEGRATIONS, "123456789012", "eu-west-1");
    static final PollTarget INBOUND = new PollTarget(Source.GLUE_INBOUND_INTEGRATIONS, "123456789012", "us-east-1");
    // sub-millisecond part on purpose: the store keeps milliseconds
    static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123456789Z");

    private final Detector detector = new Detector(StuckConfig.defaults());
    private Database database;
    private StateStore store;

    /** Opens the test's database; every call in one test reaches the same stored data. */
    abstract Database openDatabase();

    /** Runs after the database is closed at the end of a test. */
    void cleanUp() throws Exception {
    }

    @BeforeEach
    void open() {
        database = openDatabase();
        store = new JdbcStateStore(database);
    }

    @AfterEach
    void close() throws Exception {
        // null when the database was unavailable and the test was skipped
        if (store != null) {
            store.close();
            database.close();
        }
        cleanUp();
    }

    private void restart() {
        store.close();
        database.close();
        open();
    }

    @Test
    void appliedStateAndEventsReadBackExactlyAsReturned() {
        Snapshot snapshot = snapshot(GLUE, T0, glue("arn:a", "FAILED"), glue("arn:b", "ACTIVE"));

        Detection.Result result = store.applyPoll(GLUE, detector.detectionFor(snapshot));

        // a target's first poll: DISCOVERED (no resource, a count), and the resource already unhealthy
        assertThat(result.events()).extracting(ResourceEvent::type)
                .containsExactly(EventType.DISCOVERED, EventType.ENTERED_FAILED);
        assertThat(result.events().get(0).attributes()).containsExactly(Map.entry("count", "2"));
        assertThat(result.events()).allSatisfy(e -> assertThat(e.at()).isEqualTo("2024-05-01T10:00:00.123Z"));
        assertThat(store.knownResources(GLUE)).containsOnlyKeys("arn:a", "arn:b");
        assertThat(List.copyOf(store.knownResources(GLUE).values())).isEqualTo(result.newState());
        assertThat(store.allResources()).isEqualTo(result.newState());
        assertThat(store.eventsSince(Instant.EPOCH, 100)).isEqualTo(result.events());
    }

    @Test
    void targetsKeepSeparateState() {
        store.applyPoll(GLUE, detector.detectionFor(snapshot(GLUE, T0, glue("arn:a", "ACTIVE"))));

        Detection.Result inbound = store.applyPoll(INBOUND,
                detector.detectionFor(snapshot(INBOUND, T0, inbound("arn:i", "CREATING"))));

        assertThat(inbound.events()).extracting(ResourceEvent::type).containsExactly(EventType.DISCOVERED);
        assertThat(store.knownResources(GLUE)).containsOnlyKeys("arn:a");
        assertThat(store.knownResources(INBOUND)).containsOnlyKeys("arn:i");
        assertThat(store.allResources()).extracting(KnownResource::arn).containsExactlyInAnyOrder("arn:a", "arn:i");
    }

    @Test
    void failingDetectionRollsBackAndRethrows() {
        Detection.Result before = store.applyPoll(GLUE, detector.detectionFor(snapshot(GLUE, T0, glue("arn:a", "ACTIVE"))));
        IllegalStateException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> store.applyPoll(GLUE, known -> {
            throw boom;
        })).isSameAs(boom);

        assertThat(List.copyOf(store.knownResources(GLUE).values())).isEqualTo(before.newState());
        assertThat(store.eventsSince(Instant.EPOCH, 100)).isEqualTo(before.events());
    }

    @Test
    void failingWriteRollsBackTheReplacedStateToo() {
        Detection.Result before = store.applyPoll(GLUE, detector.detectionFor(snapshot(GLUE, T0, glue("arn:a", "ACTIVE"))));
        Instant later = T0.plusSeconds(60);
        ObservedResource changed = glue("arn:a", "FAILED");
        ResourceEvent first = new ResourceEvent("dup", EventType.STATUS_CHANGED, GLUE, changed, "ACTIVE", "FAILED", later);
        ResourceEvent second = new ResourceEvent("dup", EventType.ENTERED_FAILED, GLUE, changed, "ACTIVE", "FAILED", later);

        // the known state is replaced before the events are inserted; the duplicate event id then fails
        assertThatThrownBy(() -> store.applyPoll(GLUE, known -> new Detection.Result(
                List.of(new KnownResource(changed, later, later, false)), List.of(first, second))))
                .isInstanceOf(StateStoreException.class);

        assertThat(List.copyOf(store.knownResources(GLUE).values())).isEqualTo(before.newState());
        assertThat(store.eventsSince(Instant.EPOCH, 100)).isEqualTo(before.events());
    }

    @Test
    void restartWithSameDataRepeatsNoEventsAndDetectsAChangeMadeWhileDownOnce() {
        Snapshot initial = snapshot(GLUE, T0, glue("arn:a", "ACTIVE"), glue("arn:b", "ACTIVE"));
        store.applyPoll(GLUE, detector.detectionFor(initial));
        restart();

        Detection.Result sameAgain = store.applyPoll(GLUE,
                detector.detectionFor(snapshot(GLUE, T0.plusSeconds(60), glue("arn:a", "ACTIVE"), glue("arn:b", "ACTIVE"))));
        restart();
        // while down: arn:a failed and arn:b was deleted
        Detection.Result afterChange = store.applyPoll(GLUE,
                detector.detectionFor(snapshot(GLUE, T0.plusSeconds(120), glue("arn:a", "FAILED"))));
        restart();
        Detection.Result steady = store.applyPoll(GLUE,
                detector.detectionFor(snapshot(GLUE, T0.plusSeconds(180), glue("arn:a", "FAILED"))));

        assertThat(sameAgain.events()).isEmpty();
        assertThat(afterChange.events()).extracting(e -> e.resource().arn(), ResourceEvent::type)
                .containsExactly(
                        tuple("arn:a", EventType.ENTERED_FAILED),
                        tuple("arn:b", EventType.VANISHED));
        assertThat(steady.events()).isEmpty();
        assertThat(store.eventsSince(Instant.EPOCH, 100)).hasSize(1 + 2);
        assertThat(store.knownResources(GLUE).get("arn:a").statusSince()).isEqualTo("2024-05-01T10:02:00.123Z");
    }

    @Test
    void stuckIsReportedOnceAcrossRestarts() {
        Duration overSixHours = Duration.ofHours(6).plusMinutes(1);
        store.applyPoll(GLUE, detector.detectionFor(snapshot(GLUE, T0, glue("arn:a", "SYNCING"))));
        restart();

        Detection.Result stuck = store.applyPoll(GLUE,
                detector.detectionFor(snapshot(GLUE, T0.plus(overSixHours), glue("arn:a", "SYNCING"))));
        restart();
        Detection.Result stillStuck = store.applyPoll(GLUE,
                detector.detectionFor(snapshot(GLUE, T0.plus(overSixHours).plusSeconds(60), glue("arn:a", "SYNCING"))));

        assertThat(stuck.events()).extracting(ResourceEvent::type).containsExactly(EventType.STUCK);
        assertThat(stillStuck.events()).isEmpty();
        assertThat(store.knownResources(GLUE).get("arn:a").stuckReported()).isTrue();
    }

    @Test
    void theLastUnhealthyStatusSurvivesARestartInTheMiddleOfARecovery() {
        // given an integration that needed attention and then started re-seeding
        store.applyPoll(GLUE, detector.detectionFor(snapshot(GLUE, T0, glue("arn:a", "NEEDS_ATTENTION"))));
        Detection.Result syncing = store.applyPoll(GLUE,
                detector.detectionFor(snapshot(GLUE, T0.plusSeconds(60), glue("arn:a", "SYNCING"))));
        restart();

        // when, after the restart, it is ACTIVE
        assertThat(store.knownResources(GLUE).get("arn:a").lastUnhealthy()).contains(ResourceStatus.NEEDS_ATTENTION);
        Detection.Result active = store.applyPoll(GLUE,
                detector.detectionFor(snapshot(GLUE, T0.plusSeconds(120), glue("arn:a", "ACTIVE"))));
        restart();

        // then that is the one recovery, and nothing unhealthy is remembered any more
        assertThat(syncing.events()).extracting(ResourceEvent::type).containsExactly(EventType.STATUS_CHANGED);
        assertThat(active.events()).extracting(ResourceEvent::types, ResourceEvent::fromStatus,
                        e -> e.attribute(ResourceEvent.Attributes.RECOVERED_FROM))
                .containsExactly(tuple(List.of(EventType.RECOVERED, EventType.STATUS_CHANGED), "SYNCING",
                        "NEEDS_ATTENTION"));
        assertThat(store.knownResources(GLUE).get("arn:a").lastUnhealthy()).isEmpty();
    }

    @Test
    void eventPagesFollowTheSeqCursorAndFilterByKindArnAndPredicate() {
        store.applyPoll(GLUE, detector.detectionFor(snapshot(GLUE, T0, glue("arn:a", "ACTIVE"), glue("arn:b", "ACTIVE"))));
        store.applyPoll(INBOUND, detector.detectionFor(snapshot(INBOUND, T0, inbound("arn:i", "ACTIVE"))));
        store.applyPoll(GLUE, detector.detectionFor(snapshot(GLUE, T0.plusSeconds(60),
                glue("arn:a", "FAILED"), glue("arn:b", "FAILED"))));
        java.util.function.Predicate<ResourceEvent> any = e -> true;

        List<EventQuery.Stored> all = store.events(new EventQuery(Instant.EPOCH, 0, java.util.Set.of(),
                java.util.Set.of(), any, 100));
        List<EventQuery.Stored> first = store.events(new EventQuery(Instant.EPOCH, 0, java.util.Set.of(),
                java.util.Set.of(), any, 2));
        List<EventQuery.Stored> rest = store.events(new EventQuery(Instant.EPOCH, first.get(1).seq(),
                java.util.Set.of(), java.util.Set.of(), any, 100));

        assertThat(all).extracting(EventQuery.Stored::seq).isSorted().doesNotHaveDuplicates();
        assertThat(all).extracting(EventQuery.Stored::event).extracting(ResourceEvent::type).containsExactly(
                EventType.DISCOVERED, EventType.DISCOVERED, EventType.ENTERED_FAILED, EventType.ENTERED_FAILED);
        assertThat(first.size() + rest.size()).isEqualTo(all.size());
        assertThat(rest).isEqualTo(all.subList(2, 4));
        assertThat(store.events(new EventQuery(Instant.EPOCH, 0, java.util.Set.of("glue_inbound_integration"),
                java.util.Set.of(), any, 100))).extracting(s -> s.event().target()).containsExactly(INBOUND);
        assertThat(store.events(new EventQuery(Instant.EPOCH, 0, java.util.Set.of(), java.util.Set.of("arn:b"),
                any, 100))).extracting(s -> s.event().resource().arn()).containsExactly("arn:b");
        assertThat(store.events(new EventQuery(T0.plusSeconds(60), 0, java.util.Set.of(), java.util.Set.of(),
                e -> e.resource().arn().equals("arn:a"), 1))).extracting(s -> s.event().resource().arn())
                .containsExactly("arn:a");
        assertThat(store.events(EventQuery.ofArn("arn:a", 0))).isEmpty();
    }

    @Test
    void eventsSinceIsOldestFirstAndLimitedAndPruneDeletesOlderEvents() {
        Instant t1 = T0.plusSeconds(60);
        Instant t2 = T0.plusSeconds(120);
        store.applyPoll(GLUE, detector.detectionFor(snapshot(GLUE, T0, glue("arn:a", "ACTIVE"))));
        store.applyPoll(INBOUND, detector.detectionFor(snapshot(INBOUND, t2, inbound("arn:i", "ACTIVE"))));
        store.applyPoll(GLUE, detector.detectionFor(snapshot(GLUE, t1, glue("arn:a", "FAILED"))));

        List<ResourceEvent> sinceT1 = store.eventsSince(t1, 100);
        List<ResourceEvent> firstTwo = store.eventsSince(Instant.EPOCH, 2);
        int pruned = store.pruneEventsBefore(t1);

        assertThat(sinceT1).extracting(ResourceEvent::target, ResourceEvent::type).containsExactly(
                tuple(GLUE, EventType.ENTERED_FAILED),
                tuple(INBOUND, EventType.DISCOVERED));
        assertThat(firstTwo).extracting(ResourceEvent::type)
                .containsExactly(EventType.DISCOVERED, EventType.ENTERED_FAILED);
        assertThat(pruned).isEqualTo(1);
        assertThat(store.eventsSince(Instant.EPOCH, 100)).isEqualTo(sinceT1);
        assertThat(store.eventsSince(Instant.EPOCH, 0)).isEmpty();
    }

    @Test
    void targetHealthCountsConsecutiveFailuresAndResetsOnSuccess() {
        int first = store.recordPollFailure(GLUE, T0, PollErrorReason.THROTTLED, "Rate exceeded");
        int second = store.recordPollFailure(GLUE, T0.plusSeconds(60), PollErrorReason.TIMEOUT, "timed out");
        TargetHealth failing = health(GLUE);
        store.recordPollSuccess(GLUE, T0.plusSeconds(120), Duration.ofMillis(350));
        TargetHealth recovered = health(GLUE);
        int afterRecovery = store.recordPollFailure(GLUE, T0.plusSeconds(180), PollErrorReason.ACCESS_DENIED, "x".repeat(5000));

        assertThat(first).isEqualTo(1);
        assertThat(second).isEqualTo(2);
        assertThat(failing).isEqualTo(new TargetHealth(GLUE, null, Instant.parse("2024-05-01T10:01:00.123Z"),
                PollErrorReason.TIMEOUT, "timed out", 2, null, Instant.parse("2024-05-01T10:00:00.123Z")));
        assertThat(recovered.failingSince()).as("a success ends the streak").isNull();
        assertThat(recovered.consecutiveFailures()).isZero();
        assertThat(recovered.lastSuccess()).isEqualTo("2024-05-01T10:02:00.123Z");
        assertThat(recovered.lastSuccessDuration()).isEqualTo(Duration.ofMillis(350));
        assertThat(recovered.lastErrorReason()).as("last error kept for display").isEqualTo(PollErrorReason.TIMEOUT);
        assertThat(afterRecovery).isEqualTo(1);
        assertThat(health(GLUE).failingSince()).as("a new streak").isEqualTo("2024-05-01T10:03:00.123Z");
        assertThat(health(GLUE).lastErrorMessage()).hasSizeLessThanOrEqualTo(1000).startsWith("xxx");
    }

    @Test
    void targetHealthListsEveryTargetOnceAndSurvivesRestart() {
        store.recordPollFailure(INBOUND, T0, PollErrorReason.SERVER_ERROR, "503");
        store.applyPoll(GLUE, detector.detectionFor(snapshot(GLUE, T0)));
        store.recordPollSuccess(GLUE, T0, Duration.ofSeconds(1));
        restart();

        List<TargetHealth> health = store.targetHealth();

        assertThat(health).extracting(TargetHealth::target, TargetHealth::consecutiveFailures)
                .containsExactly(tuple(INBOUND, 1), tuple(GLUE, 0)); // by key: glue_inbound_... < glue_integrations
    }

    @Test
    void concurrentPollsOfOneTargetSerializeWithoutLostOrDuplicatedEvents() throws Exception {
        int perThread = 15;
        CountDownLatch start = new CountDownLatch(1);
        // the poll count rides in the description; the status alternates so that every poll is an event
        Detection increment = known -> {
            KnownResource current = known.get("arn:a");
            int n = current == null ? 0 : Integer.parseInt(current.resource().attribute(DESCRIPTION));
            return detector.detect(known, snapshot(GLUE, T0.plusSeconds(n), counted("arn:a", n + 1)));
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        store.applyPoll(GLUE, increment);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<ResourceEvent> events = store.eventsSince(Instant.EPOCH, 1000);
        // every apply saw the previous one's commit: one unbroken chain of polls 2, 3, ... 30, after the first
        // poll's DISCOVERED (of poll 1)
        assertThat(events.get(0).type()).isEqualTo(EventType.DISCOVERED);
        List<ResourceEvent> changes = events.subList(1, events.size());
        assertThat(changes).extracting(e -> e.resource().attribute(DESCRIPTION))
                .containsExactlyElementsOf(IntStream.rangeClosed(2, 2 * perThread).mapToObj(Integer::toString).toList());
        assertThat(changes).extracting(ResourceEvent::toStatus).containsExactlyElementsOf(IntStream
                .rangeClosed(2, 2 * perThread).mapToObj(n -> countedStatus(n).label()).toList());
        assertThat(store.knownResources(GLUE).get("arn:a").resource().attribute(DESCRIPTION))
                .isEqualTo(Integer.toString(2 * perThread));
    }

    @Test
    void aPollThatChangesNothingButTheTimeWritesNoResourceRow() {
        RowWriteCounter written = new RowWriteCounter(database.dataSource(), "known_resource");
        StateStore counted = new JdbcStateStore(written);
        counted.applyPoll(GLUE, detector.detectionFor(snapshot(GLUE, T0,
                glue("arn:a", "FAILED"), glue("arn:b", "ACTIVE"), glue("arn:c", "ACTIVE"))));
        assertThat(written.rowsWritten()).isEqualTo(3);
        written.reset();
        Instant later = T0.plusSeconds(60);

        Detection.Result unchanged = counted.applyPoll(GLUE, detector.detectionFor(snapshot(GLUE, later,
                glue("arn:a", "FAILED"), glue("arn:b", "ACTIVE"), glue("arn:c", "ACTIVE"))));

        assertThat(written.rowsWritten()).isZero();
        assertThat(unchanged.newState()).extracting(KnownResource::lastSeen).containsOnly(later.truncatedTo(MILLIS));
        assertThat(List.copyOf(store.knownResources(GLUE).values())).isEqualTo(unchanged.newState());
        assertThat(store.allResources()).isEqualTo(unchanged.newState());
    }

    @Test
    void aPollWritesOnlyTheRowsThatAppearedVanishedOrChanged() {
        RowWriteCounter written = new RowWriteCounter(database.dataSource(), "known_resource");
        StateStore counted = new JdbcStateStore(written);
        counted.applyPoll(GLUE, detector.detectionFor(snapshot(GLUE, T0,
                glue("arn:a", "ACTIVE"), glue("arn:b", "ACTIVE"), glue("arn:c", "ACTIVE"))));
        written.reset();

        // arn:a changes status, arn:c vanishes, arn:d appears, arn:b is unchanged
        Detection.Result result = counted.applyPoll(GLUE, detector.detectionFor(snapshot(GLUE, T0.plusSeconds(60),
                glue("arn:a", "FAILED"), glue("arn:b", "ACTIVE"), glue("arn:d", "ACTIVE"))));

        assertThat(written.rowsWritten()).isEqualTo(3);
        assertThat(List.copyOf(store.knownResources(GLUE).values())).isEqualTo(result.newState());
        assertThat(store.knownResources(GLUE)).containsOnlyKeys("arn:a", "arn:b", "arn:d");
    }

    @Test
    void resourcesLastSeenAtDifferentTimesReadBackExactly() {
        Instant later = T0.plusSeconds(60);
        // a detection may keep a resource it did not see this time; its last-seen time must survive
        store.applyPoll(GLUE, known -> new Detection.Result(List.of(
                new KnownResource(glue("arn:a", "ACTIVE"), T0, T0, false),
                new KnownResource(glue("arn:b", "ACTIVE"), T0, T0, false)), List.of()));

        Detection.Result result = store.applyPoll(GLUE, known -> new Detection.Result(List.of(
                known.get("arn:a"),
                new KnownResource(glue("arn:b", "ACTIVE"), T0, later, true)), List.of()));
        Detection.Result again = store.applyPoll(GLUE, known -> new Detection.Result(List.copyOf(known.values()), List.of()));

        assertThat(result.newState()).extracting(KnownResource::lastSeen)
                .containsExactly(T0.truncatedTo(MILLIS), later.truncatedTo(MILLIS));
        assertThat(again.newState()).isEqualTo(result.newState());
        assertThat(List.copyOf(store.knownResources(GLUE).values())).isEqualTo(result.newState());
        assertThat(store.allResources()).isEqualTo(result.newState());
    }

    private TargetHealth health(PollTarget target) {
        return store.targetHealth().stream().filter(h -> h.target().equals(target)).findFirst().orElseThrow();
    }

    private static Snapshot snapshot(PollTarget target, Instant at, ObservedResource... resources) {
        return new Snapshot(target, at, List.of(resources), 1);
    }

    private static ObservedResource glue(String arn, String status) {
        List<ResourceError> errors = "FAILED".equals(status)
                ? List.of(ResourceError.of("ValidationException", "table has no primary key"))
                : List.of();
        return new ObservedResource(ResourceKind.GLUE_INTEGRATION, arn, "orders-" + arn, "123456789012", "eu-west-1",
                ResourceStatus.valueOf(status), errors,
                Map.of(ObservedResource.Attributes.SOURCE_ARN, "arn:aws:dynamodb:eu-west-1:123456789012:table/orders",
                        ObservedResource.Attributes.TARGET_ARN, "arn:aws:redshift:eu-west-1:123456789012:namespace/x"),
                Map.of("team", "data", "env", "prod"), Instant.parse("2024-04-01T00:00:00.5Z"));
    }

    /** Poll {@code n} of one integration: ACTIVE on odd polls, MODIFYING on even ones. */
    private static ObservedResource counted(String arn, int n) {
        return new ObservedResource(ResourceKind.GLUE_INTEGRATION, arn, "counted", "123456789012", "eu-west-1",
                countedStatus(n), null, Map.of(DESCRIPTION, Integer.toString(n)), null, null);
    }

    private static ResourceStatus countedStatus(int n) {
        return n % 2 == 1 ? ResourceStatus.ACTIVE : ResourceStatus.MODIFYING;
    }

    private static ObservedResource inbound(String arn, String status) {
        return new ObservedResource(ResourceKind.GLUE_INBOUND_INTEGRATION, arn, null, "123456789012", "us-east-1",
                ResourceStatus.valueOf(status), null, null, null, null);
    }
}
