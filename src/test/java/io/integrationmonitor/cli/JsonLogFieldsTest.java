package io.integrationmonitor.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationmonitor.Monitor;
import io.integrationmonitor.pipeline.PollRunner;
import io.integrationmonitor.simulator.AwsSimulator;
import io.integrationmonitor.simulator.Estate;
import io.integrationmonitor.simulator.SimError;
import io.integrationmonitor.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.KeyValuePair;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code logging.format: json} as log pipelines read it: ISO-8601 UTC timestamps with milliseconds, and the
 * fields of every event line and alert line as top-level keys, inert like the message.
 */
class JsonLogFieldsTest {
    private static final String ARN = "arn:aws:glue:us-east-1:123456789012:integration:0b7d4c1e-9a57-4c1e-8d2e-3f4a5b6c7d8e";
    private static final String ISO_MILLIS_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aPollThatSeesAnIntegrationFailAndTheAlertItSendsLogTheirFieldsAsJsonKeys() throws Exception {
        // given an ACTIVE integration in the simulator, a daemon monitor with the default log receiver
        Estate estate = new Estate();
        estate.addIntegration(GlueOnlyMonitor.activeIntegration(ARN, "orders-zetl"));
        LogCapture logs = LogCapture.root().withLevel("io.integrationmonitor", Level.INFO);
        try (logs;
             AwsSimulator simulator = AwsSimulator.start("127.0.0.1", 0, estate, 4);
             Monitor monitor = GlueOnlyMonitor.create(simulator, dir.resolve("data"), true)) {
            // when it is polled, fails, is polled again, and the alert is delivered
            assertThat(monitor.pollAllOnce()).allMatch(PollRunner.Outcome::succeeded);
            estate.setIntegrationStatus(ARN, "FAILED", List.of(new SimError("SourceError", "table dropped")));
            assertThat(monitor.pollAllOnce()).allMatch(PollRunner.Outcome::succeeded);
            monitor.startAlertDelivery();
            await().atMost(Duration.ofSeconds(20)).until(() -> !alertLines(logs).isEmpty());
        }

        // then every line is JSON with an ISO-8601 UTC timestamp in milliseconds
        List<JsonNode> lines = jsonLines(logs.events());
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line.get("timestamp").asText()).matches(ISO_MILLIS_UTC));
        // and the discovery, the transition and the alert carry their fields as top-level keys
        assertThat(lines).filteredOn(l -> l.path("event").asText().equals("discovered")).singleElement()
                .satisfies(l -> assertThat(fields(l, "kind", "account_id", "region", "count")).containsExactly(
                        "glue_integration", "123456789012", "us-east-1", "1"));
        assertThat(lines).filteredOn(l -> l.path("event").asText().equals("entered_failed")).singleElement()
                .satisfies(l -> assertThat(fields(l, "kind", "arn", "name", "account_id", "region", "from", "to"))
                        .containsExactly("glue_integration", ARN, "orders-zetl", "123456789012", "us-east-1",
                                "ACTIVE", "FAILED"));
        assertThat(jsonLines(alertLines(logs))).singleElement().satisfies(l -> {
            assertThat(fields(l, "receiver", "state", "condition", "kind", "arn", "name", "account_id", "region",
                    "status")).containsExactly("log", "firing", "failed", "glue_integration", ARN, "orders-zetl",
                    "123456789012", "us-east-1", "FAILED");
            assertThat(l.get("alert_count").isInt()).isTrue();
            assertThat(l.get("formattedMessage").asText()).startsWith("[FIRING] orders-zetl");
        });
    }

    @Test
    void keyValuePairsAreInertAndCannotReplaceTheEncodersOwnKeys() throws Exception {
        // given the encoder of logging.format: json
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        Encoder<ILoggingEvent> encoder = LoggingSetup.jsonEncoder(context);
        Logger logger = context.getLogger("io.integrationmonitor.test");

        // when a line carries a hostile name, a number and a key named like one of the encoder's
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, "event", null, null);
        event.setTimeStamp(Instant.parse("2025-03-03T08:42:00Z").toEpochMilli());
        event.addKeyValuePair(new KeyValuePair("name", "orders\n{\"level\":\"ERROR\"}\u202Esil"));
        event.addKeyValuePair(new KeyValuePair("alert_count", 3));
        event.addKeyValuePair(new KeyValuePair("level", "forged"));
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        // then one line whose decoded value shows the escapes, the number stays a number, the level stays
        assertThat(line.strip()).doesNotContain("\n", "\u202E");
        JsonNode json = JSON.readTree(line);
        assertThat(json.get("name").asText()).isEqualTo("orders\\n{\"level\":\"ERROR\"}\\u202Esil");
        assertThat(json.get("alert_count").asInt()).isEqualTo(3);
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("kv_level").asText()).isEqualTo("forged");
        assertThat(json.get("timestamp").asText()).isEqualTo("2025-03-03T08:42:00.000Z");
        assertThat(json.has("kvpList")).isFalse();
    }

    private static List<ILoggingEvent> alertLines(LogCapture logs) {
        return logs.events().stream().filter(e -> e.getLoggerName().equals("io.integrationmonitor.alert.notifications"))
                .toList();
    }

    private static List<JsonNode> jsonLines(List<ILoggingEvent> events) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        Encoder<ILoggingEvent> encoder = LoggingSetup.jsonEncoder(context);
        List<JsonNode> lines = new ArrayList<>();
        for (ILoggingEvent e : events) {
            String line = new String(encoder.encode(e), StandardCharsets.UTF_8);
            assertThat(line.indexOf('\n')).as(line).isEqualTo(line.length() - 1);
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static List<String> fields(JsonNode line, String... keys) {
        return Arrays.stream(keys).map(k -> line.path(k).asText("<missing " + k + ">")).toList();
    }

}
