package io.integrationmonitor.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationmonitor.events.IntegrationEvent.Ignored;
import io.integrationmonitor.events.IntegrationEvent.IntegrationChanged;
import io.integrationmonitor.events.IntegrationEvent.Reason;
import io.integrationmonitor.events.IntegrationEvent.TableIngestionCompleted;
import io.integrationmonitor.events.IntegrationEvent.TableIngestionFailed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class IntegrationEventsTest {
    private static final String GLUE_ARN =
            "arn:aws:glue:us-east-2:123456789012:integration/1a012bba-123a-1bba-ab1c-173de3b12345";
    private static final String RDS_ARN =
            "arn:aws:rds:us-east-1:123456789012:integration:5b5e3c2a-7c1d-4e2f-9a3b-0c1d2e3f4a5b";
    private static final String REDSHIFT_ARN =
            "arn:aws:redshift:us-east-1:123456789012:integration:0e2f1a3b-4c5d-6e7f-8a9b-0c1d2e3f4a5b";

    @ParameterizedTest
    @CsvSource({
            "glue-integration-resynced.json, " + GLUE_ARN + ", GLUE",
            "glue-integration-failed.json, " + GLUE_ARN + ", GLUE",
            "glue-integration-needs-attention.json, " + GLUE_ARN + ", GLUE",
            "redshift-integration-monitoring.json, " + RDS_ARN + ", RDS",
            "redshift-integration-configuration.json, " + REDSHIFT_ARN + ", REDSHIFT",
            "redshift-integration-operation.json, " + REDSHIFT_ARN + ", REDSHIFT"})
    void integrationLevelEventsAskForAPollOfTheirIntegration(String fixture, String arn, IntegrationService service) {
        // when
        IntegrationEvent event = IntegrationEvents.classify(Fixtures.envelope(fixture));

        // then: the event names what to poll, and nothing about its state
        assertThat(event).isEqualTo(new IntegrationChanged(arn, service));
    }

    @Test
    void anIngestionFailureCarriesTheTableAndTheError() {
        // when
        IntegrationEvent event = IntegrationEvents.classify(Fixtures.envelope("glue-ingestion-failed.json"));

        // then
        assertThat(event).isEqualTo(new TableIngestionFailed(GLUE_ARN, "testDDBTable", "client_error",
                "Failed to ingest data with error: Target Glue database not found."));
    }

    @Test
    void anIngestionCompletionNamesTheTable() {
        assertThat(IntegrationEvents.classify(Fixtures.envelope("glue-ingestion-completed.json")))
                .isEqualTo(new TableIngestionCompleted(GLUE_ARN, "testDDBTable"));
    }

    @Test
    void progressIsIgnored() {
        assertThat(IntegrationEvents.classify(Fixtures.envelope("glue-ingestion-in-progress.json")))
                .isEqualTo(new Ignored(Reason.INGESTION_IN_PROGRESS));
    }

    @Test
    void theRulePatternsSpellingOfTheDetailTypeIsAcceptedToo() {
        // given: the Glue page's rule matches the prefix "Glue Zero ETL", its table lists "AWS Glue Zero ETL ..."
        EventEnvelope event = with("glue-integration-failed.json", e -> e.put("detail-type", "Glue Zero ETL Integration Failed"));

        // then
        assertThat(IntegrationEvents.classify(event)).isEqualTo(new IntegrationChanged(GLUE_ARN, IntegrationService.GLUE));
    }

    @Test
    void theLogFormatsNestedDetailsAreReadWhenTheDetailHasNoTopLevelMembers() {
        // given: the shape of the documented IngestionFailed log message, ARN only in the detail
        EventEnvelope event = with("glue-ingestion-failed.json", e -> {
            e.putArray("resources");
            ObjectNode detail = e.putObject("detail");
            detail.put("integrationArn", GLUE_ARN);
            detail.putObject("details").put("tableName", "orders").put("errorMessage", "denied")
                    .put("error_code", "client_error");
        });

        // then
        assertThat(IntegrationEvents.classify(event))
                .isEqualTo(new TableIngestionFailed(GLUE_ARN, "orders", "client_error", "denied"));
    }

    @Test
    void aFailureWithoutErrorFieldsKeepsThemAbsent() {
        EventEnvelope event = with("glue-ingestion-failed.json",
                e -> e.putObject("detail").put("tableName", "orders"));

        assertThat(IntegrationEvents.classify(event)).isEqualTo(new TableIngestionFailed(GLUE_ARN, "orders", null, null));
    }

    @Test
    void aHugeErrorMessageIsShortenedAndKeptAsData() {
        // given: a message with a newline and an ANSI escape, far longer than a page shows
        String message = "line1\nline2\u001b[31m" + "x".repeat(10_000);
        EventEnvelope event = with("glue-ingestion-failed.json",
                e -> e.putObject("detail").put("tableName", "t").put("errorMessage", message));

        // when
        TableIngestionFailed failed = (TableIngestionFailed) IntegrationEvents.classify(event);

        // then: bounded, but not rewritten here (made inert where it is shown)
        assertThat(failed.errorMessage()).hasSize(2048 + 3).startsWith("line1\nline2\u001b[31m").endsWith("...");
    }

    @Test
    void withoutAnIntegrationArnThereIsNothingToPoll() {
        // given
        EventEnvelope glue = with("glue-integration-failed.json", e -> {
            e.putArray("resources").add("arn:aws:glue:us-east-2:123456789012:table/db/t");
            e.putObject("detail");
        });
        EventEnvelope redshift = with("redshift-integration-monitoring.json", e -> e.putArray("resources"));
        EventEnvelope table = with("glue-ingestion-failed.json", e -> {
            e.putArray("resources");
            e.putObject("detail").put("tableName", "t").put("integrationArn", "not an arn");
        });

        // then
        assertThat(IntegrationEvents.classify(glue)).isEqualTo(new Ignored(Reason.NO_INTEGRATION_ARN));
        assertThat(IntegrationEvents.classify(redshift)).isEqualTo(new Ignored(Reason.NO_INTEGRATION_ARN));
        assertThat(IntegrationEvents.classify(table)).isEqualTo(new Ignored(Reason.NO_INTEGRATION_ARN));
    }

    @Test
    void aTableEventWithoutAUsableTableNameIsIgnored() {
        for (Consumer<ObjectNode> detail : java.util.List.<Consumer<ObjectNode>>of(
                d -> { }, d -> d.put("tableName", " "), d -> d.put("tableName", 7),
                d -> d.put("tableName", "t".repeat(1025)))) {
            // given
            EventEnvelope event = with("glue-ingestion-completed.json", e -> detail.accept(e.putObject("detail")));

            // then
            assertThat(IntegrationEvents.classify(event)).isEqualTo(new Ignored(Reason.NO_TABLE_NAME));
        }
    }

    @Test
    void otherDetailTypesAreIgnored() {
        // given
        EventEnvelope unknownGlue = with("glue-integration-failed.json",
                e -> e.put("detail-type", "AWS Glue Zero ETL Integration Exploded"));
        EventEnvelope notGlueZeroEtl = with("glue-integration-failed.json", e -> e.put("detail-type", "Glue Job State Change"));
        EventEnvelope cloudTrail = with("redshift-integration-monitoring.json",
                e -> e.put("detail-type", "AWS API Call via CloudTrail"));

        // then
        assertThat(IntegrationEvents.classify(unknownGlue)).isEqualTo(new Ignored(Reason.UNKNOWN_DETAIL_TYPE));
        assertThat(IntegrationEvents.classify(notGlueZeroEtl)).isEqualTo(new Ignored(Reason.UNKNOWN_DETAIL_TYPE));
        assertThat(IntegrationEvents.classify(cloudTrail)).isEqualTo(new Ignored(Reason.NOT_AN_INTEGRATION_EVENT));
        assertThat(Reason.NO_TABLE_NAME.label()).isEqualTo("no_table_name");
    }

    @Test
    void anArnInResourcesWinsOverOneInTheDetail() {
        EventEnvelope event = with("glue-integration-failed.json", e -> e.putObject("detail").put("integrationArn",
                "arn:aws:glue:us-east-2:123456789012:integration/other"));

        assertThat(IntegrationEvents.classify(event)).isEqualTo(new IntegrationChanged(GLUE_ARN, IntegrationService.GLUE));
    }

    private static EventEnvelope with(String fixture, Consumer<ObjectNode> change) {
        try {
            ObjectNode event = (ObjectNode) new ObjectMapper().readTree(Fixtures.read(fixture));
            change.accept(event);
            ParseResult result = new EventParser().parse(event.toString());
            assertThat(result).isInstanceOf(ParseResult.Parsed.class);
            return ((ParseResult.Parsed) result).envelope();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
