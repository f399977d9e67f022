package io.integrationmonitor.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
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

import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Log lines through the shipped logback.xml (and the JSON format) stay one line and show control and bidi
 * characters as escapes, whatever a name from AWS holds.
 */
class InertLogLinesTest {
    private static final String NAME = "orders\n2026-01-01T00:00:00.000Z INFO  [main] fake - forged\u202Esil";
    private static final String ESCAPED = "orders\\n2026-01-01T00:00:00.000Z INFO  [main] fake - forged\\u202Esil";

    @TempDir
    Path dir;

    @Test
    void theShippedTextPatternEscapesTheMessage() throws Exception {
        // given the logback.xml of the jar, writing into a buffer
        LoggerContext context = shippedContext();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> stdout = (OutputStreamAppender<ILoggingEvent>)
                context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDOUT");
        stdout.setOutputStream(out);

        // when a message with a hostile name is logged
        context.getLogger("io.integrationmonitor.test").info("event entered_failed {} ACTIVE -> FAILED", NAME);
        context.stop();

        // then it is one line, with the escapes visible
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text.lines()).singleElement().satisfies(line -> assertThat(line)
                .endsWith(" - event entered_failed " + ESCAPED + " ACTIVE -> FAILED"));
        assertThat(text).doesNotContain("\u202E").endsWith("FAILED\n");
    }

    @Test
    void theShippedPatternEscapesExceptionMessagesInStackTraces() throws Exception {
        // given the logback.xml of the jar, writing into a buffer
        LoggerContext context = shippedContext();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((OutputStreamAppender<ILoggingEvent>) context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                .getAppender("STDOUT")).setOutputStream(out);

        // when an exception whose message and cause quote the hostile name is logged
        IllegalStateException e = new IllegalStateException("cannot poll " + NAME,
                new RuntimeException("cause " + NAME));
        e.addSuppressed(new RuntimeException("suppressed " + NAME));
        context.getLogger("io.integrationmonitor.test").warn("poll failed", e);
        context.stop();

        // then the stack trace is there, each message on its own line with the escapes visible
        String text = out.toString(StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).endsWith(" - poll failed");
        assertThat(lines.get(1)).isEqualTo("java.lang.IllegalStateException: cannot poll " + ESCAPED);
        assertThat(lines).anySatisfy(l -> assertThat(l).endsWith("Caused by: java.lang.RuntimeException: cause " + ESCAPED));
        assertThat(lines).anySatisfy(l -> assertThat(l).endsWith("Suppressed: java.lang.RuntimeException: suppressed " + ESCAPED));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("at io.integrationmonitor.cli.InertLogLinesTest"));
        assertThat(lines).noneMatch(l -> l.startsWith("2026-01-01T00:00:00.000Z"));
        assertThat(text).doesNotContain("\u202E");
    }

    @Test
    void theJsonFormatEscapesTheMessageAsTheTextFormatDoes() throws Exception {
        // given the encoder of logging.format: json
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        Encoder<ILoggingEvent> encoder = LoggingSetup.jsonEncoder(context);
        Logger logger = context.getLogger("io.integrationmonitor.test");

        // when an event with a hostile name is encoded
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, ch.qos.logback.classic.Level.WARN,
                "poll of {} failed", new IllegalStateException("cannot poll " + NAME), new Object[]{NAME});
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        // then one line of JSON, no raw bidi character, and the decoded message shows the escapes
        assertThat(line).endsWith("\n").doesNotContain("\u202E");
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("formattedMessage").asText()).isEqualTo("poll of " + ESCAPED + " failed");
        assertThat(json.get("throwable").get("message").asText()).isEqualTo("cannot poll " + ESCAPED);
        assertThat(json.has("arguments")).isFalse();
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("loggerName").asText()).isEqualTo("io.integrationmonitor.test");
    }

    @Test
    void anIntegrationNamedWithALineBreakPolledThroughTheSdkLogsOneLinePerEvent() throws Exception {
        // given an integration whose name holds a line break and a right-to-left override, in the simulator
        Estate estate = new Estate();
        String arn = "arn:aws:glue:us-east-1:123456789012:integration:0b7d4c1e-9a57-4c1e-8d2e-3f4a5b6c7d8e";
        estate.addIntegration(GlueOnlyMonitor.activeIntegration(arn, NAME));
        // and the monitor's log lines encoded by the shipped pattern
        Encoder<ILoggingEvent> shipped = shippedEncoder();
        // Event lines are INFO; a one-shot command run earlier in this JVM may have raised the root level.
        LogCapture logs = LogCapture.root().withLevel("io.integrationmonitor", ch.qos.logback.classic.Level.INFO);
        try (logs;
             AwsSimulator simulator = AwsSimulator.start("127.0.0.1", 0, estate, 4);
             Monitor monitor = GlueOnlyMonitor.create(simulator, dir.resolve("data"), false)) {
            // when it is polled, fails, and is polled again, by the real SDK client
            assertThat(monitor.pollAllOnce()).allMatch(PollRunner.Outcome::succeeded);
            estate.setIntegrationStatus(arn, "FAILED", List.of(new SimError("SourceError", "bad\nline\u2066")));
            assertThat(monitor.pollAllOnce()).allMatch(PollRunner.Outcome::succeeded);
            assertThat(monitor.store().allResources()).singleElement()
                    .satisfies(r -> assertThat(r.resource().name()).isEqualTo(NAME));
        }
        List<String> lines = logs.events().stream()
                .map(e -> new String(shipped.encode(e), StandardCharsets.UTF_8)).toList();

        // then the event about it is one line, showing the escapes, and no line carries a raw one
        assertThat(lines).filteredOn(l -> l.contains("entered_failed")).singleElement()
                .satisfies(l -> assertThat(l).contains(ESCAPED).endsWith("ACTIVE \u2192 FAILED\n"));
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.indexOf('\n')).isEqualTo(l.length() - 1);
            assertThat(l).doesNotContain("\u202E", "\u2066", "\r");
        });
    }


    /** A logger context configured by the logback.xml that ships in the jar (not logback-test.xml). */
    private static LoggerContext shippedContext() throws Exception {
        URL shipped = InertLogLinesTest.class.getClassLoader().getResource("logback.xml");
        assertThat(shipped).isNotNull();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(shipped);
        return context;
    }

    @SuppressWarnings("unchecked")
    private static Encoder<ILoggingEvent> shippedEncoder() throws Exception {
        return ((OutputStreamAppender<ILoggingEvent>) shippedContext().getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                .getAppender("STDOUT")).getEncoder();
    }
}
