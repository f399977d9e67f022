package io.integrationmonitor;

import io.integrationmonitor.alert.AlertView;
import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.pipeline.PollRunner;
import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;
import io.integrationmonitor.poll.Source;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.Operation;
import io.integrationmonitor.simulator.ScriptedStory;
import io.integrationmonitor.simulator.SimError;
import io.integrationmonitor.simulator.SimRedshiftIntegration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.integrationmonitor.MonitorFixture.HOME;
import static io.integrationmonitor.MonitorFixture.sample;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redshift DescribeIntegrations and DescribeInboundIntegrations end to end: the real RedshiftClient over the
 * simulator's awsQuery, the real pollers, detector, store, alerting and metrics.
 */
class RedshiftEndToEndTest {
    /** Page cap 2: nine integrations are five pages, seven inbound ones four. */
    private static final EstateSpec PAGED = new EstateSpec(0, 0, 0, 0, 2).withRedshift(9, 7);
    private static final List<String> STATUSES =
            List.of("creating", "active", "modifying", "failed", "deleting", "syncing", "needs_attention");

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
    void both_listings_are_read_across_all_of_their_pages() {
        // given nine Redshift integrations and seven inbound ones, two items a page
        fixture = MonitorFixture.start(PAGED, dataDir);

        // when
        fixture.pollAllExpectingSuccess();

        // then every one is known, from every page of its listing
        assertThat(fixture.monitor().store().allResources()).extracting(k -> k.resource().kind())
                .filteredOn(k -> k == ResourceKind.REDSHIFT_INTEGRATION).hasSize(9);
        assertThat(fixture.monitor().store().allResources()).extracting(k -> k.resource().kind())
                .filteredOn(k -> k == ResourceKind.REDSHIFT_INBOUND_INTEGRATION).hasSize(7);
        assertThat(fixture.simulator.calls().count(Operation.REDSHIFT_DESCRIBE_INTEGRATIONS)).isEqualTo(5);
        assertThat(fixture.simulator.calls().count(Operation.REDSHIFT_DESCRIBE_INBOUND_INTEGRATIONS)).isEqualTo(4);
    }

    @Test
    void every_status_is_normalised_into_the_shared_vocabulary_and_exported_as_a_state_set() {
        // given seven integrations, one in each of the model's lower-case statuses
        fixture = MonitorFixture.start(new EstateSpec(0, 0, 0, 0, 2).withRedshift(7, 0), dataDir);
        List<SimRedshiftIntegration> integrations = fixture.estate().redshiftIntegrations(HOME);
        for (int i = 0; i < STATUSES.size(); i++) {
            fixture.estate().setRedshiftStatus(integrations.get(i).arn(), STATUSES.get(i), List.of());
        }

        // when
        fixture.pollAllExpectingSuccess();

        // then
        String metrics = fixture.scrape();
        Map<String, KnownResource> known = known(ResourceKind.REDSHIFT_INTEGRATION);
        for (int i = 0; i < STATUSES.size(); i++) {
            String arn = integrations.get(i).arn();
            String expected = STATUSES.get(i).toUpperCase(java.util.Locale.ROOT);
            assertThat(known.get(arn).status().label()).isEqualTo(expected);
            for (ResourceStatus status : ResourceKind.REDSHIFT_INTEGRATION.statuses()) {
                assertThat(sample(metrics, "aws_redshift_integration_status", "integration_arn=\"" + arn + "\"",
                        "status=\"" + status.label() + "\""))
                        .as("%s status=%s", integrations.get(i).name(), status)
                        .isEqualTo(status.label().equals(expected) ? 1.0 : 0.0);
            }
        }
    }

    @Test
    void failed_and_needs_attention_are_detected_and_alerted_and_their_recovery_too() {
        // given a Redshift integration and an Aurora integration into a namespace (listed inbound), all healthy
        // and known; each in one listing only, the alert of an ARN in two listings being another matter
        fixture = MonitorFixture.start(new EstateSpec(0, 0, 0, 0, 2).withRedshift(2, 2), dataDir);
        String outbound = fixture.estate().redshiftIntegrations(HOME).stream().map(SimRedshiftIntegration::arn)
                .filter(arn -> fixture.estate().redshiftInboundIntegration(arn).isEmpty()).findFirst().orElseThrow();
        String inbound = fixture.estate().redshiftInboundIntegrations(HOME).stream()
                .filter(i -> i.arn().startsWith("arn:aws:rds:")).findFirst().orElseThrow().arn();
        fixture.pollAllExpectingSuccess();

        // when the story plays: failed -> syncing -> active; needs_attention -> active
        ScriptedStory story = ScriptedStory.builder()
                .at(Duration.ofMinutes(1), "a table vanished, a namespace is full", estate -> {
                    estate.setRedshiftStatus(outbound, "failed",
                            List.of(new SimError("SOURCE_TABLE_NOT_FOUND", "Table orders was deleted")));
                    estate.setRedshiftStatus(inbound, "needs_attention",
                            List.of(new SimError("TARGET_CAPACITY_EXCEEDED", "Increase base RPUs")));
                })
                .at(Duration.ofMinutes(2), "re-syncing", estate -> estate.setRedshiftStatus(outbound, "syncing",
                        List.of()))
                .at(Duration.ofMinutes(3), "healthy again", estate -> {
                    estate.setRedshiftStatus(outbound, "active", List.of());
                    estate.setRedshiftStatus(inbound, "active", List.of());
                })
                .build();
        List<List<ResourceEvent>> perStep = new ArrayList<>();
        List<List<AlertView>> firingPerStep = new ArrayList<>();
        for (ScriptedStory.Step step : story.steps()) {
            step.action().accept(fixture.estate());
            perStep.add(fixture.pollAllExpectingSuccess());
            firingPerStep.add(fixture.monitor().alerting().engine().alerts().stream().filter(AlertView::firing)
                    .toList());
        }

        // then the failure and the attention are detected, with their errors
        assertThat(types(perStep.get(0), outbound, ResourceKind.REDSHIFT_INTEGRATION))
                .containsExactly(EventType.ENTERED_FAILED, EventType.STATUS_CHANGED);
        assertThat(types(perStep.get(0), inbound, ResourceKind.REDSHIFT_INBOUND_INTEGRATION))
                .containsExactly(EventType.ENTERED_NEEDS_ATTENTION, EventType.STATUS_CHANGED);
        assertThat(perStep.get(0)).filteredOn(e -> e.resource().arn().equals(outbound)).first()
                .satisfies(e -> assertThat(e.resource().errors()).extracting(Object::toString)
                        .containsExactly("SOURCE_TABLE_NOT_FOUND: Table orders was deleted"));
        // alerted, with the kinds routes can match
        assertThat(firingPerStep.get(0)).extracting(a -> a.alert().arn() + " " + a.alert().kind())
                .contains(outbound + " redshift_integration", inbound + " redshift_inbound_integration");
        // and each recovers once, its alert resolved
        assertThat(types(perStep.get(1), outbound, ResourceKind.REDSHIFT_INTEGRATION))
                .containsExactly(EventType.STATUS_CHANGED);
        assertThat(types(perStep.get(2), outbound, ResourceKind.REDSHIFT_INTEGRATION))
                .containsExactly(EventType.RECOVERED, EventType.STATUS_CHANGED);
        assertThat(types(perStep.get(2), inbound, ResourceKind.REDSHIFT_INBOUND_INTEGRATION))
                .containsExactly(EventType.RECOVERED, EventType.STATUS_CHANGED);
        assertThat(firingPerStep.get(2)).extracting(a -> a.alert().arn()).doesNotContain(outbound, inbound);
        String metrics = fixture.scrape();
        assertThat(sample(metrics, "integration_monitor_transitions_total", "kind=\"redshift_integration\"",
                "from=\"ACTIVE\"", "to=\"FAILED\"")).isEqualTo(1.0);
    }

    @Test
    void one_integration_in_both_listings_carries_the_same_integration_arn_in_both_metric_families() {
        // given an integration that Redshift lists outbound and inbound, needing attention
        fixture = MonitorFixture.start(new EstateSpec(0, 0, 0, 0, 0).withRedshift(1, 1), dataDir);
        String shared = fixture.estate().redshiftIntegrations(HOME).get(0).arn();
        fixture.estate().setRedshiftStatus(shared, "needs_attention", List.of(new SimError("E", "m")));

        // when
        fixture.pollAllExpectingSuccess();

        // then each listing's family says so, joinable on integration_arn
        String metrics = fixture.scrape();
        for (String family : List.of("aws_redshift_integration_status", "aws_redshift_inbound_integration_status")) {
            assertThat(sample(metrics, family, "integration_arn=\"" + shared + "\"", "status=\"NEEDS_ATTENTION\""))
                    .as(family).isEqualTo(1.0);
        }
    }

    @Test
    void integrations_appear_and_vanish() {
        // given a known estate
        fixture = MonitorFixture.start(new EstateSpec(0, 0, 0, 0, 2).withRedshift(3, 0), dataDir);
        fixture.pollAllExpectingSuccess();
        String gone = fixture.estate().redshiftIntegrations(HOME).get(0).arn();
        SimRedshiftIntegration added = new SimRedshiftIntegration(
                "arn:aws:redshift:us-east-1:123456789012:integration:11111111-2222-3333-4444-555555555555",
                "late-arrival", "arn:aws:dynamodb:us-east-1:123456789012:table/late",
                "arn:aws:redshift-serverless:us-east-1:123456789012:namespace/ns", "creating", Instant.now(), null,
                null, Map.of(), List.of(), Map.of("team", "late"));

        // when one is added and another deleted
        fixture.estate().addRedshiftIntegration(added);
        fixture.estate().remove(gone);
        List<ResourceEvent> events = fixture.pollAllExpectingSuccess();

        // then
        assertThat(types(events, added.arn(), ResourceKind.REDSHIFT_INTEGRATION)).contains(EventType.APPEARED);
        assertThat(types(events, gone, ResourceKind.REDSHIFT_INTEGRATION)).contains(EventType.VANISHED);
        assertThat(known(ResourceKind.REDSHIFT_INTEGRATION)).containsKey(added.arn()).doesNotContainKey(gone)
                .hasSize(3);
    }

    @ParameterizedTest
    @EnumSource(value = Operation.class, names = {"REDSHIFT_DESCRIBE_INTEGRATIONS",
            "REDSHIFT_DESCRIBE_INBOUND_INTEGRATIONS"})
    void throttling_is_retried_by_the_sdk(Operation listing) {
        // given two throttled calls ahead (the fixture allows three attempts)
        fixture = MonitorFixture.start(PAGED, dataDir);
        fixture.simulator.faults().throttleNext(listing, 2);

        // when
        fixture.pollAllExpectingSuccess();

        // then the poll succeeded after the retries
        long pages = listing == Operation.REDSHIFT_DESCRIBE_INTEGRATIONS ? 5 : 4;
        assertThat(fixture.simulator.calls().count(listing)).isEqualTo(pages + 2);
        assertThat(fixture.monitor().store().allResources()).hasSize(16);
    }

    @Test
    void a_failing_listing_fails_only_its_own_sources_poll_and_nothing_vanishes() {
        // given a known estate, then DescribeIntegrations answering 500 on every call
        fixture = MonitorFixture.start(new EstateSpec(2, 1, 0, 0, 2).withRedshift(9, 7), dataDir);
        fixture.pollAllExpectingSuccess();
        int known = fixture.monitor().store().allResources().size();
        fixture.simulator.faults().failAlways(Operation.REDSHIFT_DESCRIBE_INTEGRATIONS, null);

        // when
        List<PollRunner.Outcome> outcomes = fixture.pollAll();

        // then that source's poll failed as a server error; every other source's succeeded
        assertThat(outcomes).filteredOn(o -> !o.succeeded()).singleElement().satisfies(o -> {
            assertThat(o.failed().target().source()).isEqualTo(Source.REDSHIFT_INTEGRATIONS);
            assertThat(o.failed().reason()).isEqualTo(PollErrorReason.SERVER_ERROR);
            assertThat(o.failed().message()).startsWith("Redshift DescribeIntegrations page 1: InternalFailure");
        });
        assertThat(fixture.monitor().store().allResources()).hasSize(known);
        assertThat(fixture.monitor().store().eventsSince(Instant.EPOCH, 1000))
                .noneMatch(e -> e.type() == EventType.VANISHED);
    }

    @ParameterizedTest
    @EnumSource(value = Operation.class, names = {"REDSHIFT_DESCRIBE_INTEGRATIONS",
            "REDSHIFT_DESCRIBE_INBOUND_INTEGRATIONS"})
    void malformed_xml_and_a_page_without_its_list_are_invalid_responses(Operation listing) {
        // given a known estate
        fixture = MonitorFixture.start(PAGED, dataDir);
        fixture.pollAllExpectingSuccess();
        Source source = listing == Operation.REDSHIFT_DESCRIBE_INTEGRATIONS
                ? Source.REDSHIFT_INTEGRATIONS : Source.REDSHIFT_INBOUND_INTEGRATIONS;

        // when a page is cut off mid-document, then a 200 has no list
        fixture.simulator.faults().malformedNext(listing, 1);
        PollRunner.Outcome malformed = failureOf(fixture.pollAll(), source);
        fixture.simulator.faults().nullListNext(listing, null, 1);
        PollRunner.Outcome withoutList = failureOf(fixture.pollAll(), source);

        // then both fail the poll as invalid responses, and nothing vanished
        assertThat(malformed.failed().reason()).isEqualTo(PollErrorReason.INVALID_RESPONSE);
        assertThat(malformed.failed().message()).isEqualTo("Redshift " + listing.awsName()
                + " page 1: unparseable response");
        assertThat(withoutList.failed().reason()).isEqualTo(PollErrorReason.INVALID_RESPONSE);
        assertThat(withoutList.failed().message()).contains(listing.awsName() + " page 1: ")
                .contains("is missing or null; a 200 without the list is not an empty listing");
        assertThat(fixture.monitor().store().allResources()).hasSize(16);
        assertThat(fixture.monitor().store().eventsSince(Instant.EPOCH, 1000))
                .noneMatch(e -> e.type() == EventType.VANISHED);
    }

    private Map<String, KnownResource> known(ResourceKind kind) {
        return fixture.monitor().store().allResources().stream().filter(k -> k.resource().kind() == kind)
                .collect(Collectors.toMap(KnownResource::arn, Function.identity()));
    }

    private static List<EventType> types(List<ResourceEvent> events, String arn, ResourceKind kind) {
        return events.stream().filter(e -> e.resource() != null && e.resource().arn().equals(arn)
                        && e.resource().kind() == kind)
                .flatMap(e -> e.types().stream()).toList();
    }

    private static PollRunner.Outcome failureOf(List<PollRunner.Outcome> outcomes, Source source) {
        return outcomes.stream().filter(o -> !o.succeeded() && o.failed().target().source() == source)
                .findFirst().orElseThrow(() -> new AssertionError("no failed poll of " + source + " in " + outcomes));
    }
}
