package io.integrationmonitor;

import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.pipeline.PollRunner;
import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.Source;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.Operation;
import io.integrationmonitor.simulator.SimAssociation;
import io.integrationmonitor.simulator.SimError;
import io.integrationmonitor.simulator.SimIntegration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.integrationmonitor.MonitorFixture.HOME;
import static io.integrationmonitor.MonitorFixture.sample;
import static io.integrationmonitor.MonitorFixture.types;
import static org.assertj.core.api.Assertions.assertThat;

/** The backbone end to end: real SDK clients, the simulator over HTTP, the real state store, metrics over HTTP. */
class MonitorEndToEndTest {
    /** Page cap 2 with these counts means more than three pages on every API. */
    private static final EstateSpec PAGED = new EstateSpec(9, 7, 7, 7, 2);

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
    void every_source_is_read_across_all_of_its_pages() {
        fixture = MonitorFixture.start(PAGED, dataDir);

        List<ResourceEvent> events = fixture.pollAllExpectingSuccess();

        Map<ResourceKind, Long> counts = countByKind(fixture.monitor().store().allResources());
        assertThat(counts).containsEntry(ResourceKind.GLUE_INTEGRATION, 9L)
                .containsEntry(ResourceKind.GLUE_INBOUND_INTEGRATION, 7L)
                .containsEntry(ResourceKind.APPINTEGRATIONS_ASSOCIATION, 49L);
        var calls = fixture.simulator.calls();
        assertThat(calls.count(Operation.GLUE_DESCRIBE_INTEGRATIONS)).isEqualTo(5);
        assertThat(calls.count(Operation.GLUE_DESCRIBE_INBOUND_INTEGRATIONS)).isEqualTo(4);
        assertThat(calls.count(Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATIONS)).isEqualTo(4);
        assertThat(calls.count(Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATION_ASSOCIATIONS)).isEqualTo(7 * 4);
        // each target's first poll: one DISCOVERED with the count, not one APPEARED per resource
        assertThat(events).noneMatch(e -> e.type() == EventType.APPEARED);
        assertThat(events).filteredOn(e -> e.type() == EventType.DISCOVERED)
                .extracting(e -> e.attribute(ResourceEvent.Attributes.COUNT))
                .containsExactlyInAnyOrder("9", "7", "49");
    }

    @Test
    void every_glue_status_is_reported_as_a_one_hot_state_set() {
        fixture = MonitorFixture.start(new EstateSpec(7, 0, 0, 0, 2), dataDir);
        List<String> statuses = List.of("CREATING", "ACTIVE", "MODIFYING", "FAILED", "DELETING", "SYNCING", "NEEDS_ATTENTION");
        List<SimIntegration> integrations = fixture.estate().integrations(HOME);
        for (int i = 0; i < statuses.size(); i++) {
            fixture.estate().setIntegrationStatus(integrations.get(i).arn(), statuses.get(i), List.of());
        }

        fixture.pollAllExpectingSuccess();

        String metrics = fixture.scrape();
        for (int i = 0; i < statuses.size(); i++) {
            String arn = integrations.get(i).arn();
            assertThat(fixture.resourcesByArn().get(arn).status().label()).isEqualTo(statuses.get(i));
            for (String status : statuses) {
                assertThat(sample(metrics, "aws_glue_integration_status", "integration_arn=\"" + arn + "\"",
                        "status=\"" + status + "\""))
                        .as("%s status=%s", integrations.get(i).name(), status)
                        .isEqualTo(status.equals(statuses.get(i)) ? 1.0 : 0.0);
            }
        }
    }

    @Test
    void failures_and_recoveries_are_detected_once_each() {
        fixture = MonitorFixture.start(new EstateSpec(3, 1, 0, 0, 2), dataDir);
        fixture.pollAllExpectingSuccess();
        String failing = fixture.estate().integrations(HOME).get(0).arn();
        String attention = fixture.estate().integrations(HOME).get(1).arn();
        String inbound = fixture.estate().inboundIntegrations(HOME).get(0).arn();

        fixture.estate().setIntegrationStatus(failing, "FAILED", List.of(new SimError("SOURCE_CONNECTION_LOST", "timed out")));
        fixture.estate().setIntegrationStatus(attention, "NEEDS_ATTENTION", List.of(new SimError("RESYNC", "resync needed")));
        fixture.estate().setInboundStatus(inbound, "FAILED", List.of(new SimError("TARGET_ACCESS_DENIED", "denied")));
        List<ResourceEvent> broke = fixture.pollAllExpectingSuccess();
        List<ResourceEvent> quiet = fixture.pollAllExpectingSuccess();
        fixture.estate().setIntegrationStatus(failing, "ACTIVE", List.of());
        fixture.estate().setIntegrationStatus(attention, "ACTIVE", List.of());
        fixture.estate().setInboundStatus(inbound, "ACTIVE", List.of());
        List<ResourceEvent> recovered = fixture.pollAllExpectingSuccess();

        assertThat(types(broke, failing)).containsExactly(EventType.ENTERED_FAILED, EventType.STATUS_CHANGED);
        assertThat(types(broke, attention)).containsExactly(EventType.ENTERED_NEEDS_ATTENTION, EventType.STATUS_CHANGED);
        assertThat(types(broke, inbound)).containsExactly(EventType.ENTERED_FAILED, EventType.STATUS_CHANGED);
        assertThat(quiet).isEmpty();
        assertThat(types(recovered, failing)).containsExactly(EventType.RECOVERED, EventType.STATUS_CHANGED);
        assertThat(types(recovered, attention)).containsExactly(EventType.RECOVERED, EventType.STATUS_CHANGED);
        assertThat(types(recovered, inbound)).containsExactly(EventType.RECOVERED, EventType.STATUS_CHANGED);
        assertThat(broke.stream().filter(e -> e.resource().arn().equals(failing)).findFirst().orElseThrow()
                .resource().errors()).extracting(Object::toString).containsExactly("SOURCE_CONNECTION_LOST: timed out");
        String metrics = fixture.scrape();
        assertThat(sample(metrics, "integration_monitor_transitions_total", "kind=\"glue_integration\"",
                "from=\"ACTIVE\"", "to=\"FAILED\"")).isEqualTo(1.0);
        assertThat(sample(metrics, "integration_monitor_transitions_total", "kind=\"glue_integration\"",
                "from=\"FAILED\"", "to=\"ACTIVE\"")).isEqualTo(1.0);
    }

    @Test
    void the_stored_events_tell_the_story_with_one_event_per_change() {
        // given two integrations, polled for the first time
        fixture = MonitorFixture.start(new EstateSpec(2, 0, 0, 0, 2), dataDir);
        SimIntegration orders = fixture.estate().integrations(HOME).get(0);
        fixture.pollAllExpectingSuccess();

        // when one fails, needs attention, re-seeds and is active again
        fixture.estate().setIntegrationStatus(orders.arn(), "FAILED", List.of(new SimError("E", "broken")));
        fixture.pollAllExpectingSuccess();
        fixture.estate().setIntegrationStatus(orders.arn(), "NEEDS_ATTENTION", List.of(new SimError("R", "resync")));
        fixture.pollAllExpectingSuccess();
        fixture.estate().setIntegrationStatus(orders.arn(), "SYNCING", List.of());
        fixture.pollAllExpectingSuccess();
        fixture.estate().setIntegrationStatus(orders.arn(), "ACTIVE", List.of());
        fixture.pollAllExpectingSuccess();

        // then the store holds exactly one event per change: the first poll as one DISCOVERED, no duplicates
        List<String> story = fixture.monitor().store().eventsSince(Instant.EPOCH, 100).stream()
                .map(e -> e.types().stream().map(EventType::label).toList() + " " + e.name() + ": " + e.message()
                        + " " + e.attributes())
                .toList();
        String name = orders.name();
        assertThat(story).containsExactly(
                "[discovered] : discovered 2 resources {count=2}",
                "[entered_failed, status_changed] " + name + ": ACTIVE → FAILED {}",
                "[entered_needs_attention, status_changed] " + name + ": FAILED → NEEDS_ATTENTION {}",
                "[status_changed] " + name + ": NEEDS_ATTENTION → SYNCING {}",
                "[recovered, status_changed] " + name + ": SYNCING → ACTIVE (recovered from NEEDS_ATTENTION)"
                        + " {recovered_from=NEEDS_ATTENTION}");
        // and the JSON API shows the same, with every type and the attributes
        String api = fixture.get("/api/v1/events").body();
        assertThat(api).contains("\"type\":\"recovered\",\"types\":[\"recovered\",\"status_changed\"]",
                "\"attributes\":{\"recovered_from\":\"NEEDS_ATTENTION\"}", "\"message\":\"discovered 2 resources\"");
        // and integration_monitor_events_total still counts each type
        String metrics = fixture.scrape();
        assertThat(sample(metrics, "integration_monitor_events_total", "type=\"status_changed\"",
                "kind=\"glue_integration\"")).isEqualTo(4.0);
        assertThat(sample(metrics, "integration_monitor_events_total", "type=\"discovered\"",
                "kind=\"glue_integration\"")).isEqualTo(1.0);
    }

    @Test
    void a_failed_execution_and_its_recovery_are_detected() {
        fixture = MonitorFixture.start(new EstateSpec(0, 0, 1, 3, 2), dataDir);
        fixture.pollAllExpectingSuccess();
        SimAssociation association = fixture.estate().associations(HOME).get(0);
        fixture.estate().setAssociationExecution(association.arn(), "COMPLETED", null);
        fixture.pollAllExpectingSuccess();

        fixture.estate().setAssociationExecution(association.arn(), "FAILED", "REQUEST_LIMIT_EXCEEDED: limit exceeded");
        List<ResourceEvent> failed = fixture.pollAllExpectingSuccess();
        String metrics = fixture.scrape();
        fixture.estate().setAssociationExecution(association.arn(), "COMPLETED", null);
        List<ResourceEvent> recovered = fixture.pollAllExpectingSuccess();

        assertThat(types(failed, association.arn())).containsExactly(EventType.EXECUTION_FAILED, EventType.STATUS_CHANGED);
        assertThat(failed.get(0).resource().errors()).extracting(Object::toString)
                .containsExactly("REQUEST_LIMIT_EXCEEDED: limit exceeded");
        assertThat(sample(metrics, "aws_appintegrations_association_last_execution_status",
                "association_arn=\"" + association.arn() + "\"", "status=\"FAILED\"")).isEqualTo(1.0);
        assertThat(types(recovered, association.arn()))
                .containsExactly(EventType.EXECUTION_RECOVERED, EventType.STATUS_CHANGED);
    }

    @Test
    void resources_that_appear_and_vanish_are_reported_and_their_series_removed() {
        fixture = MonitorFixture.start(new EstateSpec(3, 0, 0, 0, 2), dataDir);
        fixture.pollAllExpectingSuccess();
        SimIntegration leaving = fixture.estate().integrations(HOME).get(0);
        SimIntegration arriving = new SimIntegration(leaving.arn().replace("integration:", "integration:new-"),
                "arriving-zetl", leaving.sourceArn(), leaving.targetArn(), "FAILED", Instant.now(), "",
                List.of(new SimError("E1", "broken from the start")), Map.of());

        fixture.estate().remove(leaving.arn());
        fixture.estate().addIntegration(arriving);
        List<ResourceEvent> events = fixture.pollAllExpectingSuccess();

        assertThat(types(events, leaving.arn())).containsExactly(EventType.VANISHED);
        assertThat(types(events, arriving.arn())).containsExactly(EventType.ENTERED_FAILED, EventType.APPEARED);
        String metrics = fixture.scrape();
        assertThat(metrics).doesNotContain(leaving.arn());
        assertThat(sample(metrics, "aws_glue_integration_status", "integration_name=\"arriving-zetl\"",
                "status=\"FAILED\"")).isEqualTo(1.0);
    }

    @Test
    void a_throttled_page_succeeds_after_the_sdk_retries_it() {
        fixture = MonitorFixture.start(PAGED, dataDir);
        fixture.simulator.faults().throttleNext(Operation.GLUE_DESCRIBE_INTEGRATIONS, 1);

        fixture.pollAllExpectingSuccess();

        assertThat(fixture.resourcesByArn().values()).filteredOn(r -> r.resource().kind() == ResourceKind.GLUE_INTEGRATION)
                .hasSize(9);
        String metrics = fixture.scrape();
        assertThat(sample(metrics, "integration_monitor_aws_requests_total", "operation=\"DescribeIntegrations\"",
                "outcome=\"throttled\"")).isEqualTo(1.0);
        assertThat(sample(metrics, "integration_monitor_poll_errors_total", "source=\"glue_integrations\"",
                "reason=\"throttled\"")).isEqualTo(0.0);
    }

    @Test
    void a_page_that_keeps_failing_fails_the_poll_without_vanishing_anything() {
        fixture = MonitorFixture.start(PAGED, dataDir);
        fixture.pollAllExpectingSuccess();
        fixture.simulator.faults().failAlways(Operation.GLUE_DESCRIBE_INTEGRATIONS, null);

        List<PollRunner.Outcome> outcomes = fixture.pollAll();

        PollRunner.Outcome glue = outcomes.stream()
                .filter(o -> !o.succeeded() && o.failed().target().source() == Source.GLUE_INTEGRATIONS)
                .findFirst().orElseThrow(() -> new AssertionError("expected the Glue poll to fail: " + outcomes));
        assertThat(glue.failed().reason()).isEqualTo(PollErrorReason.SERVER_ERROR);
        // every other source's poll succeeded, quietly
        assertThat(outcomes).filteredOn(PollRunner.Outcome::succeeded).hasSize(outcomes.size() - 1)
                .allSatisfy(o -> assertThat(o.completed().events()).isEmpty());
        assertThat(fixture.resourcesByArn().values())
                .filteredOn(r -> r.resource().kind() == ResourceKind.GLUE_INTEGRATION).hasSize(9);
        assertThat(fixture.monitor().store().eventsSince(Instant.EPOCH, 1000))
                .noneMatch(e -> e.type() == EventType.VANISHED);
        String metrics = fixture.scrape();
        assertThat(sample(metrics, "integration_monitor_poll_errors_total", "source=\"glue_integrations\"",
                "reason=\"server_error\"")).isEqualTo(1.0);
        assertThat(sample(metrics, "aws_glue_integration_status", "status=\"ACTIVE\"",
                "integration_arn=\"" + fixture.estate().integrations(HOME).get(0).arn() + "\"")).isEqualTo(1.0);
    }

    @Test
    void a_malformed_page_is_an_invalid_response_not_a_crash() {
        fixture = MonitorFixture.start(PAGED, dataDir);
        // More than the SDK's attempts: one malformed page alone is retried away.
        fixture.simulator.faults().malformedNext(Operation.GLUE_DESCRIBE_INBOUND_INTEGRATIONS, 5);

        List<PollRunner.Outcome> outcomes = fixture.pollAll();

        assertThat(outcomes).filteredOn(o -> !o.succeeded()).singleElement()
                .satisfies(o -> assertThat(o.failed().reason()).isEqualTo(PollErrorReason.INVALID_RESPONSE));
        assertThat(sample(fixture.scrape(), "integration_monitor_poll_errors_total",
                "source=\"glue_inbound_integrations\"", "reason=\"invalid_response\"")).isEqualTo(1.0);
    }

    @Test
    void a_restart_repeats_nothing_and_reports_a_change_made_while_down_exactly_once() {
        fixture = MonitorFixture.start(new EstateSpec(4, 2, 1, 2, 2), dataDir);
        fixture.pollAllExpectingSuccess();
        String arn = fixture.estate().integrations(HOME).get(2).arn();

        fixture.monitor().close();
        fixture.estate().setIntegrationStatus(arn, "FAILED", List.of(new SimError("E", "while down")));
        fixture.startMonitor();
        List<ResourceEvent> afterRestart = fixture.pollAllExpectingSuccess();
        List<ResourceEvent> next = fixture.pollAllExpectingSuccess();

        assertThat(afterRestart).extracting(ResourceEvent::types)
                .containsExactly(List.of(EventType.ENTERED_FAILED, EventType.STATUS_CHANGED));
        assertThat(afterRestart).allMatch(e -> e.resource().arn().equals(arn));
        assertThat(next).isEmpty();
    }

    @Test
    void readyz_turns_ready_after_the_first_complete_poll_of_every_source() {
        fixture = MonitorFixture.start(new EstateSpec(2, 1, 1, 1, 0), dataDir);
        fixture.simulator.faults().failAlways(Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATIONS, null);

        var before = fixture.get("/readyz");
        fixture.pollAll();
        var partly = fixture.get("/readyz");
        fixture.simulator.faults().clear();
        fixture.pollAll();
        var after = fixture.get("/readyz");

        assertThat(before.statusCode()).isEqualTo(503);
        assertThat(partly.statusCode()).isEqualTo(503);
        assertThat(partly.body()).contains("appintegrations_associations");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(fixture.get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void metrics_expose_info_errors_and_self_metrics_for_the_estate() {
        fixture = MonitorFixture.start(new EstateSpec(2, 1, 1, 2, 0), dataDir);
        SimIntegration broken = fixture.estate().integrations(HOME).get(0);
        fixture.estate().setIntegrationStatus(broken.arn(), "FAILED",
                List.of(new SimError("A", "one"), new SimError("B", "two")));

        fixture.pollAllExpectingSuccess();
        String metrics = fixture.scrape();

        assertThat(sample(metrics, "aws_glue_integration_info", "integration_arn=\"" + broken.arn() + "\"",
                "source_arn=\"" + broken.sourceArn() + "\"", "target_arn=\"" + broken.targetArn() + "\"")).isEqualTo(1.0);
        assertThat(sample(metrics, "aws_glue_integration_errors", "integration_arn=\"" + broken.arn() + "\"")).isEqualTo(2.0);
        assertThat(metrics).contains("aws_glue_inbound_integration_status{", "aws_glue_inbound_integration_errors{",
                "aws_appintegrations_association_info{", "aws_appintegrations_association_last_execution_status{",
                "aws_glue_integration_status_since_timestamp_seconds{",
                "aws_appintegrations_association_status_since_timestamp_seconds{",
                "integration_monitor_poll_duration_seconds_count{", "integration_monitor_poll_last_success_timestamp_seconds{",
                "integration_monitor_build_info{", "jvm_memory_used_bytes{", "process_cpu_usage");
        assertThat(sample(metrics, "integration_monitor_aws_requests_total", "service=\"glue\"",
                "operation=\"DescribeIntegrations\"", "outcome=\"success\"")).isEqualTo(1.0);
    }

    private static Map<ResourceKind, Long> countByKind(List<KnownResource> resources) {
        return resources.stream().collect(java.util.stream.Collectors.groupingBy(r -> r.resource().kind(),
                java.util.stream.Collectors.counting()));
    }
}
