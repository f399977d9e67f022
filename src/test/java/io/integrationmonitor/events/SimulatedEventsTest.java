package io.integrationmonitor.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.simulator.AwsSimulator;
import io.integrationmonitor.simulator.DemoStory;
import io.integrationmonitor.simulator.Estate;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.EventDelivery;
import io.integrationmonitor.simulator.EventQueue;
import io.integrationmonitor.simulator.Partition;
import io.integrationmonitor.simulator.SimError;
import io.integrationmonitor.simulator.SimIntegration;
import io.integrationmonitor.simulator.SimRedshiftInboundIntegration;
import io.integrationmonitor.simulator.SqsQueues;
import io.integrationmonitor.simulator.StoryPlayback;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The simulator's EventBridge events, read back as the monitor reads them: every emitted message parses with
 * {@link EventParser}, is classified by {@link IntegrationEvents}, and has the envelope and detail shape of the
 * fixture of its detail type.
 */
class SimulatedEventsTest {
    private static final Partition HOME = new Partition(Estate.DEFAULT_ACCOUNT, Estate.DEFAULT_REGION);
    private static final EventQueue QUEUE = new EventQueue(HOME, EventQueue.DEFAULT_NAME);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The fixture with each detail type's shape. */
    private static final Map<String, String> FIXTURE_OF = Map.of(
            "AWS Glue Zero ETL Integration Failed", "glue-integration-failed.json",
            "AWS Glue Zero ETL Integration Needs Attention", "glue-integration-needs-attention.json",
            "AWS Glue Zero ETL Integration Resynced", "glue-integration-resynced.json",
            "AWS Glue Zero ETL Ingestion Failed", "glue-ingestion-failed.json",
            "AWS Glue Zero ETL Ingestion Completed", "glue-ingestion-completed.json",
            "Redshift Integration Monitoring", "redshift-integration-monitoring.json");

    private final EventParser parser = new EventParser();
    private AwsSimulator simulator;
    private Estate estate;

    @BeforeEach
    void start() {
        estate = new Estate();
        estate.populate(HOME, new EstateSpec(3, 2, 0, 0, 0).withRdsIntegrations(2).withRedshift(2, 4));
        simulator = AwsSimulator.start("127.0.0.1", 0, estate, 8);
        simulator.events().deliverTo(EventDelivery.immediate(QUEUE));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    /** The messages sent since the last call, each checked against its fixture, parsed and classified. */
    private List<IntegrationEvent> drain() {
        SqsQueues sqs = simulator.sqs();
        List<IntegrationEvent> out = new ArrayList<>();
        for (SqsQueues.QueuedMessage m : sqs.messages(HOME, QUEUE.name())) {
            out.add(classified(m.body()));
        }
        sqs.clearMessages();
        return out;
    }

    private IntegrationEvent classified(String body) {
        assertSameShapeAsItsFixture(body);
        ParseResult result = parser.parse(body);
        assertThat(result).isInstanceOf(ParseResult.Parsed.class);
        EventEnvelope envelope = ((ParseResult.Parsed) result).envelope();
        assertThat(envelope.account()).isEqualTo(HOME.account());
        assertThat(envelope.region()).isEqualTo(HOME.region());
        assertThat(envelope.time()).isBetween(Instant.now().minusSeconds(60), Instant.now());
        return IntegrationEvents.classify(envelope);
    }

    private static void assertSameShapeAsItsFixture(String body) {
        try {
            JsonNode event = JSON.readTree(body);
            String fixture = FIXTURE_OF.get(event.get("detail-type").asText());
            assertThat(fixture).as("a fixture for %s", event.get("detail-type")).isNotNull();
            JsonNode expected = JSON.readTree(Fixtures.read(fixture));
            assertThat(names(event)).isEqualTo(names(expected));
            assertThat(names(event.get("detail"))).isEqualTo(names(expected.get("detail")));
            assertThat(event.get("resources")).hasSize(1);
            assertThat(event.get("source").asText()).isEqualTo(expected.get("source").asText());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = object.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    @Test
    void glueStatusChangesSendTheDocumentedEventsAndARecoveryNone() {
        String glue = estate.integrations(HOME).get(0).arn();
        String inbound = estate.inboundIntegrations(HOME).get(0).arn();

        estate.setIntegrationStatus(glue, "FAILED", List.of(new SimError("SOURCE_CONNECTION_LOST", "reset")));
        estate.setInboundStatus(inbound, "NEEDS_ATTENTION", List.of());
        assertThat(drain()).containsExactly(
                new IntegrationEvent.IntegrationChanged(glue, IntegrationService.GLUE),
                new IntegrationEvent.IntegrationChanged(inbound, IntegrationService.GLUE));

        // a recovery to ACTIVE: the Glue page lists no event for it
        estate.setIntegrationStatus(glue, "ACTIVE", List.of());
        estate.setIntegrationStatus(glue, "MODIFYING", List.of());
        assertThat(drain()).isEmpty();

        // a resync (SYNCING after ACTIVE) is announced as Integration Resynced
        estate.setIntegrationStatus(glue, "ACTIVE", List.of());
        estate.setIntegrationStatus(glue, "SYNCING", List.of());
        assertThat(drain()).containsExactly(new IntegrationEvent.IntegrationChanged(glue, IntegrationService.GLUE));
    }

    @Test
    void rdsAndRedshiftChangesSendRedshiftMonitoringEventsOncePerIntegration() {
        String rds = estate.rdsIntegrations(HOME).get(0).arn();
        String redshift = estate.redshiftIntegrations(HOME).get(0).arn();
        Set<String> ownedElsewhere = new java.util.HashSet<>();
        estate.rdsIntegrations(HOME).forEach(i -> ownedElsewhere.add(i.arn()));
        estate.redshiftIntegrations(HOME).forEach(i -> ownedElsewhere.add(i.arn()));
        estate.integrations(HOME).forEach(i -> ownedElsewhere.add(i.arn()));
        SimRedshiftInboundIntegration inboundOnly = estate.redshiftInboundIntegrations(HOME).stream()
                .filter(i -> !ownedElsewhere.contains(i.arn())).findFirst().orElseThrow();

        // an RDS integration Redshift's inbound listing shows too: one integration, one event
        estate.setRdsStatus(rds, "needs_attention", List.of());
        estate.setRedshiftStatus(redshift, "failed", List.of());
        estate.setRedshiftStatus(inboundOnly.arn(), "syncing", List.of());
        assertThat(drain()).containsExactly(
                new IntegrationEvent.IntegrationChanged(rds, IntegrationService.RDS),
                new IntegrationEvent.IntegrationChanged(redshift, IntegrationService.REDSHIFT),
                new IntegrationEvent.IntegrationChanged(inboundOnly.arn(),
                        IntegrationService.ofArnService(inboundOnly.arn().split(":")[2])));

        // recoveries to active (not from creating) have no REDSHIFT-INTEGRATION-EVENT; a deletion has (0001)
        estate.setRdsStatus(rds, "active", List.of());
        estate.setRedshiftStatus(redshift, "active", List.of());
        assertThat(drain()).isEmpty();
        estate.remove(redshift);
        assertThat(drain()).containsExactly(new IntegrationEvent.IntegrationChanged(redshift, IntegrationService.REDSHIFT));
    }

    @Test
    void aTableFailsWithItsCodeAndMessageAndLaterCompletes() {
        String glue = estate.integrations(HOME).get(1).arn();

        estate.failTableIngestion(glue, "orders", "client_error",
                "Failed to ingest data with error: Target Glue database not found.");
        estate.completeTableIngestion(glue, "orders");

        assertThat(drain()).containsExactly(
                new IntegrationEvent.TableIngestionFailed(glue, "orders", "client_error",
                        "Failed to ingest data with error: Target Glue database not found."),
                new IntegrationEvent.TableIngestionCompleted(glue, "orders"));
    }

    @Test
    void theDemoStorySendsTheFailuresItAnnouncesAndTheTableFailureAndRecovery() throws Exception {
        // given the demo's cast, events on, and the story played fast
        estate.clear();
        simulator.sqs().clearMessages();
        var story = DemoStory.create(estate, HOME);
        List<SimIntegration> cast = estate.integrations(HOME);
        String failing = cast.get(0).arn();
        String attention = cast.get(1).arn();
        String tables = cast.get(4).arn();
        String aurora = estate.rdsIntegrations(HOME).get(0).arn();
        String redshift = estate.redshiftIntegrations(HOME).get(0).arn();
        try (StoryPlayback playback = story.play(estate, 500, step -> { })) {
            assertThat(playback.awaitEnd(Duration.ofSeconds(30))).isTrue();
        }

        // then the announced failures, the table's failure and its completion are in the queue, in story order
        List<IntegrationEvent> events = drain();
        assertThat(events).contains(
                new IntegrationEvent.IntegrationChanged(failing, IntegrationService.GLUE),
                new IntegrationEvent.IntegrationChanged(attention, IntegrationService.GLUE),
                new IntegrationEvent.IntegrationChanged(aurora, IntegrationService.RDS),
                new IntegrationEvent.IntegrationChanged(redshift, IntegrationService.REDSHIFT));
        assertThat(events).filteredOn(e -> !(e instanceof IntegrationEvent.IntegrationChanged)).containsExactly(
                new IntegrationEvent.TableIngestionFailed(tables, DemoStory.TABLE, "client_error",
                        "Failed to ingest data with error: column customers.email exceeds the target's maximum "
                                + "length of 256"),
                new IntegrationEvent.TableIngestionCompleted(tables, DemoStory.TABLE));
    }

    @Test
    void aDelayedEventIsReceivedThroughTheRealSqsClient() {
        // given events delayed by a second
        simulator.events().deliverTo(EventDelivery.immediate(QUEUE).withDelay(Duration.ofSeconds(1), Duration.ZERO));
        String glue = estate.integrations(HOME).get(2).arn();
        String queueUrl = simulator.queueUrl(HOME.account(), QUEUE.name());

        try (SqsClient sqs = SqsClient.builder().endpointOverride(simulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "x")))
                .httpClientBuilder(ApacheHttpClient.builder()).build()) {
            // when the integration fails
            estate.setIntegrationStatus(glue, "FAILED", List.of());

            // then nothing is visible at once, and a long poll gets the event once the delay is over
            assertThat(sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(0)).messages()).isEmpty();
            List<Message> received = sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(5)
                    .maxNumberOfMessages(10)).messages();
            assertThat(received).singleElement().satisfies(m -> assertThat(classified(m.body()))
                    .isEqualTo(new IntegrationEvent.IntegrationChanged(glue, IntegrationService.GLUE)));
            sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(received.get(0).receiptHandle()));
        }
        assertThat(simulator.sqs().messages(HOME, QUEUE.name())).isEmpty();
    }
}
