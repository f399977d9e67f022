package io.integrationmonitor.schedule;

import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.ResourceStatus;
import io.integrationmonitor.state.PostgresTestSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas in one JVM sharing a clustered Quartz schedule and state on the real PostgreSQL, each
 * test in a fresh schema. Quartz declares a replica dead {@code checkin_interval + 7.5s} (a constant in
 * Quartz) after its last check-in, so failover takes about 9 s here; waits poll with generous deadlines.
 */
class ClusteredPollSchedulerTest {
    private static final Logger log = LoggerFactory.getLogger(ClusteredPollSchedulerTest.class);
    private static final Replica.ClusterSettings SETTINGS =
            new Replica.ClusterSettings(Duration.ofSeconds(1), Duration.ofSeconds(1));
    private static final Duration DEADLINE = Duration.ofSeconds(45);
    private static final Duration QUARTZ_FAILED_AFTER = Duration.ofMillis(7500);

    private PostgresTestSchema schema;
    private final Deque<Replica> replicas = new ArrayDeque<>();

    @BeforeEach
    void createSchema() {
        schema = PostgresTestSchema.createOrSkip();
    }

    @AfterEach
    void stopReplicas() throws SQLException {
        while (!replicas.isEmpty()) {
            replicas.pop().close();
        }
        schema.close();
    }

    @Test
    void everyFireRunsOnExactlyOneReplicaAndBothReplicasTakePart() throws Exception {
        // given
        FakeAws aws = new FakeAws(6);
        Instant scheduledFrom = Instant.now();
        Replica a = replica("replica-a", aws, aws.targets()).start();
        Replica b = replica("replica-b", aws, aws.targets()).start();

        // when
        awaitUntil("every target was polled 4 times and both replicas polled", () ->
                aws.targets().stream().allMatch(t -> aws.pollsOf(t) >= 4)
                        && aws.pollsBy(a.name) > 0 && aws.pollsBy(b.name) > 0);
        a.close();
        b.close();
        Duration scheduledFor = Duration.between(scheduledFrom, Instant.now());

        // then
        assertThat(aws.maxRunningOfOneTarget()).as("polls of one target running at once").isEqualTo(1);
        assertThat(a.lags.size() + b.lags.size()).as("scheduled polls whose lag was reported").isPositive();
        assertThat(aws.pollsBy(a.name)).isPositive();
        assertThat(aws.pollsBy(b.name)).isPositive();
        // Quartz never fires early, so more polls than the schedule holds (the first poll at start, then one per
        // interval) would mean a fire ran twice
        long scheduledFires = 1 + scheduledFor.toMillis() / SETTINGS.interval().toMillis() + 1;
        for (PollTarget target : aws.targets()) {
            assertThat(aws.pollsOf(target)).as("polls of %s in %s", target, scheduledFor)
                    .isLessThanOrEqualTo(scheduledFires);
        }
    }

    @Test
    void aDeadReplicasPollsMoveToTheOtherAndATransitionDuringFailoverIsReportedOnce() throws Exception {
        // given both replicas polling, and replica A dying in the middle of a poll
        FakeAws aws = new FakeAws(4);
        Replica a = replica("replica-a", aws, aws.targets()).start();
        Replica b = replica("replica-b", aws, aws.targets()).start();
        awaitUntil("every target was polled", () -> aws.targets().stream().allMatch(t -> aws.pollsOf(t) >= 1));
        aws.hold().arm(a.name);
        PollTarget held = aws.hold().awaitHeld(DEADLINE);
        assertThat(held).as("replica A started a poll").isNotNull();

        // when A dies while its poll of the held target is running, and that integration fails meanwhile
        a.kill();
        Instant killedAt = Instant.now();
        aws.hold().release();
        aws.setStatus(held, ResourceStatus.FAILED);

        // then B polls every target, the held one too once Quartz has declared A dead
        awaitUntil("replica B polled every target twice since A died", () ->
                aws.targets().stream().allMatch(t -> aws.pollsOfSince(t, b.name, killedAt) >= 2));
        Instant heldResumedAt = aws.polls().stream()
                .filter(p -> p.target().equals(held) && p.replica().equals(b.name) && !p.at().isBefore(killedAt))
                .map(FakeAws.Poll::at).findFirst().orElseThrow();
        log.info("the held target resumed on replica B {} ms after replica A died",
                Duration.between(killedAt, heldResumedAt).toMillis());
        awaitUntil("the transition was stored", () -> statusChanges(b, held).size() >= 1);
        long pollsWhenStored = aws.pollsOf(held);
        awaitUntil("the held target was polled twice more", () -> aws.pollsOf(held) >= pollsWhenStored + 2);

        assertThat(statusChanges(b, held))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.fromStatus()).isEqualTo(ResourceStatus.ACTIVE.label());
                    assertThat(e.toStatus()).isEqualTo(ResourceStatus.FAILED.label());
                });
        assertThat(b.store.eventsSince(Instant.EPOCH, 1000))
                .filteredOn(e -> e.type() == EventType.DISCOVERED)
                .as("one DISCOVERED per target, whichever replica polled first")
                .hasSize(aws.targets().size());
        assertThat(aws.maxRunningOfOneTarget()).as("polls of one target running at once").isEqualTo(1);
        assertThat(Duration.between(killedAt, heldResumedAt))
                .as("failover within Quartz's bound (check-in + 7.5 s + a check-in period + an interval) and slack")
                .isLessThan(SETTINGS.checkinInterval().multipliedBy(2).plus(QUARTZ_FAILED_AFTER)
                        .plus(SETTINGS.interval()).plus(Duration.ofSeconds(10)));
    }

    @Test
    void aReplicaStartingKeepsTheClustersScheduleAndACleanShutdownReleasesItsTriggers() throws Exception {
        // given replica A registered the schedule
        FakeAws aws = new FakeAws(3);
        Replica a = replica("replica-a", aws, aws.targets()).start();
        Map<String, Long> startTimes = triggerStartTimes(a.database.dataSource());
        assertThat(startTimes).hasSize(3);

        // when B registers the same targets
        Replica b = replica("replica-b", aws, aws.targets()).start();

        // then the schedule is the same rows, untouched
        assertThat(triggerStartTimes(b.database.dataSource())).isEqualTo(startTimes);
        assertThat(count(b.database.dataSource(), "SELECT count(*) FROM qrtz_job_details")).isEqualTo(3);

        // when both run a while and A shuts down cleanly
        awaitUntil("every target was polled twice", () -> aws.targets().stream().allMatch(t -> aws.pollsOf(t) >= 2));
        replicas.remove(a);
        a.close();

        // then nothing stays acquired or running in A's name, and B polls everything on
        assertThat(count(b.database.dataSource(),
                "SELECT count(*) FROM qrtz_fired_triggers WHERE instance_name = 'replica-a'")).isZero();
        Instant closedAt = Instant.now();
        awaitUntil("replica B polled every target since A stopped", () ->
                aws.targets().stream().allMatch(t -> aws.pollsOfSince(t, b.name, closedAt) >= 1));
        // without a short idle wait, B could sleep Quartz's default 30 s before it looks for the released triggers
        assertThat(Duration.between(closedAt, Instant.now())).isLessThan(Duration.ofSeconds(8));

        // when a replica with another configuration starts: a longer interval and one target less
        PollTarget dropped = aws.targets().get(2);
        Replica c = replica("replica-c", aws, aws.targets().subList(0, 2),
                new Replica.ClusterSettings(Duration.ofSeconds(2), SETTINGS.checkinInterval())).start();

        // then its schedule replaces the cluster's
        assertThat(triggerIntervals(c.database.dataSource()))
                .containsOnlyKeys(aws.targets().get(0).key(), aws.targets().get(1).key())
                .containsValues(2000L);
        // on the new plan's phases: the two targets half of the 2 s interval apart, counted from the epoch
        Map<String, Long> phases = new HashMap<>();
        triggerStartTimes(c.database.dataSource()).forEach((name, start) -> phases.put(name, Math.floorMod(start, 2000L)));
        assertThat(phases).containsExactlyInAnyOrderEntriesOf(
                Map.of(aws.targets().get(0).key(), 0L, aws.targets().get(1).key(), 1000L));
        assertThat(count(c.database.dataSource(), "SELECT count(*) FROM qrtz_job_details WHERE job_name = '"
                + dropped.key() + "'")).isZero();
        assertThat(count(c.database.dataSource(),
                "SELECT count(*) FROM qrtz_triggers WHERE trigger_state = 'ERROR'")).isZero();
    }

    private Replica replica(String name, FakeAws aws, List<PollTarget> targets) {
        return replica(name, aws, targets, SETTINGS);
    }

    private Replica replica(String name, FakeAws aws, List<PollTarget> targets, Replica.ClusterSettings settings) {
        Replica replica = new Replica(name, schema, settings, aws, targets);
        replicas.push(replica);
        return replica;
    }

    private static List<ResourceEvent> statusChanges(Replica replica, PollTarget target) {
        return replica.store.eventsSince(Instant.EPOCH, 1000).stream()
                .filter(e -> e.types().contains(EventType.STATUS_CHANGED)
                        && e.resource().arn().equals(FakeAws.arnOf(target)))
                .toList();
    }

    /** The repeating triggers only: the one-shot first polls share their names. */
    private static Map<String, Long> triggerStartTimes(DataSource ds) throws SQLException {
        return longsByTrigger(ds, "SELECT trigger_name, start_time FROM qrtz_triggers WHERE trigger_group = 'poll'");
    }

    private static Map<String, Long> triggerIntervals(DataSource ds) throws SQLException {
        return longsByTrigger(ds, "SELECT trigger_name, repeat_interval FROM qrtz_simple_triggers WHERE trigger_group = 'poll'");
    }

    private static Map<String, Long> longsByTrigger(DataSource ds, String sql) throws SQLException {
        Map<String, Long> values = new HashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getLong(2));
            }
        }
        return values;
    }

    private static long count(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void awaitUntil(String what, BooleanSupplier condition) {
        await(what).atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
    }
}
