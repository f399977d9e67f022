package io.integrationmonitor.alert;

import io.integrationmonitor.testing.MutableClock;
import io.integrationmonitor.alert.evaluate.Json;
import io.integrationmonitor.alert.outbox.Delivery;
import io.integrationmonitor.alert.outbox.Outbox;
import io.integrationmonitor.alert.outbox.OutboxDispatcher;
import io.integrationmonitor.alert.outbox.OutboxEntry;
import io.integrationmonitor.alert.receiver.HttpDelivery;
import io.integrationmonitor.alert.receiver.Receivers;
import io.integrationmonitor.config.AlertingConfig;
import io.integrationmonitor.config.StuckConfig;
import io.integrationmonitor.detect.Detection;
import io.integrationmonitor.detect.Detector;
import io.integrationmonitor.detect.EventBus;
import io.integrationmonitor.detect.PollCompleted;
import io.integrationmonitor.pipeline.PollRunner;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.Poller;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.Source;
import io.integrationmonitor.poll.Snapshot;
import io.integrationmonitor.state.Database;
import io.integrationmonitor.state.Jdbc;
import io.integrationmonitor.state.JdbcStateStore;
import io.integrationmonitor.state.StateStoreException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static io.integrationmonitor.alert.Polls.glue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas, each with its own connection pool on one database, sharing the alert state and outbox (and,
 * for one integration two listings report, the hand-over of its alert between them).
 * Subclasses provide the database (PostgreSQL, H2).
 */
abstract class ClusteredDeliveryContract {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    /** A new pool on the shared database, migrated. */
    abstract Database openReplicaDatabase();

    /** Runs after every pool is closed. */
    void dropDatabase() throws Exception {
    }

    private final List<AutoCloseable> open = new ArrayList<>();
    private ConcurrentSlack slack;
    private String yaml;

    @BeforeEach
    void startSlack() throws Exception {
        slack = new ConcurrentSlack();
        yaml = """
                alerting:
                  resend_delay: 20ms
                  receivers:
                    - name: oncall
                      slack: {webhook_url: "%s"}
                    - name: team
                      slack: {webhook_url: "%s"}
                """.formatted(slack.uri("/oncall"), slack.uri("/team"));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        slack.close();
        dropDatabase();
    }

    private <T extends AutoCloseable> T track(T resource) {
        open.add(resource);
        return resource;
    }

    private final class Replica {
        final String id;
        final Database database;
        final Alerting alerting;
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();

        Replica(String id, Clock clock, Duration lease) {
            this.id = id;
            AlertingConfig config = AlertingHarness.config(yaml);
            this.database = track(openReplicaDatabase());
            this.alerting = track(Alerting.create(config, database,
                    Receivers.create(config, region -> null, HttpDelivery.defaultClient(), clock), registry, clock, id,
                    lease));
        }

        Outbox outbox() {
            return new Outbox(new Jdbc(database.dataSource()), Json.newMapper());
        }

        /**
         * Commits the poll, then evaluates it, as the poll runner does; false when the evaluation rolled back
         * (its alert was taken over meanwhile, or the database broke a deadlock): the next poll catches up.
         */
        boolean commitAndEvaluate(PollCompleted poll) {
            new JdbcStateStore(database).applyPoll(poll.target(),
                    known -> new Detection.Result(poll.current(), poll.events()));
            try {
                alerting.engine().onPollCompleted(poll);
                return true;
            } catch (StateStoreException e) {
                return false;
            }
        }

        double counter(String receiver, String outcome) {
            return registry.counter("integration.monitor.notifications", "receiver", receiver, "outcome", outcome).count();
        }
    }

    /** Eight polls, one change each: a fails, b fails, a recovers, c needs attention, b recovers, a fails, c and a recover. */
    private static List<List<ObservedResource>> eightPolls() {
        return List.of(
                List.of(glue("a", "FAILED"), glue("b", "ACTIVE"), glue("c", "ACTIVE")),
                List.of(glue("a", "FAILED"), glue("b", "FAILED"), glue("c", "ACTIVE")),
                List.of(glue("a", "ACTIVE"), glue("b", "FAILED"), glue("c", "ACTIVE")),
                List.of(glue("a", "ACTIVE"), glue("b", "FAILED"), glue("c", "NEEDS_ATTENTION")),
                List.of(glue("a", "ACTIVE"), glue("b", "ACTIVE"), glue("c", "NEEDS_ATTENTION")),
                List.of(glue("a", "FAILED"), glue("b", "ACTIVE"), glue("c", "NEEDS_ATTENTION")),
                List.of(glue("a", "FAILED"), glue("b", "ACTIVE"), glue("c", "ACTIVE")),
                List.of(glue("a", "ACTIVE"), glue("b", "ACTIVE"), glue("c", "ACTIVE")));
    }

    private static final Map<String, List<String>> EIGHT_POLLS_STATES = Map.of(
            "a", List.of("FIRING", "RESOLVED", "FIRING", "RESOLVED"),
            "b", List.of("FIRING", "RESOLVED"),
            "c", List.of("FIRING", "RESOLVED"));

    private static Map<String, List<String>> statesByResource(List<ConcurrentSlack.Received> delivered) {
        Map<String, List<String>> states = new LinkedHashMap<>();
        for (ConcurrentSlack.Received r : delivered) {
            List<String> rs = r.resourceAndState();
            states.computeIfAbsent(rs.get(0), k -> new ArrayList<>()).add(rs.get(1));
        }
        return states;
    }

    private static void awaitUntil(String what, BooleanSupplier condition) {
        await(what).atMost(DEADLINE).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
    }

    @Test
    void exactlyOnceDeliveryWithTwoReplicasRacingOnTheSamePollResults() throws Exception {
        // given two started replicas and a Slack that fails every fourth request and answers every third slowly
        slack.answer(n -> n % 4 == 1 ? new ConcurrentSlack.Answer(500, Duration.ZERO)
                : n % 3 == 0 ? new ConcurrentSlack.Answer(200, Duration.ofMillis(40)) : ConcurrentSlack.Answer.ok());
        Clock clock = Clock.systemUTC();
        Replica a = new Replica("replica-a", clock, OutboxDispatcher.DEFAULT_LEASE);
        Replica b = new Replica("replica-b", clock, OutboxDispatcher.DEFAULT_LEASE);
        a.alerting.start();
        b.alerting.start();

        // when both replicas evaluate every poll result at the same moment
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Instant at = clock.instant();
            for (List<ObservedResource> resources : eightPolls()) {
                at = at.plusSeconds(1);
                PollCompleted poll = Polls.completed(at, resources);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> both = new ArrayList<>();
                for (Replica r : List.of(a, b)) {
                    both.add(pool.submit(() -> {
                        go.await();
                        r.alerting.engine().onPollCompleted(poll);
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : both) {
                    f.get(30, TimeUnit.SECONDS);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        // (a row is marked delivered just before the delivery is counted)
        awaitUntil("both queues are delivered", () -> a.outbox().pendingCount("oncall") == 0
                && a.outbox().pendingCount("team") == 0
                && a.counter("oncall", "delivered") + b.counter("oncall", "delivered") >= 8
                && a.counter("team", "delivered") + b.counter("team", "delivered") >= 8);

        // then each receiver got every notification exactly once, in order per alert, one send at a time
        for (String receiver : List.of("oncall", "team")) {
            List<OutboxEntry> rows = a.outbox().entries(receiver);
            assertThat(rows).hasSize(8).allSatisfy(e -> assertThat(e.delivery()).isEqualTo(Delivery.DELIVERED));
            List<ConcurrentSlack.Received> delivered = slack.accepted("/" + receiver);
            assertThat(delivered.stream().map(ConcurrentSlack.Received::key).toList())
                    .as("keys delivered to " + receiver)
                    .doesNotHaveDuplicates()
                    .containsExactlyElementsOf(rows.stream().map(e -> e.notification().idempotencyKey()).toList());
            assertThat(statesByResource(delivered)).isEqualTo(EIGHT_POLLS_STATES);
            assertThat(slack.maxInFlight("/" + receiver)).as("concurrent sends to " + receiver).isEqualTo(1);
            assertThat(a.counter(receiver, "delivered") + b.counter(receiver, "delivered")).isEqualTo(8);
            assertThat(a.counter(receiver, "enqueued") + b.counter(receiver, "enqueued")).isEqualTo(8);
            assertThat(a.counter(receiver, "redelivered") + b.counter(receiver, "redelivered")).isZero();
        }
        assertThat(slack.rejected()).as("500s answered (and retried)").isPositive();
    }

    @Test
    void aReplicaKilledMidSendIsTakenOverAfterItsLeaseAndOnlyTheInFlightNotificationRepeats() throws Exception {
        // given two replicas on one clock, and a Slack that never answers the first request
        MutableClock clock = new MutableClock(AlertingHarness.T0);
        Duration lease = Duration.ofSeconds(30);
        Replica a = new Replica("replica-a", clock, lease);
        Replica b = new Replica("replica-b", clock, lease);
        slack.answer(n -> n == 0 ? ConcurrentSlack.Answer.hang() : ConcurrentSlack.Answer.ok());
        for (List<ObservedResource> resources : eightPolls().subList(0, 5)) {
            clock.advance(Duration.ofSeconds(1));
            a.alerting.engine().onPollCompleted(Polls.completed(clock.instant(), resources));
        }

        // when replica a sends the first notification to oncall and dies while Slack has it
        AtomicReference<Throwable> deadReplica = new AtomicReference<>();
        Thread sending = new Thread(() -> {
            try {
                a.alerting.dispatcher().runReceiver("oncall");
            } catch (Throwable t) {
                deadReplica.set(t);
            }
        }, "replica-a-oncall");
        sending.start();
        assertThat(slack.awaitHung(Duration.ofSeconds(30))).isTrue();
        a.database.close();

        // then replica b leaves oncall alone while a's lease holds, but delivers the other receiver
        b.alerting.dispatcher().runOnce();
        assertThat(slack.accepted("/oncall")).hasSize(1);
        assertThat(slack.accepted("/team")).hasSize(5);

        // and once the lease expired, b takes the queue over and sends the in-flight notification once more
        clock.advance(lease.plusSeconds(1));
        b.alerting.dispatcher().drain();
        List<ConcurrentSlack.Received> oncall = slack.accepted("/oncall");
        List<String> keys = oncall.stream().map(ConcurrentSlack.Received::key).toList();
        List<OutboxEntry> rows = b.outbox().entries("oncall");
        assertThat(rows).hasSize(5).allSatisfy(e -> assertThat(e.delivery()).isEqualTo(Delivery.DELIVERED));
        List<String> enqueued = rows.stream().map(e -> e.notification().idempotencyKey()).toList();
        assertThat(keys).hasSize(6).startsWith(enqueued.get(0), enqueued.get(0));
        assertThat(keys.subList(1, 6)).containsExactlyElementsOf(enqueued);
        assertThat(b.counter("oncall", "redelivered")).isEqualTo(1);
        assertThat(rows.get(0).attempts()).isEqualTo(2);

        // and the dead replica's late answer changes nothing
        slack.releaseHung();
        sending.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(sending.isAlive()).isFalse();
        assertThat(deadReplica.get()).as("a's late finish fails on its closed pool").isNotNull();
        assertThat(b.outbox().entries("oncall")).allSatisfy(e -> assertThat(e.delivery()).isEqualTo(Delivery.DELIVERED));
    }

    @Test
    void aReplicaThatOutlivesItsLeaseCannotMarkWhatAnotherReplicaTookOver() throws Exception {
        // given replica a is sending the first notification and stalls beyond its lease
        MutableClock clock = new MutableClock(AlertingHarness.T0);
        Duration lease = Duration.ofSeconds(30);
        Replica a = new Replica("replica-a", clock, lease);
        Replica b = new Replica("replica-b", clock, lease);
        slack.answer(n -> n == 0 ? ConcurrentSlack.Answer.hang() : ConcurrentSlack.Answer.ok());
        clock.advance(Duration.ofSeconds(1));
        a.alerting.engine().onPollCompleted(Polls.completed(clock.instant(), List.of(glue("a", "FAILED"))));
        ExecutorService replicaA = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> stalled = replicaA.submit(() -> a.alerting.dispatcher().runReceiver("oncall").done());
            assertThat(slack.awaitHung(Duration.ofSeconds(30))).isTrue();

            // when b takes over after the lease and delivers it, and then a's send finally returns
            clock.advance(lease.plusSeconds(1));
            assertThat(b.alerting.dispatcher().runReceiver("oncall").done()).isEqualTo(1);
            slack.releaseHung();
            stalled.get(30, TimeUnit.SECONDS);
        } finally {
            replicaA.shutdownNow();
        }

        // then the row is delivered once in the table, sent twice (at most once more), and the queue goes on
        assertThat(b.outbox().entries("oncall")).singleElement()
                .satisfies(e -> assertThat(e.delivery()).isEqualTo(Delivery.DELIVERED));
        assertThat(slack.accepted("/oncall")).hasSize(2);
        clock.advance(Duration.ofSeconds(1));
        a.alerting.engine().onPollCompleted(Polls.completed(clock.instant(), List.of(glue("a", "ACTIVE"))));
        assertThat(a.alerting.dispatcher().runReceiver("oncall").done()).isEqualTo(1);
        assertThat(slack.accepted("/oncall")).hasSize(3).last()
                .satisfies(r -> assertThat(r.resourceAndState()).containsExactly("a", "RESOLVED"));
    }

    @Test
    void aLeaseItsHolderKeepsRenewingIsNeverTakenOverAndOneItStopsRenewingIsTakenOverAfterOneLease() throws Exception {
        // given replica a sending the first notification to a Slack that holds it
        MutableClock clock = new MutableClock(AlertingHarness.T0);
        Duration lease = Duration.ofSeconds(15);
        Duration renewEvery = Duration.ofSeconds(5);
        Replica a = new Replica("replica-a", clock, lease);
        Replica b = new Replica("replica-b", clock, lease);
        slack.answer(n -> n == 0 ? ConcurrentSlack.Answer.hang() : ConcurrentSlack.Answer.ok());
        clock.advance(Duration.ofSeconds(1));
        a.alerting.engine().onPollCompleted(Polls.completed(clock.instant(), List.of(glue("a", "FAILED"))));
        ExecutorService replicaA = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> sending = replicaA.submit(() -> a.alerting.dispatcher().runReceiver("oncall").done());
            assertThat(slack.awaitHung(Duration.ofSeconds(30))).isTrue();

            // when a renews every 5 s for four leases' time, b trying after every renewal
            for (int i = 0; i < 12; i++) {
                clock.advance(renewEvery);
                assertThat(a.alerting.dispatcher().renewLeases()).as("renewal %d", i).isEqualTo(1);
                assertThat(b.alerting.dispatcher().runReceiver("oncall").done()).as("b's take %d", i).isZero();
            }

            // then b never took the queue over
            assertThat(slack.accepted("/oncall")).hasSize(1);

            // and when a stops renewing, b still waits until one lease after the last renewal, then takes over
            clock.advance(lease.minusSeconds(1));
            assertThat(b.alerting.dispatcher().runReceiver("oncall").done()).isZero();
            clock.advance(Duration.ofSeconds(1));
            assertThat(b.alerting.dispatcher().runReceiver("oncall").done()).isEqualTo(1);
            assertThat(slack.accepted("/oncall")).hasSize(2);
            assertThat(b.counter("oncall", "redelivered")).isEqualTo(1);

            // and a, back too late, can neither renew nor finish what b took over
            assertThat(a.alerting.dispatcher().renewLeases()).isZero();
            slack.releaseHung();
            assertThat(sending.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        } finally {
            replicaA.shutdownNow();
        }
        assertThat(b.outbox().entries("oncall")).singleElement().satisfies(e -> {
            assertThat(e.delivery()).isEqualTo(Delivery.DELIVERED);
            assertThat(e.attempts()).isEqualTo(2);
        });
    }

    @Test
    void aCleanStopFinishesTheSendInFlightAndHandsTheRestOverAtOnce() throws Exception {
        // given replica a started and sending the first of two notifications to a Slack that holds it
        Clock clock = Clock.systemUTC();
        Replica a = new Replica("replica-a", clock, OutboxDispatcher.DEFAULT_LEASE);
        Replica b = new Replica("replica-b", clock, OutboxDispatcher.DEFAULT_LEASE);
        slack.answer(n -> n == 0 ? ConcurrentSlack.Answer.hang() : ConcurrentSlack.Answer.ok());
        a.alerting.engine().onPollCompleted(Polls.completed(clock.instant(), List.of(glue("a", "FAILED"))));
        a.alerting.engine().onPollCompleted(Polls.completed(clock.instant().plusSeconds(1), List.of(glue("a", "ACTIVE"))));
        a.alerting.start();
        assertThat(slack.awaitHung(Duration.ofSeconds(30))).isTrue();
        String held = slack.received().get(0).path();
        String receiver = held.substring(1);
        b.alerting.start();

        // when a stops cleanly with a grace period, and Slack answers while a waits
        ExecutorService stopper = Executors.newSingleThreadExecutor();
        try {
            Future<?> stopped = stopper.submit(() -> a.alerting.close(Duration.ofSeconds(60)));
            await("a waits for its send").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10))
                    .until(() -> !stopped.isDone());
            slack.releaseHung();
            stopped.get(30, TimeUnit.SECONDS);
        } finally {
            stopper.shutdownNow();
        }
        // (a row is marked delivered just before the delivery is counted)
        awaitUntil("b delivered the rest", () -> b.outbox().pendingCount(receiver) == 0
                && b.counter(receiver, "delivered") >= 1);

        // then each notification went out once: the one in flight by a, the next by b
        List<OutboxEntry> rows = b.outbox().entries(receiver);
        assertThat(rows).hasSize(2).allSatisfy(e -> {
            assertThat(e.delivery()).isEqualTo(Delivery.DELIVERED);
            assertThat(e.attempts()).isEqualTo(1);
        });
        assertThat(slack.accepted(held).stream().map(ConcurrentSlack.Received::key).toList())
                .containsExactlyElementsOf(rows.stream().map(e -> e.notification().idempotencyKey()).toList());
        assertThat(a.counter(receiver, "delivered")).isEqualTo(1);
        assertThat(b.counter(receiver, "delivered")).isEqualTo(1);
    }

    @Test
    void aReplicaDyingBetweenThePollCommitAndTheEnqueueIsHealedByTheNextPollOnAnyReplicaExactlyOnce() {
        // given a poller whose target has a FAILED integration
        MutableClock clock = new MutableClock(AlertingHarness.T0);
        List<ObservedResource> observed = List.of(glue("orders-zetl", "FAILED"), glue("other", "ACTIVE"));
        Poller poller = new Poller() {
            @Override
            public io.integrationmonitor.poll.PollTarget target() {
                return Polls.TARGET;
            }

            @Override
            public Snapshot poll() {
                clock.advance(Duration.ofSeconds(1));
                return new Snapshot(Polls.TARGET, clock.instant(), observed, 1);
            }
        };
        Detector detector = new Detector(StuckConfig.defaults());

        // when replica a commits the poll (the FAILED transition is stored) and dies before alerting ran
        Replica a = new Replica("replica-a", clock, OutboxDispatcher.DEFAULT_LEASE);
        JdbcStateStore storeA = track(new JdbcStateStore(a.database));
        PollRunner.Outcome first = new PollRunner(poller, storeA, detector, new EventBus(), clock).runOnce();
        assertThat(first.completed().events()).extracting(e -> e.type().name()).contains("ENTERED_FAILED");

        // and the next poll of the target runs on replica b
        Replica b = new Replica("replica-b", clock, OutboxDispatcher.DEFAULT_LEASE);
        EventBus busB = new EventBus();
        busB.subscribe(b.alerting.engine());
        PollRunner.Outcome second = new PollRunner(poller, track(new JdbcStateStore(b.database)), detector, busB, clock)
                .runOnce();
        assertThat(second.completed().events()).as("no transition left to detect").isEmpty();

        // and later polls run on both replicas again
        EventBus busA = new EventBus();
        busA.subscribe(a.alerting.engine());
        new PollRunner(poller, storeA, detector, busA, clock).runOnce();
        new PollRunner(poller, track(new JdbcStateStore(b.database)), detector, busB, clock).runOnce();

        // then the alert fired, exactly once
        List<OutboxEntry> rows = b.outbox().entries("oncall");
        assertThat(rows).singleElement().satisfies(e -> {
            assertThat(e.notification().title()).isEqualTo("[FIRING] orders-zetl FAILED");
            assertThat(e.notification().reminder()).isFalse();
        });
        assertThat(b.outbox().entries("team")).hasSize(1);
        assertThat(a.alerting.engine().alerts()).singleElement().satisfies(v -> assertThat(v.firing()).isTrue());
    }

    @Test
    void aLateOlderPollCannotRollTheAlertsBack() {
        // given replica b already evaluated a newer poll where the integration recovered
        MutableClock clock = new MutableClock(AlertingHarness.T0);
        Replica a = new Replica("replica-a", clock, OutboxDispatcher.DEFAULT_LEASE);
        Replica b = new Replica("replica-b", clock, OutboxDispatcher.DEFAULT_LEASE);
        Instant older = clock.instant().plusSeconds(1);
        Instant newer = clock.instant().plusSeconds(2);
        b.alerting.engine().onPollCompleted(Polls.completed(newer, List.of(glue("a", "ACTIVE"))));

        // when replica a evaluates the older poll (integration FAILED) only now
        a.alerting.engine().onPollCompleted(Polls.completed(older, List.of(glue("a", "FAILED"))));

        // then nothing fires
        assertThat(a.outbox().entries("oncall")).isEmpty();
        assertThat(a.alerting.engine().alerts()).isEmpty();
    }

    @Test
    void deliveredNotificationsArePrunedAfterAWeekAndDeadLettersAfterAMonth() {
        // given one delivered and one dead notification
        MutableClock clock = new MutableClock(AlertingHarness.T0);
        slack.answer(n -> n == 0 ? ConcurrentSlack.Answer.ok() : new ConcurrentSlack.Answer(500, Duration.ZERO));
        Replica a = new Replica("replica-a", clock, OutboxDispatcher.DEFAULT_LEASE);
        clock.advance(Duration.ofSeconds(1));
        a.alerting.engine().onPollCompleted(Polls.completed(clock.instant(), List.of(glue("a", "FAILED"))));
        a.alerting.dispatcher().runReceiver("oncall");
        clock.advance(Duration.ofSeconds(1));
        a.alerting.engine().onPollCompleted(Polls.completed(clock.instant(), List.of(glue("a", "ACTIVE"))));
        clock.advance(Duration.ofHours(25));
        a.alerting.dispatcher().runReceiver("oncall");
        assertThat(a.outbox().entries("oncall")).extracting(OutboxEntry::delivery)
                .containsExactly(Delivery.DELIVERED, Delivery.DEAD);

        // when pruned within a week, after a week, and after a month
        int withinAWeek = a.alerting.dispatcher().pruneOutbox();
        clock.advance(Duration.ofDays(7));
        int afterAWeek = a.alerting.dispatcher().pruneOutbox();
        List<Delivery> left = a.outbox().entries("oncall").stream().map(OutboxEntry::delivery).toList();
        clock.advance(Duration.ofDays(23).plusSeconds(1));
        int afterAMonth = a.alerting.dispatcher().pruneOutbox();

        // then the delivered row goes after 7 days, the dead letter after 30, pending rows (team's) never
        assertThat(withinAWeek).isZero();
        assertThat(afterAWeek).isEqualTo(1);
        assertThat(left).containsExactly(Delivery.DEAD);
        assertThat(afterAMonth).isEqualTo(1);
        assertThat(a.outbox().entries("oncall")).isEmpty();
        assertThat(a.outbox().entries("team")).hasSize(2)
                .allSatisfy(e -> assertThat(e.delivery()).isEqualTo(Delivery.PENDING));
    }

    @Test
    void handOversOfOneIntegrationRacingOnTwoReplicasNeverNotifyTwice() throws Exception {
        // given two replicas (not sending), and an integration FAILED in its inbound listing throughout
        Clock clock = Clock.systemUTC();
        Replica a = new Replica("replica-a", clock, OutboxDispatcher.DEFAULT_LEASE);
        Replica b = new Replica("replica-b", clock, OutboxDispatcher.DEFAULT_LEASE);
        PollTarget inboundTarget = new PollTarget(Source.GLUE_INBOUND_INTEGRATIONS, Polls.ACCOUNT, Polls.REGION);
        ObservedResource failed = glue("orders", "FAILED");
        ObservedResource inbound = new ObservedResource(ResourceKind.GLUE_INBOUND_INTEGRATION, failed.arn(),
                failed.name(), failed.accountId(), failed.region(), failed.status(), failed.errors(),
                failed.attributes(), failed.tags(), null);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int rolledBack = 0;
        Instant at = clock.instant();
        try {
            // when the primary listing lists it every other round, both listings polled at the same moment
            for (int round = 0; round < 30; round++) {
                at = at.plusSeconds(1);
                PollCompleted primary = Polls.completed(at, round % 2 == 0 ? List.of(failed) : List.of());
                PollCompleted secondary = Polls.completed(inboundTarget, at, List.of(inbound));
                Replica first = round % 3 == 0 ? a : b;
                Replica second = first == a ? b : a;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> both = List.of(
                        pool.submit(() -> {
                            go.await();
                            return first.commitAndEvaluate(primary);
                        }),
                        pool.submit(() -> {
                            go.await();
                            return second.commitAndEvaluate(secondary);
                        }));
                go.countDown();
                for (Future<Boolean> f : both) {
                    rolledBack += f.get(30, TimeUnit.SECONDS) ? 0 : 1;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        // and one last round one after the other (catches up whatever rolled back)
        at = at.plusSeconds(1);
        assertThat(a.commitAndEvaluate(Polls.completed(at, List.of(failed)))).isTrue();
        assertThat(b.commitAndEvaluate(Polls.completed(inboundTarget, at, List.of(inbound)))).isTrue();

        // then it fired once, never resolved, and is one alert, held by its primary listing
        for (String receiver : List.of("oncall", "team")) {
            assertThat(a.outbox().entries(receiver)).extracting(e -> e.notification().title())
                    .as("notifications to %s (%d evaluations rolled back)", receiver, rolledBack)
                    .containsExactly("[FIRING] orders FAILED");
        }
        assertThat(a.alerting.engine().alerts()).singleElement().satisfies(v -> {
            assertThat(v.firing()).isTrue();
            assertThat(v.alert().targetKey()).isEqualTo(Polls.TARGET.key());
        });
    }
}
