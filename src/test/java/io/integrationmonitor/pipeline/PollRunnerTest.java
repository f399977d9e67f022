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
import io.integrationmonitor.detect.PollNotPermitted;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.PollErrors;
import io.integrationmonitor.poll.PollFailedException;
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
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.sts.model.StsException;

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
    private final List<PollNotPermitted> notPermitted = new ArrayList<>();
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

            @Override
            public void onPollNotPermitted(PollNotPermitted event) {
                notPermitted.add(event);
            }
        });
        runner = new PollRunner(poller, store, new Detector(StuckConfig.defaults()), bus, Clock.systemUTC(),
                "role arn:aws:iam::123456789012:role/monitor");
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

    @Test
    void a_refusal_of_the_sources_own_api_before_any_success_is_not_permitted_warned_once_and_asked_every_tenth_run() {
        // given Glue refusing the action from the first poll on
        poller.failure = refusal("Glue", "AccessDeniedException");

        // when 25 runs are scheduled
        List<PollRunner.Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            outcomes.add(runner.runOnce());
        }

        // then: no failed poll, one WARN naming what to grant, the API asked on runs 1, 11 and 21 only
        assertThat(outcomes).allSatisfy(o -> {
            assertThat(o.failed()).isNull();
            assertThat(o.notPermitted()).isNotNull();
        });
        assertThat(published).isEmpty();
        assertThat(poller.calls).isEqualTo(3);
        assertThat(notPermitted).extracting(PollNotPermitted::first).containsExactly(true, false, false);
        assertThat(warnings()).singleElement().satisfies(w -> assertThat(w.getFormattedMessage())
                .contains(TARGET.key() + " is not permitted (Glue DescribeIntegrations page 1: AccessDeniedException")
                .contains("grant glue:DescribeIntegrations to role arn:aws:iam::123456789012:role/monitor in "
                        + "123456789012"));
        TargetHealth health = store.targetHealth().get(0);
        assertThat(health.notPermitted()).isTrue();
        assertThat(health.failing()).isFalse();
        assertThat(health.lastErrorMessage()).startsWith("grant glue:DescribeIntegrations to role ");
    }

    @Test
    void a_grant_is_noticed_on_the_next_probe_with_one_info_line() {
        // given a not-permitted source
        poller.failure = refusal("Glue", "AccessDeniedException");
        runner.runOnce();

        // when the role is granted the action and the next ten runs come
        poller.failure = null;
        List<PollRunner.Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            outcomes.add(runner.runOnce());
        }

        // then the tenth asks, succeeds, and from then on every run polls
        assertThat(outcomes.subList(0, 9)).allSatisfy(o -> assertThat(o.notPermitted()).isNotNull());
        assertThat(outcomes.subList(9, 12)).allSatisfy(o -> assertThat(o.succeeded()).isTrue());
        assertThat(poller.calls).isEqualTo(1 + 3);
        assertThat(logs.at(Level.INFO)).filteredOn(e -> e.getFormattedMessage().contains("is permitted now"))
                .hasSize(1);
        assertThat(store.targetHealth().get(0).notPermitted()).isFalse();
        assertThat(messages()).noneMatch(m -> m.contains("succeeded again")); // it never failed
    }

    @Test
    void a_refusal_after_a_success_is_a_failing_poll() {
        // given a source that answered
        assertThat(runner.runOnce().succeeded()).isTrue();

        // when its permission is revoked
        poller.failure = refusal("Glue", "AccessDeniedException");
        PollRunner.Outcome outcome = runner.runOnce();
        runner.runOnce();

        // then it is an incident: failed polls, every run, that alerting counts
        assertThat(outcome.failed()).isNotNull();
        assertThat(outcome.failed().reason()).isEqualTo(PollErrorReason.ACCESS_DENIED);
        assertThat(outcome.notPermitted()).isNull();
        assertThat(published).extracting(PollFailed::consecutiveFailures).containsExactly(1, 2);
        assertThat(notPermitted).isEmpty();
        assertThat(poller.calls).isEqualTo(3);
    }

    @Test
    void a_refused_assume_role_is_a_failing_poll_every_run() {
        // given STS refusing the target's role: its credentials are broken for every source
        poller.failure = refusal("Sts", "AccessDenied");

        // when
        runner.runOnce();
        PollRunner.Outcome second = runner.runOnce();

        // then
        assertThat(second.failed()).isNotNull();
        assertThat(second.failed().reason()).isEqualTo(PollErrorReason.ACCESS_DENIED);
        assertThat(published).hasSize(2);
        assertThat(notPermitted).isEmpty();
        assertThat(store.targetHealth().get(0).failing()).isTrue();
        assertThat(warnings()).singleElement().satisfies(w ->
                assertThat(w.getFormattedMessage()).contains("failed (access_denied)"));
    }

    /** A refusal as the SDK raises it: the service's exception type, its code and its service name. */
    private static AwsServiceException refusal(String service, String code) {
        AwsErrorDetails details = AwsErrorDetails.builder().errorCode(code).serviceName(service)
                .errorMessage("User is not authorized").build();
        return "Sts".equals(service)
                ? StsException.builder().awsErrorDetails(details).statusCode(403).message("denied").build()
                : GlueException.builder().awsErrorDetails(details).statusCode(400).message("denied").build();
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
        Throwable failure;
        int calls;

        @Override
        public PollTarget target() {
            return TARGET;
        }

        @Override
        public Snapshot poll() throws PollFailedException {
            calls++;
            if (bug != null) {
                throw bug;
            }
            if (failure != null) {
                throw PollErrors.failure("Glue DescribeIntegrations page 1", failure);
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
        public void recordPollNotPermitted(PollTarget target, Instant at, String message) {
            check();
            real.recordPollNotPermitted(target, at, message);
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
