package io.integrationmonitor.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class EventParserTest {
    private final EventParser parser = new EventParser();

    @ParameterizedTest
    @ValueSource(strings = {"glue-ingestion-failed.json", "glue-ingestion-completed.json",
            "glue-ingestion-in-progress.json", "glue-integration-resynced.json", "glue-integration-failed.json",
            "glue-integration-needs-attention.json", "redshift-integration-monitoring.json",
            "redshift-integration-configuration.json", "redshift-integration-operation.json"})
    void everyDocumentedShapeParses(String fixture) {
        // when
        ParseResult result = parser.parse(Fixtures.read(fixture));

        // then
        assertThat(result).isInstanceOf(ParseResult.Parsed.class);
        EventEnvelope envelope = ((ParseResult.Parsed) result).envelope();
        assertThat(envelope.id()).startsWith("6a7e8feb-");
        assertThat(envelope.account()).isEqualTo("123456789012");
        assertThat(envelope.source()).isIn(EventParser.GLUE_SOURCE, EventParser.REDSHIFT_SOURCE);
        assertThat(envelope.resources()).hasSize(1);
        assertThat(envelope.detail().isObject()).isTrue();
    }

    @Test
    void theEnvelopeKeepsEveryMemberAndItsAge() {
        // when
        EventEnvelope envelope = Fixtures.envelope("glue-ingestion-failed.json");

        // then
        assertThat(envelope.id()).isEqualTo("6a7e8feb-b491-4cf7-a9f1-bf3703467701");
        assertThat(envelope.detailType()).isEqualTo("AWS Glue Zero ETL Ingestion Failed");
        assertThat(envelope.region()).isEqualTo("us-east-2");
        assertThat(envelope.time()).isEqualTo(Instant.parse("2026-12-02T07:30:01Z"));
        assertThat(envelope.ageAt(Instant.parse("2026-12-02T07:30:03.5Z"))).isEqualTo(Duration.ofMillis(2500));
        assertThat(envelope.detail().get("tableName").textValue()).isEqualTo("testDDBTable");
    }

    @Test
    void theDetailCannotBeChangedThroughTheEnvelope() {
        // given
        EventEnvelope envelope = Fixtures.envelope("glue-ingestion-failed.json");

        // when
        ((ObjectNode) envelope.detail()).put("tableName", "changed");

        // then
        assertThat(envelope.detail().get("tableName").textValue()).isEqualTo("testDDBTable");
    }

    @Test
    void unknownEnvelopeMembersAreAllowed() {
        // given: EventBridge adds replay-name to replayed events
        String body = Fixtures.read("glue-integration-failed.json").replaceFirst("\\{", "{\"replay-name\": \"r1\",");

        // then
        assertThat(parser.parse(body)).isInstanceOf(ParseResult.Parsed.class);
    }

    @Test
    void aBodyLargerThanAnEventCanBeIsTooLarge() {
        // given: a valid event padded past 256 KiB inside its detail
        String padding = "x".repeat(EventParser.MAX_BODY_BYTES);
        String body = Fixtures.read("glue-integration-failed.json")
                .replace("\"detail\": {", "\"detail\": {\"pad\": \"" + padding + "\",");

        // then
        assertThat(parser.parse(body)).isEqualTo(failure(ParseResult.Kind.TOO_LARGE, null));
    }

    @Test
    void multiByteCharactersCountAsTheirUtf8Size() {
        // given: fewer characters than the limit, more bytes
        String body = "\"" + "é".repeat(EventParser.MAX_BODY_BYTES / 2 + 1) + "\"";

        // then
        assertThat(body.length()).isLessThan(EventParser.MAX_BODY_BYTES);
        assertThat(parser.parse(body)).isEqualTo(failure(ParseResult.Kind.TOO_LARGE, null));
    }

    @Test
    void aDeepDetailExceedsTheLimits() {
        // given
        String deep = "[".repeat(EventParser.MAX_DEPTH + 5) + "]".repeat(EventParser.MAX_DEPTH + 5);
        String body = Fixtures.read("glue-integration-failed.json").replace("\"detail\": {", "\"detail\": {\"d\": " + deep + ",");

        // then
        assertThat(parser.parse(body)).isEqualTo(failure(ParseResult.Kind.LIMITS_EXCEEDED, null));
    }

    @Test
    void aHugeNumberExceedsTheLimits() {
        String body = Fixtures.read("glue-integration-failed.json")
                .replace("\"detail\": {", "\"detail\": {\"n\": " + "9".repeat(500) + ",");

        assertThat(parser.parse(body)).isEqualTo(failure(ParseResult.Kind.LIMITS_EXCEEDED, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not json", "{\"source\": ", "{} {}", "{\"id\": 1} trailing",
            "{\"source\": \"aws.redshift\", \"source\": \"aws.redshift\"}", "{'source': 'x'}", "NaN"})
    void nonJsonIsNotJson(String body) {
        assertThat(parser.parse(body)).isEqualTo(failure(ParseResult.Kind.NOT_JSON, null));
    }

    @Test
    void aNullBodyIsNotJson() {
        assertThat(parser.parse(null)).isEqualTo(failure(ParseResult.Kind.NOT_JSON, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "42", "\"text\"", "null", "{}",
            "{\"Type\": \"Notification\", \"Message\": \"{}\"}"})
    void jsonThatIsNoEnvelopeIsNotEventBridge(String body) {
        assertThat(parser.parse(body)).isEqualTo(failure(ParseResult.Kind.NOT_EVENTBRIDGE, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "account", "region", "time", "resources", "detail", "detail-type", "source"})
    void aMissingMemberIsNamed(String field) throws Exception {
        // given
        ObjectNode event = event();
        event.remove(field);
        if (field.equals("source")) {
            event.put("detail-type", "AWS Glue Zero ETL Integration Failed");
        }

        // then
        assertThat(parser.parse(event.toString())).isEqualTo(failure(ParseResult.Kind.MISSING_FIELD, field));
        event.putNull(field);
        assertThat(parser.parse(event.toString())).isEqualTo(failure(ParseResult.Kind.MISSING_FIELD, field));
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "source", "detail-type", "account", "region", "time", "resources", "detail"})
    void aMistypedMemberIsNamed(String field) throws Exception {
        // given: a number where a string, array or object belongs
        ObjectNode event = event();
        event.put(field, 12);

        // then
        assertThat(parser.parse(event.toString())).isEqualTo(failure(ParseResult.Kind.WRONG_TYPE, field));
    }

    @Test
    void aResourceThatIsNotAStringIsMistyped() throws Exception {
        ObjectNode event = event();
        event.putArray("resources").add("arn:aws:glue:us-east-2:123456789012:integration/x").addObject();

        assertThat(parser.parse(event.toString())).isEqualTo(failure(ParseResult.Kind.WRONG_TYPE, "resources"));
    }

    @Test
    void tooManyResourcesOrATooLongMemberExceedTheLimits() throws Exception {
        // given
        ObjectNode many = event();
        var resources = many.putArray("resources");
        for (int i = 0; i <= EventParser.MAX_RESOURCES; i++) {
            resources.add("arn:aws:glue:us-east-2:123456789012:integration/" + i);
        }
        ObjectNode longId = event();
        longId.put("id", "x".repeat(5000));

        // then
        assertThat(parser.parse(many.toString())).isEqualTo(failure(ParseResult.Kind.LIMITS_EXCEEDED, "resources"));
        assertThat(parser.parse(longId.toString())).isEqualTo(failure(ParseResult.Kind.LIMITS_EXCEEDED, "id"));
    }

    @Test
    void impossibleValuesAreInvalid() throws Exception {
        for (var bad : List.of(List.of("time", "yesterday"), List.of("time", "2026-12-02 07:30:00"),
                List.of("account", "12345"), List.of("region", "Mars"), List.of("id", " "))) {
            // given
            ObjectNode event = event();
            event.put(bad.get(0), bad.get(1));

            // then
            assertThat(parser.parse(event.toString())).as(bad.toString())
                    .isEqualTo(failure(ParseResult.Kind.INVALID_FIELD, bad.get(0)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws.rds", "aws.glue", "aws.ec2", "com.example.orders", "aws.redshift-serverless"})
    void aSourceNoRuleOfOursSendsIsUnknown(String source) throws Exception {
        ObjectNode event = event();
        event.put("source", source);

        assertThat(parser.parse(event.toString())).isEqualTo(failure(ParseResult.Kind.UNKNOWN_SOURCE, "source"));
    }

    @Test
    void failureReasonsAreBoundedLabels() {
        assertThat(failure(ParseResult.Kind.MISSING_FIELD, "detail-type").reason())
                .isEqualTo("missing_field: detail-type");
        assertThat(failure(ParseResult.Kind.NOT_JSON, null).reason()).isEqualTo("not_json");
        assertThatCode(() -> new ParseResult.Failure(ParseResult.Kind.WRONG_TYPE, "anything from the body"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noBodyMakesTheParserThrow() {
        // given: a spread of hostile bodies
        List<String> bodies = List.of("\u0000", "{\"a\":\"\\ud800\"}", "{\"source\":\"aws.redshift\",\"detail-type\":[],"
                + "\"detail\":{}}", "\uFEFF{}", "{\"time\": 1e999999}", "[".repeat(100_000));

        // then
        for (String body : bodies) {
            assertThatCode(() -> assertThat(parser.parse(body)).isInstanceOf(ParseResult.Failure.class))
                    .as(body.length() > 40 ? body.substring(0, 40) : body).doesNotThrowAnyException();
        }
    }

    private static ObjectNode event() throws Exception {
        return (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Fixtures.read("glue-integration-failed.json"));
    }

    private static ParseResult.Failure failure(ParseResult.Kind kind, String field) {
        return new ParseResult.Failure(kind, field);
    }
}
