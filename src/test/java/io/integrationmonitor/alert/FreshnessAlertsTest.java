package io.integrationmonitor.alert;

import io.integrationmonitor.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.alert.evaluate.Condition;
import io.integrationmonitor.alert.receiver.HttpDelivery;
import io.integrationmonitor.alert.receiver.Receivers;
import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.PollCompleted;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.freshness.FreshnessAlertSink;
import io.integrationmonitor.freshness.FreshnessFinding;
import io.integrationmonitor.freshness.FreshnessVerdict;
import io.integrationmonitor.freshness.MetricSource;
import io.integrationmonitor.freshness.WatchedIntegration;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.Snapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.integrationmonitor.alert.Polls.glue;
import static org.assertj.core.api.Assertions.assertThat;

/** Freshness findings through their alert edge on H2: notices, lifecycle, metrics, no poll interference. */
class FreshnessAlertsTest {
    static final String ARN = Polls.arn("orders-zetl");
    static final String HOSTILE_NAME = "orders-zetl<!channel>";
    static final String HOSTILE_DETAIL = "3 tables failing: <script>x</script>, *bold*\n<!here>, items";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(AlertingHarness.T0);
    private final ObjectMapper json = new ObjectMapper();
    private FakeHttpReceiver slack;
    private FakeHttpReceiver hook;
    private AlertingHarness h;
    private FreshnessAlertSink sink;

    @BeforeEach
    void setUp() throws Exception {
        slack = new FakeHttpReceiver();
        hook = new FakeHttpReceiver();
        String yaml = """
                alerting:
                  receivers:
                    - name: data
                      slack: {webhook_url: "%s"}
                    - name: everything-else
                      webhook: {url: "%s"}
                  default_receivers: [everything-else]
                  routes:
                    - match: {condition: [stale, lagging, tables_failing], kind: [glue_integration]}
                      receivers: [data]
                  silences:
                    - matchers: {condition: lagging}
                      ends_at: 2999-01-01T00:00:00Z
                """.formatted(slack.uri("/services/hook"), hook.uri("/hook"));
        h = new AlertingHarness(dir, clock, yaml,
                Receivers.create(AlertingHarness.config(yaml), r -> null, HttpDelivery.defaultClient(), clock));
        sink = h.alerting.freshness();
    }

    @AfterEach
    void tearDown() {
        h.close();
        slack.close();
        hook.close();
    }

    private static WatchedIntegration integration(String name, ResourceKind kind) {
        return new WatchedIntegration(ARN, "orders-zetl", name, kind, Polls.ACCOUNT, Polls.REGION, MetricSource.GLUE,
                Duration.ofHours(1), Map.of(), AlertingHarness.T0.minus(Duration.ofDays(1)));
    }

    private static FreshnessFinding finding(FreshnessVerdict verdict, String name, String detail) {
        return new FreshnessFinding(verdict, integration(name, ResourceKind.GLUE_INTEGRATION), detail, List.of());
    }

    private void reconcile(List<FreshnessFinding> findings, Set<String> judged) {
        sink.reconcile(Polls.ACCOUNT, Polls.REGION, findings, judged, clock.instant());
        h.dispatcher().drain();
    }

    private double firing(Condition c) {
        return h.registry.get("integration.monitor.alerts.firing").tag("condition", c.label())
                .tag("kind", "glue_integration").gauge().value();
    }

    @Test
    void aFindingFiresToItsRouteWithTheDetailEscapedUpdatesWithoutASecondNoticeAndRecovers() throws Exception {
        // given / when a tables-failing finding with hostile AWS text in the name and the table names
        reconcile(List.of(finding(FreshnessVerdict.TABLES_FAILING, HOSTILE_NAME, HOSTILE_DETAIL)), Set.of(ARN));

        // then Slack hears of it, escaped; the default receiver does not
        assertThat(hook.requests()).isEmpty();
        assertThat(slack.acceptedBodies()).hasSize(1);
        JsonNode firing = json.readTree(slack.acceptedBodies().get(0));
        assertThat(firing.get("text").asText()).isEqualTo("[FIRING] orders-zetl&lt;!channel&gt; TABLES FAILING");
        assertThat(firing.findParents("type")).filteredOn(n -> n.path("type").asText().equals("mrkdwn"))
                .map(n -> n.get("text").asText()).isNotEmpty()
                .allSatisfy(t -> assertThat(t).doesNotContain("<!channel>", "<!here>", "<script>", "*bold*"))
                .anySatisfy(t -> assertThat(t).contains("Detail: 3 tables failing: &lt;script&gt;x&lt;/script&gt;"));
        assertThat(h.engine().alerts()).singleElement().satisfies(a -> {
            assertThat(a.firing()).isTrue();
            assertThat(a.alert().key()).isEqualTo("freshness:" + ARN + "|tables_failing");
            assertThat(a.alert().detail()).isEqualTo(HOSTILE_DETAIL);
            assertThat(a.alert().targetKey()).isEqualTo("freshness/" + Polls.ACCOUNT + "/" + Polls.REGION);
        });
        assertThat(firing(Condition.TABLES_FAILING)).isEqualTo(1.0);
        assertThat(h.registry.counter("integration.monitor.notifications", "receiver", "data", "outcome", "enqueued")
                .count()).isEqualTo(1.0);

        // when the next poll finds it still failing, with another figure
        clock.advance(Duration.ofMinutes(5));
        reconcile(List.of(finding(FreshnessVerdict.TABLES_FAILING, HOSTILE_NAME, "1 table failing: items")),
                Set.of(ARN));

        // then no second notice, the detail refreshed
        assertThat(slack.acceptedBodies()).hasSize(1);
        assertThat(h.engine().alerts()).singleElement()
                .satisfies(a -> assertThat(a.alert().detail()).isEqualTo("1 table failing: items"));

        // when the integration is judged and nothing holds
        clock.advance(Duration.ofMinutes(5));
        reconcile(List.of(), Set.of(ARN));

        // then it resolves as recovered
        assertThat(slack.acceptedBodies()).hasSize(2);
        assertThat(json.readTree(slack.acceptedBodies().get(1)).get("text").asText())
                .isEqualTo("[RESOLVED] orders-zetl&lt;!channel&gt; recovered");
        assertThat(h.engine().alerts()).isEmpty();
        assertThat(firing(Condition.TABLES_FAILING)).isZero();
    }

    @Test
    void anAlertOfAnIntegrationNoLongerJudgedResolvesAsNoLongerWatched() throws Exception {
        // given
        reconcile(List.of(finding(FreshnessVerdict.STALE, "orders-zetl", "last sync 4h12m ago")), Set.of(ARN));

        // when the next poll does not judge it (not ACTIVE any more)
        clock.advance(Duration.ofMinutes(5));
        reconcile(List.of(), Set.of());

        // then
        assertThat(slack.acceptedBodies()).hasSize(2);
        assertThat(json.readTree(slack.acceptedBodies().get(1)).get("text").asText())
                .isEqualTo("[RESOLVED] orders-zetl no longer watched");
        assertThat(h.engine().alerts()).isEmpty();
    }

    @Test
    void aSilencedFindingIsTrackedNotSent() {
        // when a lagging finding that the config silence matches
        reconcile(List.of(finding(FreshnessVerdict.LAGGING, "orders-zetl", "lag 23m")), Set.of(ARN));

        // then
        assertThat(slack.acceptedBodies()).isEmpty();
        assertThat(h.engine().alerts()).singleElement().satisfies(a -> {
            assertThat(a.silenced()).isTrue();
            assertThat(a.firing()).isTrue();
        });
        assertThat(h.registry.counter("integration.monitor.notifications", "receiver", "data", "outcome", "silenced")
                .count()).isEqualTo(1.0);
    }

    @Test
    void anOlderPollThanOneReconciledChangesNothing() {
        // given a poll that found it stale
        reconcile(List.of(finding(FreshnessVerdict.STALE, "orders-zetl", "last sync 4h12m ago")), Set.of(ARN));

        // when a late, older poll that found nothing arrives
        sink.reconcile(Polls.ACCOUNT, Polls.REGION, List.of(), Set.of(ARN), clock.instant().minusSeconds(60));
        h.dispatcher().drain();

        // then
        assertThat(h.engine().alerts()).singleElement()
                .satisfies(a -> assertThat(a.alert().condition()).isEqualTo(Condition.STALE));
        assertThat(slack.acceptedBodies()).hasSize(1);
    }

    @Test
    void anotherRegionsPollLeavesTheseAlertsAlone() {
        // given
        reconcile(List.of(finding(FreshnessVerdict.STALE, "orders-zetl", "last sync 4h12m ago")), Set.of(ARN));

        // when a poll of another region finds nothing
        sink.reconcile(Polls.ACCOUNT, "eu-west-1", List.of(), Set.of(), clock.instant().plusSeconds(1));
        h.dispatcher().drain();

        // then
        assertThat(h.engine().alerts()).hasSize(1);
        assertThat(slack.acceptedBodies()).hasSize(1);
    }

    @Test
    void statusPollsOfTheIntegrationLeaveItsFreshnessAlertsAloneEvenWhenItVanishes() {
        // given a stale alert, and the status polls seeing the integration ACTIVE
        reconcile(List.of(finding(FreshnessVerdict.STALE, "orders-zetl", "last sync 4h12m ago")), Set.of(ARN));
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(1));
            h.engine().onPollCompleted(Polls.completed(clock.instant(), List.of(glue("orders-zetl", "ACTIVE"))));
        }
        assertThat(h.engine().alerts()).singleElement().satisfies(a -> assertThat(a.firing()).isTrue());

        // when a status poll sees it vanish
        clock.advance(Duration.ofMinutes(1));
        ResourceEvent vanished = new ResourceEvent(UUID.randomUUID().toString(), EventType.VANISHED, Polls.TARGET,
                glue("orders-zetl", "ACTIVE"), "ACTIVE", "", clock.instant());
        PollCompleted gone = new PollCompleted(new Snapshot(Polls.TARGET, clock.instant(), List.of(), 1), List.of(),
                List.of(vanished), Duration.ofMillis(20));
        h.engine().onPollCompleted(gone);
        h.dispatcher().drain();

        // then the freshness alert stays until the freshness poll no longer judges it
        assertThat(h.engine().alerts()).singleElement()
                .satisfies(a -> assertThat(a.alert().condition()).isEqualTo(Condition.STALE));
        reconcile(List.of(), Set.of());
        assertThat(h.engine().alerts()).isEmpty();
    }
}
