package io.integrationmonitor.metrics;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.integrationmonitor.detect.PollCompleted;
import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.Snapshot;
import io.integrationmonitor.poll.Source;
import io.integrationmonitor.testing.LogCapture;
import io.integrationmonitor.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.integrationmonitor.metrics.Fixtures.ASSOCIATIONS;
import static io.integrationmonitor.metrics.Fixtures.GLUE;
import static io.integrationmonitor.metrics.Fixtures.INBOUND;
import static io.integrationmonitor.metrics.Fixtures.T0;
import static io.integrationmonitor.metrics.Fixtures.completed;
import static io.integrationmonitor.metrics.Fixtures.failed;
import static org.assertj.core.api.Assertions.assertThat;

class ScheduleMetricsTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final String LAG = "integration_monitor_poll_schedule_lag_seconds";

    @RegisterExtension
    final LogCapture logged = LogCapture.of(ScheduleMetrics.class).withLevel(Level.INFO);

    private final PrometheusMetrics metrics = PrometheusMetrics.create("1.2.3");
    private final MutableClock clock = new MutableClock(T0);
    private final ScheduleMetrics schedule = new ScheduleMetrics(metrics.meterRegistry(),
            Map.of(GLUE, MINUTE, INBOUND, MINUTE, ASSOCIATIONS, Duration.ofMinutes(5)),
            source -> "sources." + source.label() + ".interval", 2, clock);

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void everyConfiguredSourceHasAZeroLagHistogramAndItsInterval() {
        // when nothing polled yet
        PrometheusText scrape = scrape();

        // then
        for (Source source : List.of(Source.GLUE_INTEGRATIONS, Source.GLUE_INBOUND_INTEGRATIONS,
                Source.APPINTEGRATIONS_ASSOCIATIONS)) {
            assertThat(scrape.value(LAG + "_bucket", Map.of("source", source.label(), "le", "1.0"))).contains(0.0);
            assertThat(scrape.value(LAG + "_count", Map.of("source", source.label()))).contains(0.0);
        }
        assertThat(scrape.find(LAG + "_count")).hasSize(3);
        assertThat(scrape.find(LAG + "_bucket", Map.of("source", "glue_integrations")))
                .extracting(s -> s.labels().get("le"))
                .containsExactly("0.1", "0.25", "0.5", "1.0", "2.0", "5.0", "10.0", "30.0", "60.0", "120.0", "300.0",
                        "+Inf");
        assertThat(scrape.value("integration_monitor_poll_interval_seconds", Map.of("source", "glue_integrations")))
                .contains(60.0);
        assertThat(scrape.value("integration_monitor_poll_interval_seconds",
                Map.of("source", "appintegrations_associations"))).contains(300.0);
        assertThat(scrape.value("integration_monitor_poll_schedule_min_interval_seconds", Map.of())).contains(0.0);
    }

    @Test
    void lagsFallIntoTheirBucketsBySource() {
        // when two Glue polls start 0.5 s and 3 s late and an AppIntegrations one on time
        schedule.started(GLUE, Duration.ofMillis(500));
        schedule.started(GLUE, Duration.ofSeconds(3));
        schedule.started(ASSOCIATIONS, Duration.ZERO);

        // then one of the two Glue polls started within a second
        PrometheusText scrape = scrape();
        assertThat(scrape.value(LAG + "_bucket", Map.of("source", "glue_integrations", "le", "1.0"))).contains(1.0);
        assertThat(scrape.value(LAG + "_count", Map.of("source", "glue_integrations"))).contains(2.0);
        assertThat(scrape.value(LAG + "_bucket", Map.of("source", "appintegrations_associations", "le", "1.0")))
                .contains(1.0);
    }

    @Test
    void theShortestSustainableIntervalFollowsTheLastPollOfEachTarget() {
        // given the last polls: Glue 0.42 s then 3 s (failed), inbound 3 s (failed), AppIntegrations 0.42 s,
        // and a targeted read of one inbound integration, which is not a poll of the target
        schedule.onPollCompleted(completed(GLUE, T0, List.of()));
        schedule.onPollFailed(failed(GLUE, PollErrorReason.TIMEOUT, 1));
        schedule.onPollFailed(failed(INBOUND, PollErrorReason.TIMEOUT, 1));
        schedule.onPollCompleted(completed(ASSOCIATIONS, T0, List.of()));
        schedule.onPollCompleted(new PollCompleted(Snapshot.targeted(INBOUND, T0,
                Fixtures.inbound("in-1", "ACTIVE", T0).resource()), List.of(), List.of(), Duration.ofMinutes(10)));

        // then (3 s + 3 s + 0.42 s) over 2 threads, which is more than the longest poll
        assertThat(scrape().value("integration_monitor_poll_schedule_min_interval_seconds", Map.of()))
                .contains(3.21);
    }

    @Test
    void pollsFallingBehindAreToldOnceAndBeingBackOnScheduleOnce() {
        // given the estate's last polls
        schedule.onPollFailed(failed(GLUE, PollErrorReason.TIMEOUT, 1));

        // when Glue polls start late three times, then on time for over a minute
        schedule.started(GLUE, Duration.ofSeconds(20));
        clock.advance(Duration.ofSeconds(10));
        schedule.started(GLUE, Duration.ofSeconds(25));
        clock.advance(Duration.ofSeconds(10));
        schedule.started(INBOUND, Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        schedule.started(GLUE, Duration.ZERO);
        clock.advance(Duration.ofSeconds(31));
        schedule.started(GLUE, Duration.ZERO);
        schedule.started(INBOUND, Duration.ZERO);

        // then one WARN with how late, the estimate and what to change, and one INFO
        assertThat(logged.atLeast(Level.INFO)).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Level.WARN, "polls are falling behind their schedule: a"
                                + " poll of glue_integrations started 20s after it was due (interval 1m); the last polls"
                                + " of the 3 targets need an interval of at least 3s on 2 poll threads: set"
                                + " sources.glue_integrations.interval (and the other sources' intervals) to at least"
                                + " that, or raise aws.max_concurrent_polls; integration_monitor_poll_schedule_lag_seconds"
                                + " shows how late, and this is logged again only after polls are back on schedule"),
                        org.assertj.core.groups.Tuple.tuple(Level.INFO,
                                "polls are back on schedule: none started late for 1m"));
    }

    @Test
    void aTargetThatIsNotScheduledIsIgnored() {
        // when a poll of an unknown target is reported
        schedule.started(new PollTarget(Source.RDS_INTEGRATIONS, "123456789012", "eu-west-1"), Duration.ofMinutes(3));

        // then no series of its source appears and nothing is logged
        assertThat(scrape().find(LAG + "_count", Map.of("source", "rds_integrations"))).isEmpty();
        assertThat(logged.events()).isEmpty();
    }

    private PrometheusText scrape() {
        return PrometheusText.parse(metrics.meterRegistry().scrape());
    }
}
