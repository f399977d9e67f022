package io.integrationmonitor.alert;

import io.integrationmonitor.testing.MutableClock;
import io.integrationmonitor.alert.evaluate.Alert;
import io.integrationmonitor.alert.evaluate.Evaluation;
import io.integrationmonitor.alert.evaluate.Json;
import io.integrationmonitor.alert.silence.Silence;
import io.integrationmonitor.alert.silence.SilenceStore;
import io.integrationmonitor.config.MatchConfig;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.PollCompleted;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;
import io.integrationmonitor.poll.Snapshot;
import io.integrationmonitor.poll.Source;
import io.integrationmonitor.state.Jdbc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.integrationmonitor.alert.Polls.glue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Evaluation holds no engine-wide lock: targets are evaluated concurrently (only a target's own database row
 * serialises its evaluations), and globs of any shape cost linear work on the poll thread.
 */
class UnlockedEvaluationTest {
    private static final PollTarget OTHER = new PollTarget(Source.GLUE_INTEGRATIONS, Polls.ACCOUNT, "eu-west-1");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(AlertingHarness.T0);

    @Test
    void aBlockedEvaluationOfOneTargetDoesNotHoldUpAnother() throws Exception {
        String yaml = """
                alerting:
                  receivers: [{name: rec, log: {}}]
                """;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (AlertingHarness h = new AlertingHarness(dir, clock, yaml, Map.of("rec", new RecordingReceiver("rec")))) {
            // given an alert firing for the first target
            Instant first = clock.instant();
            h.engine().onPollCompleted(Polls.completed(first, List.of(glue("orders-zetl", "FAILED"))));

            // when its next evaluation stops inside the alert transaction, waiting for the target's row lock
            // (held here as a replica evaluating the same target would)
            Future<?> blocked;
            try (Connection holder = h.database.dataSource().getConnection()) {
                holder.setAutoCommit(false);
                try (PreparedStatement lock = holder.prepareStatement(
                        "SELECT * FROM alert_target WHERE target_key = ? FOR UPDATE")) {
                    lock.setString(1, Polls.TARGET.key());
                    lock.executeQuery().close();
                }
                blocked = pool.submit(() -> h.engine().onPollCompleted(
                        Polls.completed(first.plusSeconds(60), List.of(glue("orders-zetl", "FAILED")))));
                await().atMost(Duration.ofSeconds(5)).until(() -> waitingForALock(h));

                // then another target's poll is evaluated meanwhile, on another thread, and fires
                Future<?> other = pool.submit(() -> h.engine().onPollCompleted(completed(OTHER,
                        first.plusSeconds(61), otherGlue("billing-zetl", "FAILED"))));
                other.get(5, TimeUnit.SECONDS);
                assertThat(blocked.isDone()).isFalse();
                assertThat(h.engine().alerts()).extracting(v -> v.alert().name(), AlertView::firing)
                        .contains(org.assertj.core.groups.Tuple.tuple("billing-zetl", true));
                holder.rollback();
            }

            // and the blocked one completes once released
            blocked.get(30, TimeUnit.SECONDS);
            assertThat(h.engine().alerts()).extracting(v -> v.alert().name())
                    .containsExactlyInAnyOrder("orders-zetl", "billing-zetl");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Whether some session of the embedded database waits for a lock another holds. */
    private static boolean waitingForALock(AlertingHarness h) throws SQLException {
        try (Connection c = h.database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT COUNT(*) FROM information_schema.sessions WHERE blocker_id IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    @Test
    void globsOfManyStarsInRoutesAndSilencesDoNotStallThePoll() {
        // given a route of 200 stars, a config silence and a run-time silence shaped *a*a*a...*b (a regex of
        // these backtracks for longer than anyone waits)
        String stars = "*".repeat(200);
        String backtracker = "*a".repeat(100) + "*b";
        String yaml = """
                alerting:
                  receivers: [{name: rec, log: {}}, {name: all, log: {}}]
                  default_receivers: [rec]
                  routes:
                    - match: {name: ["%s"]}
                      receivers: [all]
                  silences:
                    - matchers: {name: ["%s"]}
                      ends_at: 2030-01-01T00:00:00Z
                """.formatted(stars, backtracker);
        RecordingReceiver rec = new RecordingReceiver("rec");
        RecordingReceiver all = new RecordingReceiver("all");
        try (AlertingHarness h = new AlertingHarness(dir, clock, yaml, Map.of("rec", rec, "all", all))) {
            new SilenceStore(new Jdbc(h.database.dataSource()), Json.newMapper()).create(new Silence("s1",
                    new MatchConfig(null, null, null, null, null, List.of("?" + backtracker), null),
                    clock.instant(), clock.instant().plus(Duration.ofDays(1)), "", "", clock.instant()));
            String almost = "a".repeat(200);
            String silenced = "a".repeat(199) + "b";

            // when resources whose names almost match are polled (generous bound: a regex would never finish)
            assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
                h.engine().onPollCompleted(Polls.completed(clock.instant(),
                        List.of(glue(almost, "FAILED"), glue(silenced, "FAILED"))));
                h.dispatcher().drain();
            });

            // then the semantics hold: the star route took both, the silence only the name ending in b
            assertThat(rec.received()).isEmpty();
            assertThat(all.received()).singleElement().satisfies(n ->
                    assertThat(n.alerts()).extracting(Alert::name).containsExactly(almost));
            assertThat(h.engine().alerts()).filteredOn(AlertView::silenced).extracting(v -> v.alert().name())
                    .containsExactly(silenced);
        }
    }

    private static ObservedResource otherGlue(String name, String status) {
        String arn = "arn:aws:glue:" + OTHER.region() + ":" + OTHER.accountId() + ":integration:" + name;
        return new ObservedResource(ResourceKind.GLUE_INTEGRATION, arn, name, OTHER.accountId(), OTHER.region(),
                ResourceStatus.valueOf(status), List.of(), Map.of(), Map.of(), null);
    }

    private static PollCompleted completed(PollTarget target, Instant at, ObservedResource r) {
        KnownResource known = new KnownResource(r, at, at, false);
        return new PollCompleted(new Snapshot(target, at, List.of(r), 1), List.of(known), List.of(),
                Duration.ofMillis(20));
    }
}
