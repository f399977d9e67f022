package io.integrationmonitor.pipeline;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.integrationmonitor.config.StuckConfig;
import io.integrationmonitor.detect.Detection;
import io.integrationmonitor.detect.Detector;
import io.integrationmonitor.detect.EventBus;
import io.integrationmonitor.detect.EventListener;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.PollFailed;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.Poller;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;
import io.integrationmonitor.poll.Snapshot;
import io.integrationmonitor.poll.Source;
import io.integrationmonitor.state.Database;
import io.integrationmonitor.state.JdbcStateStore;
import io.integrationmonitor.state.StateStore;
import io.integrationmonitor.state.TargetHealth;
import io.integrationmonitor.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Failures that are not AWS answers (a bug in mapping code, a database outage) end polls, logged once per streak. */
class PollRunnerTest {
    private static final PollTarget TARGET = new PollTarget(Source.GLUE_INTEGRATIONS, "123456789012", "us-east-1");

    private final Database database = Database.inMemory();
    private final FlakyStore store = new FlakyStore(new JdbcStateStore(database));
    private final FlakyPoller poller = new FlakyPoller();
    private final List<PollFailed> published = new ArrayList<>();
    @RegisterExtension
    final LogCapture logs = LogCapture.of(PollRunner.class).withLevel(Level.DEBUG);
    private PollRunner runner;

    @BeforeEach
    void setUp() {
        EventBus bus = new EventBus();
        bus.subscribe(new EventListener() {
            @Override
            public void onPollFailed(PollFailed event) {
                published.add(event);
            }
        });
        runner = new PollRunner(poller, store, new Detector(StuckConfig.defaults()), bus, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void a_state_store_outage_fails_each_poll_but_logs_its_stack_trace_once() {
        store.broken = true;

        List<PollRunner.Outcome> outcomes = List.of(runner.runOnce(), runner.runOnce(), runner.runOnce());
        store.broken = false;
        PollRunner.Outcome recovered = runner.runOnce();

        assertThat(outcomes).allSatisfy(o -> {
            assertThat(o.succeeded()).isFalse();
            assertThat(o.failed().reason()).isEqualTo(PollErrorReason.OTHER);
            assertThat(o.failed().message()).startsWith("state store: database is down");
        });
        assertThat(published).extracting(PollFailed::consecutiveFailures).containsExactly(1, 2, 3);
        assertThat(warnings()).hasSize(1);
        assertThat(warnings().get(0).getThrowableProxy()).as("stack trace with the first failure").isNotNull();
        assertThat(recovered.succeeded()).isTrue();
        assertThat(recovered.completed().events()).isNotEmpty(); // nothing was committed while broken
        assertThat(messages()).anyMatch(m -> m.contains("succeeded again"));
    }

    @Test
    void a_bug_in_the_poller_fails_each_poll_but_logs_its_stack_trace_once() {
        poller.bug = new IllegalStateException("mapping bug");

        runner.runOnce();
        runner.runOnce();
        PollRunner.Outcome third = runner.runOnce();

        assertThat(third.failed().message()).isEqualTo("IllegalStateException: mapping bug");
        assertThat(warnings()).hasSize(1);
        assertThat(warnings().get(0).getThrowableProxy().getMessage()).isEqualTo("mapping bug");
        assertThat(logs.at(Level.DEBUG)).hasSize(2)
                .allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
    }

    private List<ILoggingEvent> warnings() {
        return logs.atLeast(Level.WARN);
    }

    private List<String> messages() {
        return logs.messages();
    }

    /** One integration, or a programming error when told to. */
    private static final class FlakyPoller implements Poller {
        RuntimeException bug;

        @Override
        public PollTarget target() {
            return TARGET;
        }

        @Override
        public Snapshot poll() {
            if (bug != null) {
                throw bug;
            }
            ObservedResource r = new ObservedResource(ResourceKind.GLUE_INTEGRATION,
                    "arn:aws:glue:us-east-1:123456789012:integration:one", "one", "123456789012", "us-east-1",
                    ResourceStatus.ACTIVE, List.of(), Map.of(), Map.of(), null);
            return new Snapshot(TARGET, Instant.now(), List.of(r), 1);
        }
    }

    /** The real store, whose every write fails while {@code broken}, as during a database outage. */
    private static final class FlakyStore implements StateStore {
        private final StateStore real;
        volatile boolean broken;

        FlakyStore(StateStore real) {
            this.real = real;
        }

        private void check() {
            if (broken) {
                throw new IllegalStateException("database is down");
            }
        }

        @Override
        public Detection.Result applyPoll(PollTarget target, Detection detection) {
            check();
            return real.applyPoll(target, detection);
        }

        @Override
        public Map<String, KnownResource> knownResources(PollTarget target) {
            return real.knownResources(target);
        }

        @Override
        public List<KnownResource> allResources() {
            return real.allResources();
        }

        @Override
        public List<ResourceEvent> eventsSince(Instant since, int limit) {
            return real.eventsSince(since, limit);
        }

        @Override
        public List<io.integrationmonitor.state.EventQuery.Stored> events(io.integrationmonitor.state.EventQuery query) {
            return real.events(query);
        }

        @Override
        public int pruneEventsBefore(Instant cutoff) {
            return real.pruneEventsBefore(cutoff);
        }

        @Override
        public void recordPollSuccess(PollTarget target, Instant at, Duration took) {
            check();
            real.recordPollSuccess(target, at, took);
        }

        @Override
        public int recordPollFailure(PollTarget target, Instant at, PollErrorReason reason, String message) {
            check();
            return real.recordPollFailure(target, at, reason, message);
        }

        @Override
        public List<TargetHealth> targetHealth() {
            return real.targetHealth();
        }

        @Override
        public void close() {
            real.close();
        }
    }
}
