package io.integrationmonitor.state;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.integrationmonitor.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class OutageTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    // other tests in this JVM may have raised the root level (logging config tests)
    @RegisterExtension
    final LogCapture logged = LogCapture.of(Outage.class).withLevel(Level.DEBUG);

    @Test
    void anOutageIsOneWarnWithoutStackTraceAndItsEndOneInfo() {
        // given
        Outage outage = new Outage("database pool p", clock);
        outage.succeeded();

        // when the database fails three times, then answers twice
        outage.failed(new SQLException("Connection refused", "08001"));
        now.set(T0.plusSeconds(5));
        outage.failed(new SQLException("Connection refused", "08001"));
        outage.failed(new SQLException("Connection refused", "08001"));
        assertThat(outage.since()).contains(T0);
        now.set(T0.plusSeconds(42));
        outage.succeeded();
        outage.succeeded();

        // then
        assertThat(logged.atLeast(Level.INFO))
                .extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Level.WARN, "database pool p: the database is unreachable"
                                + " (Connection refused); retrying, further failures logged at DEBUG until it is back"),
                        org.assertj.core.groups.Tuple.tuple(Level.INFO,
                                "database pool p: the database is reachable again, 42 s after the first failure"));
        assertThat(logged.atLeast(Level.INFO))
                .allMatch(e -> e.getThrowableProxy() == null);
        assertThat(outage.since()).isEmpty();
    }

    @Test
    void aSecondOutageIsReportedAgain() {
        // given an outage that ended
        Outage outage = new Outage("scheduler", clock);
        outage.failed(new SQLException("down"));
        outage.succeeded();

        // when the database goes away again
        now.set(T0.plus(Duration.ofMinutes(5)));
        outage.failed(new SQLException("down again"));

        // then
        assertThat(logged.at(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage)
                .hasSize(2)
                .last().asString().contains("down again");
        assertThat(outage.since()).contains(T0.plus(Duration.ofMinutes(5)));
    }
}
