package io.integrationmonitor.alert.evaluate;

import io.integrationmonitor.config.AlertingConfig;
import io.integrationmonitor.config.ConfigLoader;
import io.integrationmonitor.freshness.FreshnessFinding;
import io.integrationmonitor.freshness.FreshnessVerdict;
import io.integrationmonitor.freshness.MetricSource;
import io.integrationmonitor.freshness.WatchedIntegration;
import io.integrationmonitor.poll.ResourceKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class FreshnessAlertEvaluatorTest {
    private static final AlertingConfig CONFIG = ConfigLoader.parse("""
            alerting:
              receivers: [{name: oncall, log: {}}, {name: quiet, log: {}}, {name: data, log: {}}]
              firing_threshold: 3
              routes:
                - match: {condition: [stale, lagging], tags: {team: data}}
                  receivers: [data]
                - match: {condition: [stale, lagging, tables_failing]}
                  receivers: [oncall, quiet]
            """, "test").alerting();
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "eu-west-1";
    private static final String ARN = "arn:aws:glue:eu-west-1:123456789012:integration:orders";

    private final AtomicInteger ids = new AtomicInteger();
    private final FreshnessAlertEvaluator evaluator = new FreshnessAlertEvaluator(new RouteTable(CONFIG), Map.of(
            "oncall", new ReceiverPolicy(true, Duration.ofHours(4)),
            "quiet", new ReceiverPolicy(false, Duration.ofHours(4)),
            "data", new ReceiverPolicy(true, Duration.ofHours(4))), () -> "n-" + ids.incrementAndGet());

    private static WatchedIntegration integration(Map<String, String> tags) {
        return new WatchedIntegration(ARN, "orders", "orders-zetl", ResourceKind.GLUE_INTEGRATION, ACCOUNT, REGION,
                MetricSource.GLUE, Duration.ofHours(1), tags, T0.minus(Duration.ofDays(1)));
    }

    private static FreshnessFinding stale(String detail) {
        return new FreshnessFinding(FreshnessVerdict.STALE, integration(Map.of()), detail, List.of());
    }

    private Evaluation reconcile(List<AlertState> held, List<FreshnessFinding> findings, Set<String> judged,
                                 boolean silenced, Instant now) {
        return evaluator.reconcile(ACCOUNT, REGION, held, findings, judged, a -> silenced, Set.of(), now);
    }

    @Test
    void aFindingFiresAtOnceToItsRouteWithItsDetail() {
        // when
        Evaluation e = reconcile(List.of(), List.of(stale("last sync 4h12m ago, refresh interval 1h (stale after "
                + "3h15m)")), Set.of(ARN), false, T0);

        // then
        assertThat(e.notifications()).extracting(Notification::receiver).containsExactly("oncall", "quiet");
        assertThat(e.notifications()).allSatisfy(n -> {
            assertThat(n.state()).isEqualTo(NotificationState.FIRING);
            assertThat(n.severity()).isEqualTo(Severity.WARNING);
            assertThat(n.title()).isEqualTo("[FIRING] orders-zetl STALE");
            assertThat(n.alerts()).singleElement().satisfies(a -> {
                assertThat(a.key()).isEqualTo("freshness:" + ARN + "|stale");
                assertThat(a.resourceArn()).as("never the integration's status alert").isEmpty();
                assertThat(a.arn()).isEqualTo(ARN);
                assertThat(a.kind()).isEqualTo("glue_integration");
                assertThat(a.accountId()).isEqualTo(ACCOUNT);
                assertThat(a.region()).isEqualTo(REGION);
                assertThat(a.targetKey()).isEqualTo("freshness/" + ACCOUNT + "/" + REGION);
                assertThat(a.status()).isEqualTo("ACTIVE");
                assertThat(a.startsAt()).isEqualTo(T0);
                assertThat(a.detail()).isEqualTo("last sync 4h12m ago, refresh interval 1h (stale after 3h15m)");
            });
        });
        assertThat(e.saved()).singleElement().satisfies(s -> assertThat(s.firing()).isTrue());
        assertThat(e.deleted()).isEmpty();
    }

    @Test
    void tagsAndConditionRouteIt() {
        // given
        FreshnessFinding tagged = new FreshnessFinding(FreshnessVerdict.LAGGING, integration(Map.of("team", "data")),
                "lag 23m (threshold 15m) in 3 of the last 3 samples", List.of());

        // when
        Evaluation e = reconcile(List.of(), List.of(tagged), Set.of(ARN), false, T0);

        // then
        assertThat(e.notifications()).singleElement().satisfies(n -> {
            assertThat(n.receiver()).isEqualTo("data");
            assertThat(n.alerts().get(0).condition()).isEqualTo(Condition.LAGGING);
        });
    }

    @Test
    void aFindingThatStillHoldsUpdatesTheDetailWithoutASecondNotice() {
        // given
        List<AlertState> firing = reconcile(List.of(), List.of(stale("last sync 4h12m ago")), Set.of(ARN), false, T0)
                .saved();

        // when
        Evaluation e = reconcile(firing, List.of(stale("last sync 4h17m ago")), Set.of(ARN), false,
                T0.plus(Duration.ofMinutes(5)));

        // then
        assertThat(e.notifications()).isEmpty();
        assertThat(e.saved()).singleElement().satisfies(s -> {
            assertThat(s.alert().detail()).isEqualTo("last sync 4h17m ago");
            assertThat(s.alert().startsAt()).isEqualTo(T0);
            assertThat(s.seenCount()).isEqualTo(2);
            assertThat(s.lastSent()).containsOnlyKeys("oncall", "quiet");
        });
    }

    @Test
    void remindersFollowTheRepeatIntervalAndWaitForABacklog() {
        // given
        List<AlertState> firing = reconcile(List.of(), List.of(stale("a")), Set.of(ARN), false, T0).saved();

        // when
        Evaluation early = reconcile(firing, List.of(stale("a")), Set.of(ARN), false, T0.plus(Duration.ofHours(3)));
        Evaluation due = evaluator.reconcile(ACCOUNT, REGION, firing, List.of(stale("b")), Set.of(ARN), a -> false,
                Set.of("quiet"), T0.plus(Duration.ofHours(4)));

        // then
        assertThat(early.notifications()).isEmpty();
        assertThat(due.notifications()).singleElement().satisfies(n -> {
            assertThat(n.receiver()).isEqualTo("oncall");
            assertThat(n.reminder()).isTrue();
            assertThat(n.title()).isEqualTo("[FIRING, reminder] orders-zetl STALE");
            assertThat(n.alerts().get(0).detail()).isEqualTo("b");
        });
    }

    @Test
    void aFindingGoneFromAJudgedIntegrationResolvesAsRecoveredToTheReceiversToldThatWantIt() {
        // given
        List<AlertState> firing = reconcile(List.of(), List.of(stale("a")), Set.of(ARN), false, T0).saved();

        // when the integration was judged and is no longer stale
        Evaluation e = reconcile(firing, List.of(), Set.of(ARN), false, T0.plus(Duration.ofMinutes(5)));

        // then
        assertThat(e.deleted()).containsExactly("freshness:" + ARN + "|stale");
        assertThat(e.saved()).isEmpty();
        assertThat(e.notifications()).singleElement().satisfies(n -> {
            assertThat(n.receiver()).isEqualTo("oncall");
            assertThat(n.state()).isEqualTo(NotificationState.RESOLVED);
            assertThat(n.title()).isEqualTo("[RESOLVED] orders-zetl recovered");
            assertThat(n.alerts().get(0).resolution()).isEqualTo("recovered (synced again)");
        });
    }

    @Test
    void anAlertOfAnIntegrationNoLongerJudgedResolvesAsNoLongerWatched() {
        // given
        List<AlertState> firing = reconcile(List.of(), List.of(stale("a")), Set.of(ARN), false, T0).saved();

        // when the poll no longer judges it (not ACTIVE, or vanished)
        Evaluation e = reconcile(firing, List.of(), Set.of(), false, T0.plus(Duration.ofMinutes(5)));

        // then
        assertThat(e.deleted()).containsExactly("freshness:" + ARN + "|stale");
        assertThat(e.notifications()).singleElement().satisfies(n -> {
            assertThat(n.title()).isEqualTo("[RESOLVED] orders-zetl no longer watched");
            assertThat(n.alerts().get(0).resolution()).startsWith("no longer watched");
        });
    }

    @Test
    void aSilencedFindingIsTrackedNotSentAndSentWhenTheSilenceEnds() {
        // given
        Evaluation silenced = reconcile(List.of(), List.of(stale("a")), Set.of(ARN), true, T0);
        assertThat(silenced.notifications()).isEmpty();
        assertThat(silenced.silencedFor()).containsExactly("oncall", "quiet");
        assertThat(silenced.saved()).singleElement().satisfies(s -> assertThat(s.silenced()).isTrue());

        // when still silenced, then no longer
        Evaluation still = reconcile(silenced.saved(), List.of(stale("a")), Set.of(ARN), true, T0.plusSeconds(300));
        Evaluation after = reconcile(still.saved(), List.of(stale("a")), Set.of(ARN), false, T0.plusSeconds(600));

        // then
        assertThat(still.notifications()).isEmpty();
        assertThat(still.silencedFor()).as("counted once").isEmpty();
        assertThat(after.notifications()).extracting(Notification::receiver).containsExactly("oncall", "quiet");
        assertThat(after.notifications()).noneMatch(Notification::reminder);
    }

    @Test
    void aResolvedSilencedAlertTellsNoOne() {
        // given
        List<AlertState> silenced = reconcile(List.of(), List.of(stale("a")), Set.of(ARN), true, T0).saved();

        // when
        Evaluation e = reconcile(silenced, List.of(), Set.of(ARN), true, T0.plusSeconds(300));

        // then
        assertThat(e.deleted()).hasSize(1);
        assertThat(e.notifications()).isEmpty();
    }

    @Test
    void eachConditionOfOneIntegrationIsAnAlertOfItsOwn() {
        // given
        FreshnessFinding tables = new FreshnessFinding(FreshnessVerdict.TABLES_FAILING, integration(Map.of()),
                "2 tables failing: a, b", List.of("a", "b"));

        // when
        Evaluation e = reconcile(List.of(), List.of(stale("s"), tables), Set.of(ARN), false, T0);

        // then
        assertThat(e.saved()).extracting(s -> s.alert().key())
                .containsExactly("freshness:" + ARN + "|stale", "freshness:" + ARN + "|tables_failing");
        assertThat(e.notifications()).hasSize(2).allSatisfy(n -> {
            assertThat(n.alerts()).hasSize(2);
            assertThat(n.severity()).isEqualTo(Severity.CRITICAL);
        });
    }
}
