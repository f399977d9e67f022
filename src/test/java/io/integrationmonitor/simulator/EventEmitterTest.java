package io.integrationmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The delivery knobs, through a recording sink: delay and jitter, duplicates, reordering, all from the seed. */
class EventEmitterTest {
    private static final Partition HOME = new Partition(Estate.DEFAULT_ACCOUNT, Estate.DEFAULT_REGION);
    private static final EventQueue QUEUE = new EventQueue(HOME, EventQueue.DEFAULT_NAME);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One message as the sink got it. */
    record Sent(EventQueue queue, String body, Duration delay) {
        String eventId() {
            try {
                return JSON.readTree(body).get("id").asText();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        String integrationArn() {
            try {
                return JSON.readTree(body).get("resources").get(0).asText();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    static final class Recorder implements EventEmitter.Sink {
        final List<EventQueue> created = new CopyOnWriteArrayList<>();
        final List<Sent> sent = new CopyOnWriteArrayList<>();

        @Override
        public void createQueue(EventQueue queue) {
            created.add(queue);
        }

        @Override
        public void send(EventQueue queue, String body, Duration delay) {
            sent.add(new Sent(queue, body, delay));
        }
    }

    private final List<EventEmitter> emitters = new ArrayList<>();

    @AfterEach
    void closeEmitters() {
        emitters.forEach(EventEmitter::close);
    }

    private EventEmitter emitter(Recorder recorder) {
        EventEmitter emitter = new EventEmitter(recorder,
                Clock.fixed(Instant.parse("2026-12-02T07:30:01.750Z"), ZoneOffset.UTC));
        emitters.add(emitter);
        return emitter;
    }

    /** {@code n} Glue integrations, each made to fail once: n events. */
    private static List<String> failEach(Estate estate, EventEmitter emitter, int n) {
        estate.populate(HOME, new EstateSpec(n, 0, 0, 0, 0));
        estate.addListener(emitter);
        List<String> arns = estate.integrations(HOME).stream().map(SimIntegration::arn).toList();
        arns.forEach(arn -> estate.setIntegrationStatus(arn, "FAILED", List.of()));
        return arns;
    }

    @Test
    void sendsNothingUntilConfigured() {
        // given an emitter listening to an estate, never configured
        Recorder recorder = new Recorder();
        Estate estate = new Estate();

        // when integrations fail
        failEach(estate, emitter(recorder), 3);

        // then nothing is sent and no queue is created
        assertThat(recorder.sent).isEmpty();
        assertThat(recorder.created).isEmpty();
    }

    @Test
    void immediateDeliverySendsEachEventOnceAtOnceInOrderWithTheChangesTimeInWholeSeconds() {
        Recorder recorder = new Recorder();
        EventEmitter emitter = emitter(recorder);
        emitter.deliverTo(EventDelivery.immediate(QUEUE));

        List<String> arns = failEach(new Estate(), emitter, 4);

        assertThat(recorder.created).containsExactly(QUEUE);
        assertThat(recorder.sent).extracting(Sent::integrationArn).containsExactlyElementsOf(arns);
        assertThat(recorder.sent).allSatisfy(s -> {
            assertThat(s.delay()).isZero();
            assertThat(s.body()).contains("\"time\":\"2026-12-02T07:30:01Z\"");
        });
        assertThat(recorder.sent).extracting(Sent::eventId).doesNotHaveDuplicates();
    }

    @Test
    void delayIsTheFixedPartPlusASeededJitter() {
        // given two emitters with the same seed and one with another
        EventDelivery delivery = EventDelivery.immediate(QUEUE).withDelay(Duration.ofMillis(500), Duration.ofMillis(300))
                .withSeed(7);
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        Recorder other = new Recorder();
        emitter(a).deliverTo(delivery);
        emitter(b).deliverTo(delivery);
        emitter(other).deliverTo(delivery.withSeed(8));

        // when the same 30 changes happen to each
        failEach(new Estate(), emitters.get(0), 30);
        failEach(new Estate(), emitters.get(1), 30);
        failEach(new Estate(), emitters.get(2), 30);

        // then every delay is 500..800 ms, they vary, and the seed decides them
        List<Duration> delays = a.sent.stream().map(Sent::delay).toList();
        assertThat(delays).hasSize(30).allSatisfy(d -> assertThat(d).isBetween(Duration.ofMillis(500),
                Duration.ofMillis(800)));
        assertThat(delays.stream().distinct().count()).isGreaterThan(10);
        assertThat(b.sent.stream().map(Sent::delay).toList()).isEqualTo(delays);
        assertThat(other.sent.stream().map(Sent::delay).toList()).isNotEqualTo(delays);
    }

    @Test
    void duplicatesCarryTheSameBodyAndIdAtTheConfiguredRateFromTheSeed() {
        EventDelivery delivery = EventDelivery.immediate(QUEUE).withDuplicates(0.3).withSeed(11);
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        emitter(a).deliverTo(delivery);
        emitter(b).deliverTo(delivery);

        failEach(new Estate(), emitters.get(0), 200);
        failEach(new Estate(), emitters.get(1), 200);

        long copies = a.sent.size() - 200;
        assertThat(copies).isBetween(40L, 80L); // 30 % of 200, give or take
        // a duplicate follows its original, byte for byte (same id): what a consumer must dedup
        List<Integer> duplicatedAt = new ArrayList<>();
        for (int i = 1; i < a.sent.size(); i++) {
            if (a.sent.get(i).eventId().equals(a.sent.get(i - 1).eventId())) {
                assertThat(a.sent.get(i).body()).isEqualTo(a.sent.get(i - 1).body());
                duplicatedAt.add(i);
            }
        }
        assertThat(duplicatedAt).hasSize((int) copies);
        assertThat(a.sent.stream().map(Sent::eventId).distinct().count()).isEqualTo(200);
        // the same seed duplicates the same changes
        assertThat(b.sent.stream().map(Sent::integrationArn).toList())
                .isEqualTo(a.sent.stream().map(Sent::integrationArn).toList());
        assertThat(emitters.get(0).status()).containsEntry("events", 200L).containsEntry("duplicateMessages", copies);
    }

    @Test
    void reorderingHoldsAnEventBackAndSendsItAfterTheNextOne() {
        // given every event chosen to be held back
        Recorder recorder = new Recorder();
        EventEmitter emitter = emitter(recorder);
        emitter.deliverTo(EventDelivery.immediate(QUEUE).withReordering(1.0, Duration.ofMinutes(5)));

        // when four integrations fail, A B C D
        List<String> arns = failEach(new Estate(), emitter, 4);

        // then A is held until B is sent, C until D: B A D C
        assertThat(recorder.sent).extracting(Sent::integrationArn)
                .containsExactly(arns.get(1), arns.get(0), arns.get(3), arns.get(2));
    }

    @Test
    void seededReorderingSwapsSomeNeighboursAndLosesNothing() {
        EventDelivery delivery = EventDelivery.immediate(QUEUE).withReordering(0.25, Duration.ofMinutes(5)).withSeed(3);
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        emitter(a).deliverTo(delivery);
        emitter(b).deliverTo(delivery);

        List<String> arns = failEach(new Estate(), emitters.get(0), 100);
        failEach(new Estate(), emitters.get(1), 100);
        emitters.get(0).stop(); // sends the last one if it is still held back

        List<String> order = a.sent.stream().map(Sent::integrationArn).toList();
        assertThat(order).containsExactlyInAnyOrderElementsOf(arns).isNotEqualTo(arns);
        long swapped = 0;
        for (int i = 0; i < arns.size(); i++) {
            if (!order.get(i).equals(arns.get(i))) {
                swapped++;
            }
        }
        assertThat(swapped).isBetween(20L, 60L); // each swap moves two
        assertThat(b.sent.stream().map(Sent::integrationArn).toList()).isEqualTo(order.subList(0, b.sent.size()));
    }

    @Test
    void anEventHeldBackWithNoNextOneIsSentAfterTheHold() {
        Recorder recorder = new Recorder();
        EventEmitter emitter = emitter(recorder);
        emitter.deliverTo(EventDelivery.immediate(QUEUE).withReordering(1.0, Duration.ofMillis(200)));

        List<String> arns = failEach(new Estate(), emitter, 1);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(recorder.sent).extracting(Sent::integrationArn).containsExactly(arns.get(0)));
    }

    @Test
    void everyQueueGetsEveryEventAndStopEndsSending() {
        Recorder recorder = new Recorder();
        EventEmitter emitter = emitter(recorder);
        EventQueue second = new EventQueue(new Partition("111111111111", "eu-west-1"), "other-events");
        emitter.deliverTo(new EventDelivery(List.of(QUEUE, second), Duration.ZERO, Duration.ZERO, 0, 0,
                EventDelivery.DEFAULT_REORDER_HOLD, 0));
        Estate estate = new Estate();
        List<String> arns = failEach(estate, emitter, 2);

        emitter.stop();
        estate.setIntegrationStatus(arns.get(0), "NEEDS_ATTENTION", List.of());

        assertThat(recorder.created).containsExactly(QUEUE, second);
        assertThat(recorder.sent).extracting(Sent::queue).containsExactly(QUEUE, second, QUEUE, second);
    }

    @Test
    void theEstateTellsEveryKindOfChangeOnceAndNoChangeNever() {
        // given an estate with one of each zero-ETL kind, and a listener
        Estate estate = new Estate();
        estate.populate(HOME, new EstateSpec(1, 1, 0, 0, 0).withRdsIntegrations(1).withRedshift(1, 0));
        List<EstateChange> told = new CopyOnWriteArrayList<>();
        estate.addListener(told::add);
        String glue = estate.integrations(HOME).get(0).arn();
        String rds = estate.rdsIntegrations(HOME).get(0).arn();
        String redshift = estate.redshiftIntegrations(HOME).get(0).arn();

        // when each changes, one is set to the status it has, and a table fails
        estate.setGlueStatus(glue, "FAILED", List.of(new SimError("X", "y")));
        estate.setRdsStatus(rds, "needs_attention", List.of());
        estate.setRedshiftStatus(redshift, "active", List.of()); // already active: no transition
        estate.failTableIngestion(glue, "orders", "client_error", "boom");
        estate.remove(redshift);

        // then
        assertThat(told).hasSize(4);
        assertThat(told.get(0)).isEqualTo(new EstateChange.StatusChanged(glue, EstateChange.Owner.GLUE, "ACTIVE",
                "FAILED", List.of(new SimError("X", "y"))));
        assertThat(told.get(1)).isEqualTo(new EstateChange.StatusChanged(rds, EstateChange.Owner.RDS, "active",
                "needs_attention", List.of()));
        assertThat(told.get(2)).isInstanceOfSatisfying(EstateChange.TableIngestionChanged.class,
                t -> assertThat(t.ingestion().status()).isEqualTo(SimTableIngestion.Status.FAILED));
        assertThat(told.get(3)).isEqualTo(new EstateChange.Removed(redshift, EstateChange.Owner.REDSHIFT));
        assertThat(estate.tableIngestions(glue)).containsOnlyKeys("orders");
    }
}
