package io.integrationmonitor;

import io.integrationmonitor.alert.AlertView;
import io.integrationmonitor.alert.evaluate.Condition;
import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.pipeline.PollRunner;
import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.Source;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.Operation;
import io.integrationmonitor.simulator.SimDataIntegration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static io.integrationmonitor.MonitorFixture.HOME;
import static io.integrationmonitor.MonitorFixture.sample;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One data integration whose ListDataIntegrationAssociations fails (403: IAM scoped to some data integrations;
 * 404: deleted between the two listings) does not hide the others, through the real SDK against the simulator:
 * the others are reported, its associations stay as last known, its failures are counted and alerted on.
 */
class DataIntegrationListingEndToEndTest {
    /** Three data integrations of two associations each, nothing else. */
    private static final EstateSpec THREE = new EstateSpec(0, 0, 3, 2, 0);

    @TempDir
    Path dataDir;

    private MonitorFixture fixture;
    private SimDataIntegration broken;
    private Set<String> brokenAssociations;

    @BeforeEach
    void start() {
        fixture = MonitorFixture.start(THREE, dataDir);
        fixture.pollAllExpectingSuccess();
        broken = fixture.estate().dataIntegrations(HOME).get(1);
        brokenAssociations = fixture.estate().associationsOf(broken.arn()).stream()
                .map(a -> a.arn()).collect(Collectors.toSet());
        assertThat(brokenAssociations).hasSize(2);
        assertThat(fixture.resourcesByArn()).hasSize(6);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void a_denied_data_integration_keeps_its_associations_is_counted_alerted_and_resolved() {
        // given its associations cannot be listed (403), and one of another data integration's fails meanwhile
        fixture.simulator.faults().errorFor(Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATION_ASSOCIATIONS,
                broken.id(), 403, "AccessDeniedException", "not authorized on this data integration");
        String other = fixture.estate().associationsOf(fixture.estate().dataIntegrations(HOME).get(0).arn())
                .get(0).arn();
        fixture.estate().setAssociationExecution(other, "FAILED", "boom");

        // when polled twice (below the poll-failing threshold of 3)
        List<ResourceEvent> events = pollAppIntegrations(2);

        // then the poll succeeds: the others are reported, the broken one's associations kept without an event
        assertThat(events).filteredOn(e -> e.resource().arn().equals(other)).extracting(ResourceEvent::type)
                .contains(EventType.EXECUTION_FAILED);
        assertThat(events).noneMatch(e -> brokenAssociations.contains(e.resource().arn()));
        assertThat(fixture.resourcesByArn()).hasSize(6).containsKeys(brokenAssociations.toArray(String[]::new));
        assertThat(errors("access_denied")).isEqualTo(2.0);
        assertThat(unlistedAlert()).isEmpty();

        // when polled a third time, then the data integration's poll-failing alert fires, once
        pollAppIntegrations(1);
        assertThat(unlistedAlert()).hasValueSatisfying(a -> {
            assertThat(a.firing()).isTrue();
            assertThat(a.alert().name()).isEqualTo(broken.name());
            assertThat(a.alert().status()).isEqualTo("access_denied");
            assertThat(a.alert().accountId()).isEqualTo(MonitorFixture.ACCOUNT);
        });
        Instant firedAt = unlistedAlert().orElseThrow().alert().startsAt();
        pollAppIntegrations(1);
        assertThat(unlistedAlert().orElseThrow().alert().startsAt()).isEqualTo(firedAt);
        assertThat(errors("access_denied")).isEqualTo(4.0);

        // when the listing works again, then the alert resolves and the associations are still there
        fixture.simulator.faults().clearResource(broken.id());
        List<ResourceEvent> after = pollAppIntegrations(1);
        assertThat(unlistedAlert()).isEmpty();
        assertThat(after).noneMatch(e -> brokenAssociations.contains(e.resource().arn()));
        assertThat(fixture.resourcesByArn()).hasSize(6);
        assertThat(pollFailingAlerts()).isEmpty();
    }

    @Test
    void a_deleted_data_integration_keeps_its_associations_until_it_is_no_longer_listed() {
        // given it answers 404 (deleted after ListDataIntegrations listed it)
        fixture.simulator.faults().errorFor(Operation.APPINTEGRATIONS_LIST_DATA_INTEGRATION_ASSOCIATIONS,
                broken.id(), 404, "ResourceNotFoundException", "The specified resource was not found");

        // when
        PollRunner.Outcome outcome = appIntegrationsPoll();

        // then it is reported as not listed, and nothing vanished
        assertThat(outcome.completed().snapshot().unlisted()).singleElement().satisfies(u -> {
            assertThat(u.arn()).isEqualTo(broken.arn());
            assertThat(u.reason()).isEqualTo(PollErrorReason.OTHER);
            assertThat(u.message()).contains("ResourceNotFoundException");
        });
        assertThat(outcome.completed().events()).isEmpty();
        assertThat(outcome.completed().snapshot().resources()).hasSize(4);
        assertThat(fixture.resourcesByArn()).hasSize(6);
        assertThat(errors("other")).isEqualTo(1.0);

        // when ListDataIntegrations no longer lists it either
        fixture.estate().remove(broken.arn());
        PollRunner.Outcome gone = appIntegrationsPoll();

        // then its associations vanish, the normal way
        assertThat(gone.completed().snapshot().unlisted()).isEmpty();
        assertThat(gone.completed().events()).extracting(e -> e.resource().arn(), ResourceEvent::type)
                .containsExactlyInAnyOrderElementsOf(brokenAssociations.stream()
                        .map(arn -> org.assertj.core.groups.Tuple.tuple(arn, EventType.VANISHED)).toList());
        assertThat(fixture.resourcesByArn()).hasSize(4).doesNotContainKeys(brokenAssociations.toArray(String[]::new));
    }

    private List<ResourceEvent> pollAppIntegrations(int times) {
        List<ResourceEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < times; i++) {
            events.addAll(appIntegrationsPoll().completed().events());
        }
        return events;
    }

    private PollRunner.Outcome appIntegrationsPoll() {
        PollRunner.Outcome outcome = fixture.pollAll().stream()
                .filter(o -> (o.succeeded() ? o.completed().target() : o.failed().target()).source()
                        == Source.APPINTEGRATIONS_ASSOCIATIONS)
                .findFirst().orElseThrow();
        assertThat(outcome.succeeded()).as("the AppIntegrations poll succeeds: %s", outcome).isTrue();
        return outcome;
    }

    private Double errors(String reason) {
        return sample(fixture.scrape(), "integration_monitor_data_integration_errors_total",
                "data_integration=\"" + broken.name() + "\"", "reason=\"" + reason + "\"",
                "account_id=\"" + MonitorFixture.ACCOUNT + "\"");
    }

    private Optional<AlertView> unlistedAlert() {
        return pollFailingAlerts().stream().filter(a -> a.alert().arn().equals(broken.arn())).findFirst();
    }

    private List<AlertView> pollFailingAlerts() {
        return fixture.monitor().alerting().engine().alerts().stream()
                .filter(a -> a.alert().condition() == Condition.POLL_FAILING)
                .toList();
    }
}
