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
import io.integrationmonitor.events.TableIngestion;
import io.integrationmonitor.events.TableIngestions.Outcome;
import io.integrationmonitor.poll.Snapshot;
import io.integrationmonitor.state.TableDecision;
import io.integrationmonitor.state.TableIngestionDecider;
import io.integrationmonitor.state.TableIngestionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.integrationmonitor.alert.Polls.glue;
import static org.assertj.core.api.Assertions.assertThat;

/** Table events through their alert edge: Slack and webhook bodies, routing, resolve, no poll interference. */
class TableIngestionAlertsTest {
    static final String ARN = Polls.arn("orders-zetl");
    static final String HOSTILE_TABLE = "orders<!channel>*bold*";
    static final String HOSTILE_MESSAGE = "column x\n<!here> dropped *now*";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(AlertingHarness.T0);
    private final ObjectMapper json = new ObjectMapper();
    private final List<TableDecision> applied = new CopyOnWriteArrayList<>();
    private FakeHttpReceiver slack;
    private FakeHttpReceiver hook;
    private AlertingHarness h;
    private TableIngestionAlerts tables;

    @BeforeEach
    void setUp() throws Exception {
        slack = new FakeHttpReceiver();
        hook = new FakeHttpReceiver();
        String yaml = """
                alerting:
                  receivers:
                    - name: tables
                      slack: {webhook_url: "%s"}
                    - name: everything-else
                      webhook: {url: "%s"}
                  default_receivers: [everything-else]
                  routes:
                    - match: {condition: [table_ingestion_failed], kind: [glue_integration]}
                      receivers: [tables]
                """.formatted(slack.uri("/services/hook"), hook.uri("/hook"));
        h = new AlertingHarness(dir, clock, yaml,
                Receivers.create(AlertingHarness.config(yaml), r -> null, HttpDelivery.defaultClient(), clock));
        TableIngestionStore store = new TableIngestionStore(h.database, new TableIngestionDecider(), 10,
                Duration.ofHours(24), clock);
        tables = h.alerting.tableIngestions(store, applied::add);
    }

    @AfterEach
    void tearDown() {
        h.close();
        slack.close();
        hook.close();
    }

    private TableIngestion failed(String id, String table, String code, String message) {
        return new TableIngestion(id, clock.instant(), Polls.ACCOUNT, Polls.REGION, ARN, table, true, code, message);
    }

    private TableIngestion completed(String id, String table) {
        return new TableIngestion(id, clock.instant(), Polls.ACCOUNT, Polls.REGION, ARN, table, false, null, null);
    }

    @Test
    void aFailedTableFiresToItsRouteWithTableCodeAndMessageInertAndItsCompletionResolves() throws Exception {
        assertThat(tables.apply(failed("e1", HOSTILE_TABLE, "SchemaMismatch", HOSTILE_MESSAGE)))
                .isEqualTo(Outcome.APPLIED);
        h.dispatcher().drain();

        assertThat(hook.requests()).as("routed by condition and kind, not to the default").isEmpty();
        assertThat(slack.acceptedBodies()).hasSize(1);
        JsonNode firing = json.readTree(slack.acceptedBodies().get(0));
        // mrkdwn (the fallback text, sections, context) may not mention or format; plain_text renders literally
        assertThat(firing.findValues("text")).filteredOn(JsonNode::isTextual).map(JsonNode::asText)
                .isNotEmpty().allSatisfy(t -> assertThat(t).doesNotContain("column x\n"));
        assertThat(firing.findParents("type")).filteredOn(n -> n.path("type").asText().equals("mrkdwn"))
                .map(n -> n.get("text").asText()).isNotEmpty()
                .allSatisfy(t -> assertThat(t).doesNotContain("<!channel>", "<!here>", "*bold*"));
        assertThat(firing.get("text").asText()).doesNotContain("<!channel>", "*bold*");
        assertThat(firing.get("text").asText()).startsWith("[FIRING] orders-zetl table orders&lt;!channel&gt;")
                .contains("TABLE INGESTION FAILED");
        JsonNode blocks = firing.at("/attachments/0/blocks");
        String errors = "";
        String section = "";
        for (JsonNode block : blocks) {
            JsonNode text = block.get("text");
            if (text != null && text.get("type").asText().equals("plain_text") && text.get("text").asText().startsWith("Errors:")) {
                errors = text.get("text").asText();
            }
            if (text != null && text.get("type").asText().equals("mrkdwn") && section.isEmpty()) {
                section = text.get("text").asText();
            }
        }
        assertThat(errors).as("code and message, one line, as plain text")
                .isEqualTo("Errors:\nSchemaMismatch: column x\\n<!here> dropped *now*");
        assertThat(section).contains("orders&lt;!channel&gt;\u200D*\u200Dbold\u200D*\u200D")
                .contains("Status: FAILED since 2025-03-03T09:00:00Z");

        // the same table failing again updates the alert: no second notice
        clock.advance(Duration.ofMinutes(1));
        assertThat(tables.apply(failed("e2", HOSTILE_TABLE, "Timeout", "again"))).isEqualTo(Outcome.APPLIED);
        h.dispatcher().drain();
        assertThat(slack.acceptedBodies()).hasSize(1);
        assertThat(h.engine().alerts()).singleElement().satisfies(a -> {
            assertThat(a.alert().condition()).isEqualTo(Condition.TABLE_INGESTION_FAILED);
            assertThat(a.alert().table()).isEqualTo(HOSTILE_TABLE);
            assertThat(a.alert().errors()).containsExactly("Timeout: again");
            assertThat(a.firing()).isTrue();
        });

        clock.advance(Duration.ofMinutes(1));
        assertThat(tables.apply(completed("e3", HOSTILE_TABLE))).isEqualTo(Outcome.APPLIED);
        h.dispatcher().drain();
        assertThat(slack.acceptedBodies()).hasSize(2);
        JsonNode resolved = json.readTree(slack.acceptedBodies().get(1));
        assertThat(resolved.get("text").asText()).startsWith("[RESOLVED] orders-zetl table orders&lt;!channel&gt;")
                .endsWith("recovered");
        assertThat(h.engine().alerts()).isEmpty();
        assertThat(applied).extracting(TableDecision::change).containsExactly(TableDecision.Change.RAISED,
                TableDecision.Change.UPDATED, TableDecision.Change.RESOLVED);
    }

    @Test
    void alertmanagerGetsOneAlertPerTableAndTheWebhookTheTable() throws Exception {
        try (FakeHttpReceiver am = new FakeHttpReceiver(); FakeHttpReceiver webhook = new FakeHttpReceiver()) {
            String yaml = """
                    alerting:
                      receivers:
                        - name: am
                          alertmanager: {urls: ["%s"]}
                        - name: hook
                          webhook: {url: "%s"}
                    """.formatted(am.uri("/"), webhook.uri("/hook"));
            try (AlertingHarness other = new AlertingHarness(dir.resolve("other"), clock, yaml,
                    Receivers.create(AlertingHarness.config(yaml), r -> null, HttpDelivery.defaultClient(), clock))) {
                TableIngestionAlerts edge = other.alerting.tableIngestions(new TableIngestionStore(other.database,
                        new TableIngestionDecider(), 10, Duration.ofHours(24), clock), d -> { });

                edge.apply(failed("e1", "orders", "X", "first\nline"));
                edge.apply(failed("e2", "customers", "Y", "second"));
                other.dispatcher().drain();
            }
            assertThat(am.acceptedBodies()).hasSize(2);
            JsonNode first = json.readTree(am.acceptedBodies().get(0)).get(0);
            JsonNode second = json.readTree(am.acceptedBodies().get(1)).get(0);
            assertThat(first.at("/labels/alertname").asText()).isEqualTo("IntegrationTableIngestionFailed");
            assertThat(first.at("/labels/condition").asText()).isEqualTo("table_ingestion_failed");
            assertThat(first.at("/labels/severity").asText()).isEqualTo("critical");
            assertThat(first.at("/labels/table").asText()).isEqualTo("orders");
            assertThat(second.at("/labels/table").asText()).isEqualTo("customers");
            assertThat(first.at("/annotations/errors").asText()).isEqualTo("X: first\\nline");
            JsonNode hooked = json.readTree(webhook.acceptedBodies().get(0));
            assertThat(hooked.at("/alerts/0/table").asText()).isEqualTo("orders");
            assertThat(hooked.at("/alerts/0/condition").asText()).isEqualTo("table_ingestion_failed");
            assertThat(hooked.get("title").asText()).isEqualTo("[FIRING] orders-zetl table orders TABLE INGESTION FAILED");
        }
    }

    @Test
    void aPollOfTheAccountAndRegionRemindsAfterTheRepeatInterval() throws Exception {
        tables.apply(failed("e1", "orders", "X", "y"));
        clock.advance(Duration.ofHours(3));
        tables.onPollCompleted(Polls.completed(clock.instant(), List.of(glue("orders-zetl", "ACTIVE"))));
        h.dispatcher().drain();
        assertThat(slack.acceptedBodies()).as("within repeat_interval (4h)").hasSize(1);

        clock.advance(Duration.ofHours(1));
        tables.onPollCompleted(Polls.completed(clock.instant(), List.of(glue("orders-zetl", "ACTIVE"))));
        tables.onPollCompleted(Polls.completed(clock.instant(), List.of(glue("orders-zetl", "ACTIVE"))));
        h.dispatcher().drain();

        assertThat(slack.acceptedBodies()).as("one reminder, however many polls").hasSize(2);
        assertThat(json.readTree(slack.acceptedBodies().get(1)).get("text").asText())
                .isEqualTo("[FIRING, reminder] orders-zetl table orders TABLE INGESTION FAILED");
    }

    @Test
    void aCompletionOfATableWithoutAlertResolvesNothing() {
        // a failing table whose alert is gone (deleted by hand): the completion still applies, nothing to notify
        tables.apply(failed("e1", "orders", "X", "y"));
        h.dispatcher().drain();
        new io.integrationmonitor.state.Jdbc(h.database.dataSource()).withConnection("delete", c -> {
            try (var statement = c.createStatement()) {
                return statement.executeUpdate("DELETE FROM alert_state");
            }
        });

        assertThat(tables.apply(completed("e2", "orders"))).isEqualTo(Outcome.APPLIED);
        h.dispatcher().drain();
        assertThat(slack.acceptedBodies()).hasSize(1);
    }

    @Test
    void aDuplicateEventNotifiesNothing() {
        tables.apply(failed("e1", "orders", "X", "y"));

        assertThat(tables.apply(failed("e1", "orders", "X", "y"))).isEqualTo(Outcome.DUPLICATE);
        h.dispatcher().drain();

        assertThat(slack.acceptedBodies()).hasSize(1);
    }

    @Test
    void pollsOfTheIntegrationLeaveItsTableAlertsAloneUntilItVanishes() throws Exception {
        tables.apply(failed("e1", "orders", "X", "y"));
        h.engine().onPollCompleted(Polls.completed(clock.instant(), List.of(glue("orders-zetl", "ACTIVE"))));
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(1));
            PollCompleted healthy = Polls.completed(clock.instant(), List.of(glue("orders-zetl", "ACTIVE")));
            h.engine().onPollCompleted(healthy);
            tables.onPollCompleted(healthy);
        }
        assertThat(h.engine().alerts()).singleElement().satisfies(a -> assertThat(a.firing()).isTrue());

        clock.advance(Duration.ofMinutes(1));
        ResourceEvent vanished = new ResourceEvent(UUID.randomUUID().toString(), EventType.VANISHED, Polls.TARGET,
                glue("orders-zetl", "ACTIVE"), "ACTIVE", "", clock.instant());
        PollCompleted gone = new PollCompleted(new Snapshot(Polls.TARGET, clock.instant(), List.of(), 1), List.of(),
                List.of(vanished), Duration.ofMillis(20));
        h.engine().onPollCompleted(gone);
        tables.onPollCompleted(gone);
        h.dispatcher().drain();

        assertThat(h.engine().alerts()).isEmpty();
        assertThat(slack.acceptedBodies()).hasSize(2);
        assertThat(json.readTree(slack.acceptedBodies().get(1)).get("text").asText())
                .isEqualTo("[RESOLVED] orders-zetl table orders vanished");
        // and the table is forgotten: a new failure raises again
        assertThat(tables.apply(failed("e2", "orders", "X", "y"))).isEqualTo(Outcome.APPLIED);
    }
}
