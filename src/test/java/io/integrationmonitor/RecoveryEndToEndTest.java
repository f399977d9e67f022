package io.integrationmonitor;

import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.ScriptedStory;
import io.integrationmonitor.simulator.SimError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.integrationmonitor.MonitorFixture.HOME;
import static io.integrationmonitor.MonitorFixture.sample;
import static io.integrationmonitor.MonitorFixture.types;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recoveries through transient statuses, end to end: a scripted story on the simulator's estate, one complete
 * poll of every source after each step (the steps' times only order them), through the real SDK and store.
 */
class RecoveryEndToEndTest {
    @TempDir
    Path dataDir;

    private MonitorFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void recoveries_through_transient_statuses_are_one_event_each_and_a_healthy_round_trip_none() {
        // given three integrations and an association, all healthy and known
        fixture = MonitorFixture.start(new EstateSpec(3, 0, 1, 1, 2), dataDir);
        String reseeded = fixture.estate().integrations(HOME).get(0).arn();
        String resynced = fixture.estate().integrations(HOME).get(1).arn();
        String association = fixture.estate().associations(HOME).get(0).arn();
        fixture.estate().setAssociationExecution(association, "COMPLETED", null);
        fixture.pollAllExpectingSuccess();

        // when the story plays: NEEDS_ATTENTION -> SYNCING -> ACTIVE; ACTIVE -> SYNCING -> ACTIVE;
        // FAILED -> IN_PROGRESS -> COMPLETED
        ScriptedStory story = ScriptedStory.builder()
                .at(Duration.ofMinutes(1), "needs attention, execution fails", estate -> {
                    estate.setIntegrationStatus(reseeded, "NEEDS_ATTENTION",
                            List.of(new SimError("RESYNC_REQUIRED", "re-seed needed")));
                    estate.setAssociationExecution(association, "FAILED", "REQUEST_LIMIT_EXCEEDED");
                })
                .at(Duration.ofMinutes(2), "re-seeding, a sync, a new run", estate -> {
                    estate.setIntegrationStatus(reseeded, "SYNCING", List.of());
                    estate.setIntegrationStatus(resynced, "SYNCING", List.of());
                    estate.setAssociationExecution(association, "IN_PROGRESS", null);
                })
                .at(Duration.ofMinutes(3), "still syncing", estate -> { })
                .at(Duration.ofMinutes(4), "healthy again", estate -> {
                    estate.setIntegrationStatus(reseeded, "ACTIVE", List.of());
                    estate.setIntegrationStatus(resynced, "ACTIVE", List.of());
                    estate.setAssociationExecution(association, "COMPLETED", null);
                })
                .build();
        List<ResourceEvent> events = playPollingAfterEachStep(story);

        // then one recovery each for the unhealthy two, and none for the one that was only syncing
        assertThat(count(events, reseeded, EventType.RECOVERED)).isEqualTo(1);
        assertThat(count(events, association, EventType.EXECUTION_RECOVERED)).isEqualTo(1);
        assertThat(types(events, resynced)).containsExactly(EventType.STATUS_CHANGED, EventType.STATUS_CHANGED);
        assertThat(events).filteredOn(e -> e.type() == EventType.RECOVERED || e.type() == EventType.EXECUTION_RECOVERED)
                .extracting(e -> e.attribute(ResourceEvent.Attributes.RECOVERED_FROM))
                .containsExactlyInAnyOrder("NEEDS_ATTENTION", "FAILED");
        String metrics = fixture.scrape();
        assertThat(sample(metrics, "integration_monitor_events_total", "type=\"recovered\"")).isEqualTo(1.0);
        assertThat(sample(metrics, "integration_monitor_events_total", "type=\"execution_recovered\"")).isEqualTo(1.0);
    }

    @Test
    void a_restart_between_the_transient_status_and_the_healthy_one_still_recovers() {
        // given a failed integration that is re-seeding when the monitor restarts
        fixture = MonitorFixture.start(new EstateSpec(1, 0, 0, 0, 2), dataDir);
        String arn = fixture.estate().integrations(HOME).get(0).arn();
        fixture.pollAllExpectingSuccess();
        fixture.estate().setIntegrationStatus(arn, "FAILED", List.of(new SimError("SOURCE_CONNECTION_LOST", "lost")));
        fixture.pollAllExpectingSuccess();
        fixture.estate().setIntegrationStatus(arn, "SYNCING", List.of());
        List<ResourceEvent> syncing = fixture.pollAllExpectingSuccess();
        fixture.restartMonitor();

        // when it is ACTIVE, seen by the restarted monitor
        fixture.estate().setIntegrationStatus(arn, "ACTIVE", List.of());
        List<ResourceEvent> active = fixture.pollAllExpectingSuccess();
        List<ResourceEvent> after = fixture.pollAllExpectingSuccess();

        // then the restarted monitor reports the recovery, once
        assertThat(types(syncing, arn)).containsExactly(EventType.STATUS_CHANGED);
        assertThat(types(active, arn)).containsExactly(EventType.RECOVERED, EventType.STATUS_CHANGED);
        assertThat(active).filteredOn(e -> e.type() == EventType.RECOVERED)
                .extracting(e -> e.attribute(ResourceEvent.Attributes.RECOVERED_FROM), ResourceEvent::fromStatus,
                        ResourceEvent::toStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("FAILED", "SYNCING", "ACTIVE"));
        assertThat(after).isEmpty();
    }

    private List<ResourceEvent> playPollingAfterEachStep(ScriptedStory story) {
        List<ResourceEvent> events = new ArrayList<>();
        for (ScriptedStory.Step step : story.steps()) {
            step.action().accept(fixture.estate());
            events.addAll(fixture.pollAllExpectingSuccess());
        }
        return events;
    }

    private static long count(List<ResourceEvent> events, String arn, EventType type) {
        return events.stream().filter(e -> e.resource().arn().equals(arn) && e.type() == type).count();
    }
}
