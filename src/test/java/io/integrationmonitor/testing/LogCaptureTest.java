package io.integrationmonitor.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogCaptureTest {
    private static final String NAME = "io.integrationmonitor.testing.LogCaptureTest.subject";
    private final Logger subject = (Logger) LoggerFactory.getLogger(NAME);
    private final Logger child = (Logger) LoggerFactory.getLogger(NAME + ".child");

    @Test
    void capturesTheLoggerAndItsChildrenAtTheLevelAskedForUntilClosed() {
        // given a level of its own on the logger
        subject.setLevel(Level.WARN);
        try {
            LogCapture logs = LogCapture.of(NAME).withLevel(Level.DEBUG);

            // when
            subject.debug("one {}", 1);
            child.error("two", new IllegalStateException("boom"));
            logs.close();
            subject.error("after close");

            // then
            assertThat(logs.events()).extracting(ILoggingEvent::getLevel).containsExactly(Level.DEBUG, Level.ERROR);
            assertThat(logs.messages()).containsExactly("one 1", "two");
            assertThat(logs.at(Level.DEBUG)).hasSize(1);
            assertThat(logs.atLeast(Level.INFO)).singleElement()
                    .satisfies(e -> assertThat(e.getLoggerName()).isEqualTo(NAME + ".child"));
            assertThat(logs.textsWithStackTraces().get(1)).startsWith("two").contains("IllegalStateException: boom");
            assertThat(subject.getLevel()).as("level restored").isEqualTo(Level.WARN);
            assertThat(subject.iteratorForAppenders()).as("detached").isExhausted();
        } finally {
            subject.setLevel(null);
        }
    }

    @Test
    void aClosedCaptureStartsAfreshBeforeTheNextTest() {
        // given a capture closed after a first test
        LogCapture logs = LogCapture.of(NAME).withLevel(Level.DEBUG);
        subject.debug("first test");
        logs.afterEach(null);

        // when the next test starts
        logs.beforeEach(null);
        subject.debug("second test");

        // then
        assertThat(logs.messages()).containsExactly("second test");
        logs.close();
        assertThat(subject.getLevel()).isNull();
    }

    @Test
    void keepsEveryEventLoggedConcurrently() throws Exception {
        // given
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (LogCapture logs = LogCapture.of(NAME).withLevel(Level.INFO)) {
            // when four threads log while the events are read
            for (int t = 0; t < 4; t++) {
                threads.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        subject.info("line {}", i);
                    }
                });
            }
            threads.shutdown();
            while (!threads.awaitTermination(10, TimeUnit.MILLISECONDS)) {
                assertThat(logs.messages()).allMatch(m -> m.startsWith("line "));
            }

            // then every line is there, with the thread that logged it
            assertThat(logs.events()).hasSize(2000).allMatch(e -> e.getThreadName().startsWith("pool-"));
        } finally {
            threads.shutdownNow();
        }
    }
}
