package io.integrationmonitor;

import ch.qos.logback.classic.Level;
import io.integrationmonitor.alert.AlertView;
import io.integrationmonitor.alert.evaluate.Condition;
import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.pipeline.PollRunner;
import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.ResourceStatus;
import io.integrationmonitor.poll.Source;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.Operation;
import io.integrationmonitor.simulator.SimError;
import io.integrationmonitor.testing.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;


import static io.integrationmonitor.MonitorFixture.HOME;
import static io.integrationmonitor.MonitorFixture.sample;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Polling integrity end to end, through the real SDK clients against the simulator's fault injection: a
 * 200 without its list, a listing that never ends, pages that trickle in, and a page too large to hold.
 */
class PollIntegrityEndToEndTest {
    private static final EstateSpec SMALL = new EstateSpec(2, 1, 1, 1, 0).withRdsIntegrations(1);
    private static final List<Operation> LISTINGS = List.of(Operation.GLUE_DESCRIBE_INTEGRATIONS,
            Operation.GLUE_DESCRIBE_INBOUND_INTEGRATIONS, Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATIONS,
            Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATION_ASSOCIATIONS, Operation.RDS_DESCRIBE_INTEGRATIONS);

    @TempDir
    Path dataDir;

    @RegisterExtension
    final LogCapture logs = LogCapture.of(PollRunner.class);
    private MonitorFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    static Stream<Arguments> listingsWithoutTheirList() {
        BiConsumer<MonitorFixture, Operation> emptyObject =
                (f, op) -> f.simulator.faults().emptyObjectNext(op, null, 1);
        BiConsumer<MonitorFixture, Operation> nullList = (f, op) -> f.simulator.faults().nullListNext(op, null, 1);
        return LISTINGS.stream().flatMap(op -> Stream.of(
                Arguments.of(op, "200 {}", emptyObject),
                Arguments.of(op, "null list", nullList)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("listingsWithoutTheirList")
    void a_200_without_its_list_fails_the_poll_and_nothing_vanishes_or_resolves(
            Operation listing, String fault, BiConsumer<MonitorFixture, Operation> inject) {
        // given a failing resource of every source, known and alerted from a good poll
        fixture = MonitorFixture.start(SMALL, dataDir);
        breakOneResourceOfEverySource();
        fixture.pollAllExpectingSuccess();
        String arn = failingArn(listing);
        KnownResource before = fixture.resourcesByArn().get(arn);
        AlertView alertBefore = alertOf(arn).orElseThrow(() -> new AssertionError("no alert for " + arn));
        double enqueuedBefore = fixture.enqueuedNotifications();
        assertThat(alertBefore.firing()).isTrue();
        assertThat(enqueuedBefore).as("the alerts' firing notifications").isPositive();
        assertThat(before.status()).isEqualTo(ResourceStatus.FAILED);

        // when the listing answers 200 without its list
        inject.accept(fixture, listing);
        List<PollRunner.Outcome> outcomes = fixture.pollAll();

        // then that source's poll fails as invalid_response, and the others succeed
        Source source = sourceOf(listing);
        assertThat(outcomes).filteredOn(o -> !o.succeeded()).singleElement().satisfies(o -> {
            assertThat(o.failed().target().source()).isEqualTo(source);
            assertThat(o.failed().reason()).isEqualTo(PollErrorReason.INVALID_RESPONSE);
            assertThat(o.failed().message()).contains(listing.awsName() + " ")
                    .contains("is missing or null");
        });
        assertThat(sample(fixture.scrape(), "integration_monitor_poll_errors_total",
                "source=\"" + source.label() + "\"", "reason=\"invalid_response\"")).isEqualTo(1.0);
        // nothing vanished: the resource is still FAILED since the same moment, its alert still firing
        assertThat(fixture.monitor().store().eventsSince(Instant.EPOCH, 1000))
                .noneMatch(e -> e.type() == EventType.VANISHED);
        KnownResource after = fixture.resourcesByArn().get(arn);
        assertThat(after.status()).isEqualTo(ResourceStatus.FAILED);
        assertThat(after.statusSince()).isEqualTo(before.statusSince());
        assertThat(alertOf(arn)).hasValueSatisfying(a -> {
            assertThat(a.firing()).isTrue();
            assertThat(a.alert().startsAt()).isEqualTo(alertBefore.alert().startsAt());
        });
        // and no notification at all was enqueued: no "[RESOLVED] ... vanished", no new firing
        assertThat(fixture.enqueuedNotifications()).isEqualTo(enqueuedBefore);

        // when the listing answers properly again: no re-discovery, no second alert
        List<ResourceEvent> next = fixture.pollAllExpectingSuccess();
        assertThat(next).isEmpty();
        assertThat(alertOf(arn).orElseThrow().alert().startsAt()).isEqualTo(alertBefore.alert().startsAt());
        assertThat(fixture.enqueuedNotifications()).isEqualTo(enqueuedBefore);
    }

    @ParameterizedTest
    @EnumSource(value = Operation.class, names = {"GLUE_DESCRIBE_INTEGRATIONS", "GLUE_DESCRIBE_INBOUND_INTEGRATIONS",
            "APPINTEGRATIONS_LIST_DATA_INTEGRATIONS", "APPINTEGRATIONS_LIST_DATA_INTEGRATION_ASSOCIATIONS",
            "RDS_DESCRIBE_INTEGRATIONS"})
    void endless_fresh_markers_fail_the_poll_at_its_page_budget_and_raise_poll_failing(Operation listing) {
        // given a listing that hands out a fresh token with every empty page, and a budget of 5 pages
        fixture = MonitorFixture.start(SMALL, dataDir, "", "", "max_pages: 5");
        fixture.pollAllExpectingSuccess();
        fixture.simulator.faults().endlessPages(listing, null);
        Source source = sourceOf(listing);
        long callsBefore = fixture.simulator.calls().count(listing);

        // when polled as often as the poll-failing threshold (3)
        List<PollRunner.Outcome> failures = Stream.of(1, 2, 3)
                .map(i -> failureOf(fixture.pollAll(), source))
                .toList();

        // then each poll stops at the budget with a reason of its own
        assertThat(failures).allSatisfy(f -> {
            assertThat(f.failed().reason()).isEqualTo(PollErrorReason.POLL_BUDGET_EXCEEDED);
            // pages are numbered per listing; the budget counts the poll's pages, the data integrations' one included
            assertThat(f.failed().message()).containsPattern(listing.awsName() + "( of \\S+)? page "
                    + (listing == Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATION_ASSOCIATIONS ? 5 : 6)
                    + ": poll budget exceeded: 5 pages read and the listing goes on; sources\\.\\w+\\.max_pages is 5");
        });
        // at most 5 pages per poll (the data-integration listing takes one of them before the associations)
        assertThat(fixture.simulator.calls().count(listing) - callsBefore).isBetween(3L * 4, 3L * 5);
        assertThat(sample(fixture.scrape(), "integration_monitor_poll_errors_total",
                "source=\"" + source.label() + "\"", "reason=\"poll_budget_exceeded\"")).isEqualTo(3.0);
        assertThat(pollFailing(source)).hasValueSatisfying(a -> {
            assertThat(a.firing()).isTrue();
            assertThat(a.alert().status()).isEqualTo("poll_budget_exceeded");
        });
        // logged once for the streak, not once per poll
        assertThat(logs.at(Level.WARN)).filteredOn(e -> e.getFormattedMessage().contains("poll budget exceeded"))
                .hasSize(1);
        assertThat(fixture.monitor().store().eventsSince(Instant.EPOCH, 1000))
                .noneMatch(e -> e.type() == EventType.VANISHED);
    }

    @Test
    void pages_that_trickle_in_fail_the_poll_at_its_time_budget() {
        // given nine integrations on five pages, each page taking 400 ms, and a budget of one second
        fixture = MonitorFixture.start(new EstateSpec(9, 0, 0, 0, 2), dataDir, "", "", "max_poll_duration: 1s");
        fixture.simulator.faults().addLatency(Operation.GLUE_DESCRIBE_INTEGRATIONS, null, Duration.ofMillis(400));

        // when
        PollRunner.Outcome glue = failureOf(fixture.pollAll(), Source.GLUE_INTEGRATIONS);

        // then the poll gave up before its last page, naming the setting
        assertThat(glue.failed().reason()).isEqualTo(PollErrorReason.POLL_BUDGET_EXCEEDED);
        assertThat(glue.failed().message()).startsWith("Glue DescribeIntegrations page ")
                .contains("poll budget exceeded: still paging after",
                        "sources.glue_integrations.max_poll_duration is 1s");
        assertThat(fixture.simulator.calls().count(Operation.GLUE_DESCRIBE_INTEGRATIONS)).isLessThan(5);
        assertThat(fixture.resourcesByArn()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Operation.class, names = {"GLUE_DESCRIBE_INTEGRATIONS", "GLUE_DESCRIBE_INBOUND_INTEGRATIONS",
            "APPINTEGRATIONS_LIST_DATA_INTEGRATIONS", "APPINTEGRATIONS_LIST_DATA_INTEGRATION_ASSOCIATIONS",
            "RDS_DESCRIBE_INTEGRATIONS"})
    void a_page_over_the_byte_limit_fails_the_poll_once_naming_the_limit(Operation listing) {
        // given a 64 KiB limit and a 1 MB page (well-formed, streamed by the simulator)
        fixture = MonitorFixture.start(SMALL, dataDir, "", "  max_response_bytes: 65536\n", "");
        fixture.simulator.faults().oversizedNext(listing, null, 1, 1_000_000);

        // when
        PollRunner.Outcome failed = failureOf(fixture.pollAll(), sourceOf(listing));

        // then the poll fails as invalid_response, naming the operation and the limit
        assertThat(failed.failed().reason()).isEqualTo(PollErrorReason.INVALID_RESPONSE);
        assertThat(failed.failed().message()).containsPattern(listing.awsName() + "( of \\S+)? page 1: ")
                .endsWith(": response body longer than aws.max_response_bytes (65536 bytes)");
        // and the SDK did not retry it: a retry would have got the good page and succeeded
        assertThat(fixture.simulator.calls().count(listing)).isEqualTo(1);
    }

    @Test
    void a_page_just_under_the_byte_limit_is_read() {
        // given
        fixture = MonitorFixture.start(SMALL, dataDir, "", "  max_response_bytes: 65536\n", "");
        fixture.simulator.faults().oversizedNext(Operation.GLUE_DESCRIBE_INTEGRATIONS, null, 1, 60_000);

        // when
        fixture.pollAllExpectingSuccess();

        // then every integration of the big page was read
        assertThat(fixture.resourcesByArn().keySet()).filteredOn(arn -> arn.contains(":integration:big-"))
                .hasSizeGreaterThan(40);
    }

    @Test
    void a_real_empty_estate_is_a_successful_poll_with_zero_resources() {
        // given an account with nothing in it (the simulator answers "Integrations": [] and so on)
        fixture = MonitorFixture.start(new EstateSpec(0, 0, 0, 0, 0), dataDir);

        // when
        List<ResourceEvent> events = fixture.pollAllExpectingSuccess();

        // then
        assertThat(events).isEmpty();
        assertThat(fixture.resourcesByArn()).isEmpty();
        assertThat(fixture.get("/readyz").statusCode()).isEqualTo(200);
    }

    @Test
    void an_estate_that_really_empties_still_vanishes() {
        // given
        fixture = MonitorFixture.start(SMALL, dataDir);
        fixture.pollAllExpectingSuccess();
        int known = fixture.resourcesByArn().size();

        // when every resource is deleted and the listings answer empty lists
        fixture.estate().clear();
        List<ResourceEvent> events = fixture.pollAllExpectingSuccess();

        // then
        assertThat(events).filteredOn(e -> e.type() == EventType.VANISHED).hasSize(known);
        assertThat(fixture.resourcesByArn()).isEmpty();
    }

    /** Makes the first resource of every source FAILED. */
    private void breakOneResourceOfEverySource() {
        String integration = fixture.estate().integrations(HOME).get(0).arn();
        fixture.estate().setIntegrationStatus(integration, "FAILED", List.of(new SimError("E1", "source lost")));
        fixture.estate().setInboundStatus(fixture.estate().inboundIntegrations(HOME).get(0).arn(), "FAILED",
                List.of(new SimError("E2", "target denied")));
        fixture.estate().setAssociationExecution(fixture.estate().associations(HOME).get(0).arn(), "FAILED",
                "REQUEST_LIMIT_EXCEEDED: limit exceeded");
        fixture.estate().setRdsStatus(fixture.estate().rdsIntegrations(HOME).get(0).arn(), "failed",
                List.of(new SimError("E3", "source cluster stopped")));
    }

    private String failingArn(Operation listing) {
        return switch (listing) {
            case GLUE_DESCRIBE_INTEGRATIONS -> fixture.estate().integrations(HOME).get(0).arn();
            case GLUE_DESCRIBE_INBOUND_INTEGRATIONS -> fixture.estate().inboundIntegrations(HOME).get(0).arn();
            case RDS_DESCRIBE_INTEGRATIONS -> fixture.estate().rdsIntegrations(HOME).get(0).arn();
            default -> fixture.estate().associations(HOME).get(0).arn();
        };
    }

    private static Source sourceOf(Operation listing) {
        return switch (listing) {
            case GLUE_DESCRIBE_INTEGRATIONS -> Source.GLUE_INTEGRATIONS;
            case GLUE_DESCRIBE_INBOUND_INTEGRATIONS -> Source.GLUE_INBOUND_INTEGRATIONS;
            case RDS_DESCRIBE_INTEGRATIONS -> Source.RDS_INTEGRATIONS;
            default -> Source.APPINTEGRATIONS_ASSOCIATIONS;
        };
    }

    private static PollRunner.Outcome failureOf(List<PollRunner.Outcome> outcomes, Source source) {
        return outcomes.stream()
                .filter(o -> !o.succeeded() && o.failed().target().source() == source)
                .findFirst()
                .orElseThrow(() -> new AssertionError("expected the " + source.label() + " poll to fail: " + outcomes));
    }

    private Optional<AlertView> alertOf(String arn) {
        return fixture.monitor().alerting().engine().alerts().stream()
                .filter(a -> a.alert().arn().equals(arn))
                .findFirst();
    }

    private Optional<AlertView> pollFailing(Source source) {
        return fixture.monitor().alerting().engine().alerts().stream()
                .filter(a -> a.alert().condition() == Condition.POLL_FAILING)
                .filter(a -> a.alert().name().startsWith(source.label()))
                .findFirst();
    }
}
