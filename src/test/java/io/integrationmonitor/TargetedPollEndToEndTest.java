package io.integrationmonitor;

import static io.integrationmonitor.MonitorFixture.ACCOUNT;
import static io.integrationmonitor.MonitorFixture.HOME;
import static io.integrationmonitor.MonitorFixture.REGION;
import static io.integrationmonitor.MonitorFixture.sample;
import static io.integrationmonitor.MonitorFixture.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.integrationmonitor.alert.AlertView;
import io.integrationmonitor.alert.evaluate.Condition;
import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.pipeline.TargetedPollFailedException;
import io.integrationmonitor.pipeline.TargetedPolls;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.ResourceStatus;
import io.integrationmonitor.poll.Source;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.Operation;
import io.integrationmonitor.simulator.SimError;
import io.integrationmonitor.simulator.SimIntegration;
import io.integrationmonitor.state.TargetHealth;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events make polls, not state: a targeted poll describes one integration by ARN through the real SDK client
 * against the simulator, in one call per target, and goes the way of a scheduled poll (state, event, alert into
 * the outbox) long before the next one of an hourly schedule.
 */
class TargetedPollEndToEndTest {
    private static final String ALERTING = """
            alerting:
              receivers: [{name: hook, webhook: {url: "http://127.0.0.1:9/hook"}}]
            """;
    private static final List<SimError> BROKEN = List.of(new SimError("SOURCE_CONNECTION_LOST", "timed out"));

    @TempDir
    Path dataDir;
    private MonitorFixture fixture;
    private final List<PollTarget> fullPolls = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aGlueIntegrationThatFailedIsPolledAlertedAndCommittedInOneDescribe() {
        // given an hourly schedule whose one poll has run
        start(new EstateSpec(3, 1, 0, 0, 0));
        String arn = fixture.estate().integrations(HOME).get(0).arn();
        String other = fixture.estate().integrations(HOME).get(1).arn();
        String glueTarget = "source=\"glue_integrations\"";
        Double pollsBefore = sample(fixture.scrape(), "integration_monitor_poll_duration_seconds_count", glueTarget);
        assertThat(pollsBefore).isEqualTo(1.0);

        // when the integration fails and its event asks for a poll
        fixture.estate().setIntegrationStatus(arn, "FAILED", BROKEN);
        fixture.estate().setIntegrationStatus(other, "FAILED", BROKEN);
        TargetedPolls.Outcome outcome = polls().pollNow(ACCOUNT, REGION, arn);

        // then one DescribeIntegrations (and the inbound listing's one describe), no listing
        assertThat(outcome).isEqualTo(TargetedPolls.Outcome.POLLED);
        assertThat(fixture.simulator.calls().count(Operation.GLUE_DESCRIBE_INTEGRATIONS)).isEqualTo(1);
        assertThat(fixture.simulator.calls().count(Operation.GLUE_DESCRIBE_INBOUND_INTEGRATIONS)).isEqualTo(1);
        assertThat(fixture.simulator.calls().total()).isEqualTo(2);
        assertFailedAndAlerted(arn, "glue_integration");
        // and the integration the event did not name waits for its poll
        assertThat(fixture.resourcesByArn().get(other).status()).isEqualTo(ResourceStatus.ACTIVE);
        assertThat(alertOf(other)).isEmpty();
        assertThat(fullPolls).isEmpty();
        // and the target's poll metrics still describe its last full poll: three resources, one poll timed
        String metrics = fixture.scrape();
        assertThat(sample(metrics, "integration_monitor_poll_resources", glueTarget)).isEqualTo(3.0);
        assertThat(sample(metrics, "integration_monitor_poll_duration_seconds_count", glueTarget))
                .isEqualTo(pollsBefore);
        assertThat(MonitorFixture.sample(metrics, "aws_glue_integration_status", "integration_arn=\"" + arn + "\"",
                "status=\"FAILED\"")).isEqualTo(1.0);
    }

    @Test
    void anRdsIntegrationThatFailedIsPolledAlertedAndCommittedInOneDescribe() {
        // given
        start(EstateSpec.empty().withRdsIntegrations(2));
        String arn = fixture.estate().rdsIntegrations(HOME).get(0).arn();

        // when
        fixture.estate().setRdsStatus(arn, "failed", BROKEN);
        TargetedPolls.Outcome outcome = polls().pollNow(ACCOUNT, REGION, arn);

        // then one RDS DescribeIntegrations; the Redshift inbound listing asked once too
        assertThat(outcome).isEqualTo(TargetedPolls.Outcome.POLLED);
        assertThat(fixture.simulator.calls().count(Operation.RDS_DESCRIBE_INTEGRATIONS)).isEqualTo(1);
        assertThat(fixture.simulator.calls().count(Operation.REDSHIFT_DESCRIBE_INBOUND_INTEGRATIONS)).isEqualTo(1);
        assertThat(fixture.simulator.calls().total()).isEqualTo(2);
        assertFailedAndAlerted(arn, "rds_integration");
    }

    @Test
    void aRedshiftIntegrationThatFailedIsPolledAlertedAndCommittedInOneDescribe() {
        // given
        start(EstateSpec.empty().withRedshift(2, 0));
        String arn = fixture.estate().redshiftIntegrations(HOME).get(0).arn();

        // when
        fixture.estate().setRedshiftStatus(arn, "failed", BROKEN);
        TargetedPolls.Outcome outcome = polls().pollNow(ACCOUNT, REGION, arn);

        // then
        assertThat(outcome).isEqualTo(TargetedPolls.Outcome.POLLED);
        assertThat(fixture.simulator.calls().count(Operation.REDSHIFT_DESCRIBE_INTEGRATIONS)).isEqualTo(1);
        assertThat(fixture.simulator.calls().count(Operation.REDSHIFT_DESCRIBE_INBOUND_INTEGRATIONS)).isEqualTo(1);
        assertThat(fixture.simulator.calls().total()).isEqualTo(2);
        assertFailedAndAlerted(arn, "redshift_integration");
    }

    @Test
    void anIntegrationAwsNoLongerFindsAsksForAFullPollAndVanishesNothing() {
        // given
        start(new EstateSpec(2, 0, 0, 0, 0));
        String arn = fixture.estate().integrations(HOME).get(0).arn();
        Instant before = Instant.now();

        // when it is deleted and its event asks for a poll
        fixture.estate().remove(arn);
        TargetedPolls.Outcome outcome = polls().pollNow(ACCOUNT, REGION, arn);

        // then the Glue listing that knew it is to be polled in full; it is still known, no event
        assertThat(outcome).isEqualTo(TargetedPolls.Outcome.FULL_POLL_REQUESTED);
        assertThat(fullPolls).contains(new PollTarget(Source.GLUE_INTEGRATIONS, ACCOUNT, REGION));
        assertThat(fixture.resourcesByArn()).containsKey(arn);
        assertThat(fixture.monitor().store().eventsSince(before, 100)).isEmpty();

        // and the full poll it asked for is what decides the vanish
        assertThat(types(fixture.pollAllExpectingSuccess(), arn)).containsExactly(EventType.VANISHED);
    }

    @Test
    void aMalformedTargetedAnswerThrowsAndChangesNothing() {
        // given
        start(new EstateSpec(2, 0, 0, 0, 0));
        String arn = fixture.estate().integrations(HOME).get(0).arn();
        Instant before = Instant.now();
        fixture.estate().setIntegrationStatus(arn, "FAILED", BROKEN);
        fixture.simulator.faults().nullListNext(Operation.GLUE_DESCRIBE_INTEGRATIONS, ACCOUNT, 1);

        // when / then
        assertThatThrownBy(() -> polls().pollNow(ACCOUNT, REGION, arn))
                .isInstanceOf(TargetedPollFailedException.class)
                .hasMessageContaining("Integrations is missing or null");
        assertThat(fixture.resourcesByArn().get(arn).status()).isEqualTo(ResourceStatus.ACTIVE);
        assertThat(fixture.monitor().store().eventsSince(before, 100)).isEmpty();
        assertThat(alertOf(arn)).isEmpty();
        // not a failed poll of the target: its scheduled polls' streak is untouched
        assertThat(fixture.monitor().store().targetHealth())
                .filteredOn(h -> h.target().source() == Source.GLUE_INTEGRATIONS)
                .extracting(TargetHealth::consecutiveFailures).containsExactly(0);
    }

    @Test
    void theFiltersStillDecideWhatIsWatched() {
        // given a monitor that excludes integrations by name, and one such integration beside a watched one
        fixture = MonitorFixture.start(new EstateSpec(1, 0, 0, 0, 0), dataDir,
                ALERTING + "filter: {exclude: [\"excluded-*\"]}\n", "", "interval: 1h");
        String arn = "arn:aws:glue:us-east-1:123456789012:integration:0f0e-excluded";
        fixture.estate().addIntegration(new SimIntegration(arn, "excluded-orders",
                "arn:aws:dynamodb:us-east-1:123456789012:table/orders", "arn:aws:redshift:us-east-1:123456789012:namespace:n1",
                "ACTIVE", Instant.parse("2026-01-01T00:00:00Z"), null, List.of(), Map.of()));
        fixture.pollAllExpectingSuccess();

        // when it fails and its event asks for a poll
        fixture.estate().setIntegrationStatus(arn, "FAILED", BROKEN);
        TargetedPolls.Outcome outcome = polls().pollNow(ACCOUNT, REGION, arn);

        // then it is not observed: not known, not alerted; the full polls asked for will not see it either
        assertThat(outcome).isEqualTo(TargetedPolls.Outcome.FULL_POLL_REQUESTED);
        assertThat(fixture.resourcesByArn()).doesNotContainKey(arn).isNotEmpty();
        assertThat(alertOf(arn)).isEmpty();
    }

    private void start(EstateSpec spec) {
        fixture = MonitorFixture.start(spec, dataDir, ALERTING, "", "interval: 1h");
        fixture.pollAllExpectingSuccess();
        fixture.simulator.calls().reset();
    }

    private TargetedPolls polls() {
        return new TargetedPolls(fixture.monitor().runners(), fullPolls::add);
    }

    private void assertFailedAndAlerted(String arn, String kind) {
        // the event, committed
        List<ResourceEvent> events = fixture.monitor().store().eventsSince(Instant.EPOCH, 1000).stream()
                .filter(e -> e.resource() != null && e.resource().arn().equals(arn)).toList();
        assertThat(events).singleElement()
                .satisfies(e -> assertThat(e.types()).containsExactly(EventType.ENTERED_FAILED, EventType.STATUS_CHANGED));
        // the state, with AWS's errors
        assertThat(fixture.resourcesByArn().get(arn).status()).isEqualTo(ResourceStatus.FAILED);
        assertThat(fixture.resourcesByArn().get(arn).resource().errors()).extracting(Object::toString)
                .containsExactly("SOURCE_CONNECTION_LOST: timed out");
        // the alert, firing, its notification in the outbox for the receiver
        assertThat(alertOf(arn)).singleElement().satisfies(a -> {
            assertThat(a.firing()).isTrue();
            assertThat(a.alert().condition()).isEqualTo(Condition.FAILED);
            assertThat(a.alert().kind()).isEqualTo(kind);
            assertThat(a.lastSent()).containsOnlyKeys("hook");
        });
        assertThat(fixture.enqueuedNotifications()).isEqualTo(1.0);
    }

    private List<AlertView> alertOf(String arn) {
        return fixture.monitor().alerting().engine().alerts().stream()
                .filter(a -> a.alert().arn().equals(arn)).toList();
    }
}
