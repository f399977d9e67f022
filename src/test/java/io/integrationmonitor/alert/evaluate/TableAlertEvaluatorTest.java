package io.integrationmonitor.alert.evaluate;

import io.integrationmonitor.config.AlertingConfig;
import io.integrationmonitor.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class TableAlertEvaluatorTest {
    private static final AlertingConfig CONFIG = ConfigLoader.parse("""
            alerting:
              receivers: [{name: oncall, log: {}}, {name: quiet, log: {}}, {name: rds, log: {}}]
              firing_threshold: 3
              routes:
                - match: {condition: [table_ingestion_failed], kind: [rds_integration]}
                  receivers: [rds]
                - match: {condition: [table_ingestion_failed]}
                  receivers: [oncall, quiet]
            """, "test").alerting();
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final String ARN = "arn:aws:glue:eu-west-1:123456789012:integration:x";

    private final AtomicInteger ids = new AtomicInteger();
    private final TableAlertEvaluator evaluator = new TableAlertEvaluator(new RouteTable(CONFIG), Map.of(
            "oncall", new ReceiverPolicy(true, Duration.ofHours(4)),
            "quiet", new ReceiverPolicy(false, Duration.ofHours(4)),
            "rds", new ReceiverPolicy(true, Duration.ofHours(4))), () -> "n-" + ids.incrementAndGet());

    private static TableFailure failure(String kind, String code) {
        return new TableFailure(ARN, "orders", kind, "x", "123456789012", "eu-west-1", code, "message", T0);
    }

    @Test
    void aNewFailureFiresAtOnceToItsRouteWithoutAFiringThreshold() {
        Evaluation e = evaluator.failing(failure("glue_integration", "SchemaMismatch"), null, a -> false, T0);

        assertThat(e.notifications()).extracting(Notification::receiver).containsExactly("oncall", "quiet");
        assertThat(e.notifications()).allSatisfy(n -> {
            assertThat(n.state()).isEqualTo(NotificationState.FIRING);
            assertThat(n.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(n.alerts()).singleElement().satisfies(a -> {
                assertThat(a.key()).isEqualTo("table:" + ARN + "|orders|table_ingestion_failed");
                assertThat(a.resourceArn()).as("never the integration's alert").isEmpty();
                assertThat(a.table()).isEqualTo("orders");
                assertThat(a.errors()).containsExactly("SchemaMismatch: message");
            });
        });
        assertThat(e.saved()).singleElement().satisfies(s -> assertThat(s.firing()).isTrue());
    }

    @Test
    void theKindRoutesIt() {
        Evaluation e = evaluator.failing(failure("rds_integration", "X"), null, a -> false, T0);

        assertThat(e.notifications()).extracting(Notification::receiver).containsExactly("rds");
    }

    @Test
    void anUpdateIsNoSecondNotice() {
        AlertState first = evaluator.failing(failure("glue_integration", "A"), null, a -> false, T0).saved().get(0);

        Evaluation e = evaluator.failing(failure("glue_integration", "B"), first, a -> false, T0.plusSeconds(60));

        assertThat(e.notifications()).isEmpty();
        assertThat(e.saved()).singleElement().satisfies(s -> {
            assertThat(s.alert().errors()).containsExactly("B: message");
            assertThat(s.alert().startsAt()).isEqualTo(T0);
        });
    }

    @Test
    void aSilencedFailureIsTrackedNotSentAndSentWhenTheSilenceEnds() {
        Evaluation silenced = evaluator.failing(failure("glue_integration", "A"), null, a -> true, T0);
        assertThat(silenced.notifications()).isEmpty();
        assertThat(silenced.silencedFor()).containsExactly("oncall", "quiet");

        Evaluation after = evaluator.remind(silenced.saved(), a -> false, Set.of(), T0.plusSeconds(60));

        assertThat(after.notifications()).extracting(Notification::receiver).containsExactly("oncall", "quiet");
        assertThat(after.notifications()).noneMatch(Notification::reminder);
    }

    @Test
    void remindersFollowTheRepeatIntervalAndWaitForABacklog() {
        List<AlertState> firing = evaluator.failing(failure("glue_integration", "A"), null, a -> false, T0).saved();

        assertThat(evaluator.remind(firing, a -> false, Set.of(), T0.plus(Duration.ofHours(3))).notifications())
                .isEmpty();
        Evaluation due = evaluator.remind(firing, a -> false, Set.of("quiet"), T0.plus(Duration.ofHours(4)));

        assertThat(due.notifications()).singleElement().satisfies(n -> {
            assertThat(n.receiver()).isEqualTo("oncall");
            assertThat(n.reminder()).isTrue();
        });
    }

    @Test
    void aCompletionResolvesToTheReceiversToldThatWantIt() {
        AlertState firing = evaluator.failing(failure("glue_integration", "A"), null, a -> false, T0).saved().get(0);

        Evaluation e = evaluator.recovered(firing, T0.plusSeconds(60));

        assertThat(e.deleted()).containsExactly(firing.alert().key());
        assertThat(e.notifications()).singleElement().satisfies(n -> {
            assertThat(n.receiver()).isEqualTo("oncall");
            assertThat(n.state()).isEqualTo(NotificationState.RESOLVED);
            assertThat(n.title()).isEqualTo("[RESOLVED] x table orders recovered");
        });
        assertThat(evaluator.recovered(null, T0).notifications()).isEmpty();
    }
}
