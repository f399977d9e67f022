package io.integrationmonitor.detect;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.Source;
import io.integrationmonitor.testing.LogCapture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class EventBusTest {
    private static final PollTarget TARGET = new PollTarget(Source.GLUE_INTEGRATIONS, "123456789012", "us-east-1");
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    // other tests in this JVM may have raised the root level (logging config tests)
    @RegisterExtension
    final LogCapture logged = LogCapture.of(EventBus.class).withLevel(Level.DEBUG);

    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final EventListener flaky = new WritesToDatabase(failure);
    private final List<PollFailed> received = new ArrayList<>();
    private final EventListener healthy = new EventListener() {
        @Override
        public void onPollFailed(PollFailed event) {
            received.add(event);
        }
    };
    private final EventBus bus = new EventBus();

    @BeforeEach
    void subscribe() {
        bus.subscribe(flaky);
        bus.subscribe(healthy);
    }

    @Test
    void aSubscriberFailingOnEveryPollIsOneErrorLineWithoutStackTraceThenDebug() {
        // given a subscriber whose database is unreachable
        failure.set(new IllegalStateException("cannot write alerts",
                new SQLTransientConnectionException("Connection is not available, request timed out after 10000ms")));

        // when five polls fail, then the database is back for the sixth
        for (int i = 1; i <= 5; i++) {
            bus.publish(pollFailed(i));
        }
        failure.set(null);
        bus.publish(pollFailed(6));

        // then the other subscriber got every event
        assertThat(received).extracting(PollFailed::consecutiveFailures).containsExactly(1, 2, 3, 4, 5, 6);
        // and the streak is one ERROR line naming the cause, and one INFO line when it is over
        assertThat(atInfoOrAbove()).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                .containsExactly(
                        tuple(Level.ERROR, "event listener WritesToDatabase failed on PollFailed"
                                + " for " + TARGET + ": IllegalStateException: cannot write alerts (caused by"
                                + " SQLTransientConnectionException: Connection is not available, request timed out"
                                + " after 10000ms); further failures like it are logged at DEBUG until it succeeds again"),
                        tuple(Level.INFO, "event listener WritesToDatabase succeeded again"));
        assertThat(atInfoOrAbove()).allMatch(e -> e.getThrowableProxy() == null);
        // and every failure's stack trace is at DEBUG
        assertThat(logged.at(Level.DEBUG))
                .hasSize(5)
                .allMatch(e -> e.getThrowableProxy() != null);
    }

    @Test
    void aFailureOfAnotherKindAndAStreakAfterARecoveryAreReportedAgain() {
        // given a streak of one kind
        failure.set(new IllegalStateException("database down"));
        bus.publish(pollFailed(1));
        bus.publish(pollFailed(2));

        // when the subscriber fails differently, then recovers and fails again
        failure.set(new NullPointerException("a bug"));
        bus.publish(pollFailed(3));
        failure.set(null);
        bus.publish(pollFailed(4));
        failure.set(new IllegalStateException("database down again"));
        bus.publish(pollFailed(5));

        // then
        assertThat(atInfoOrAbove()).extracting(ILoggingEvent::getLevel, e -> e.getFormattedMessage().split(";")[0])
                .containsExactly(
                        tuple(Level.ERROR, failedLine(": IllegalStateException: database down")),
                        tuple(Level.ERROR, failedLine(": NullPointerException: a bug")),
                        tuple(Level.INFO, "event listener WritesToDatabase succeeded again"),
                        tuple(Level.ERROR, failedLine(": IllegalStateException: database down again")));
    }

    @Test
    void aSubscriberThatNeverFailedLogsNothing() {
        // when
        bus.publish(pollFailed(1));
        bus.publish(pollFailed(2));

        // then
        assertThat(received).hasSize(2);
        assertThat(logged.events()).isEmpty();
    }

    private String failedLine(String cause) {
        return "event listener WritesToDatabase failed on PollFailed for " + TARGET + cause;
    }

    private List<ILoggingEvent> atInfoOrAbove() {
        return logged.atLeast(Level.INFO);
    }

    private static PollFailed pollFailed(int consecutive) {
        return new PollFailed(TARGET, T0.plusSeconds(consecutive), Duration.ofMillis(5), PollErrorReason.OTHER,
                "state store: unreachable", consecutive);
    }

    /** Fails while {@code failure} is set, like a subscriber writing to a database that is down. */
    private record WritesToDatabase(AtomicReference<RuntimeException> failure) implements EventListener {
        @Override
        public void onPollFailed(PollFailed event) {
            RuntimeException e = failure.get();
            if (e != null) {
                throw e;
            }
        }
    }
}
