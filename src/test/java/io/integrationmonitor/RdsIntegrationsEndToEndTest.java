package io.integrationmonitor;

import static io.integrationmonitor.MonitorFixture.HOME;
import static io.integrationmonitor.MonitorFixture.sample;
import static io.integrationmonitor.MonitorFixture.types;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.integrationmonitor.alert.AlertView;
import io.integrationmonitor.alert.evaluate.Condition;
import io.integrationmonitor.detect.EventType;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.detect.ResourceEvent;
import io.integrationmonitor.pipeline.PollRunner;
import io.integrationmonitor.poll.ObservedResource.Attributes;
import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;
import io.integrationmonitor.poll.Source;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.Operation;
import io.integrationmonitor.simulator.SimError;
import io.integrationmonitor.simulator.SimRdsIntegration;
import io.integrationmonitor.testing.LogCapture;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code rds_integrations} source end to end: the whole monitor polling RDS {@code DescribeIntegrations}
 * through the real {@code RdsClient} (its paginator, awsQuery form in, XML out) against the simulator, beside
 * the Glue and AppIntegrations sources of the same account and region.
 */
class RdsIntegrationsEndToEndTest {
    /** 23 RDS integrations on five pages, beside a few Glue and AppIntegrations resources. */
    private static final EstateSpec PAGED = new EstateSpec(2, 1, 1, 1, 5).withRdsIntegrations(23);
    private static final String NEW_ARN = "arn:aws:rds:us-east-1:123456789012:integration:0f0e-new";

    @TempDir
    Path dataDir;

    @RegisterExtension
    final LogCapture logs = LogCapture.of("io.integrationmonitor.poll.StatusNormalizer");
    private MonitorFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void every_rds_integration_is_read_across_all_of_its_pages_beside_glue() {
        // given
        fixture = MonitorFixture.start(PAGED, dataDir);
        SimRdsIntegration first = fixture.estate().rdsIntegrations(HOME).get(0);

        // when
        List<ResourceEvent> events = fixture.pollAllExpectingSuccess();

        // then every integration came through the SDK's paginator, five pages of five or fewer
        assertThat(fixture.simulator.calls().count(Operation.RDS_DESCRIBE_INTEGRATIONS)).isEqualTo(5);
        assertThat(fixture.resourcesByArn().values()).extracting(r -> r.resource().kind())
                .filteredOn(k -> k == ResourceKind.RDS_INTEGRATION).hasSize(23);
        assertThat(fixture.resourcesByArn().values()).extracting(r -> r.resource().kind())
                .contains(ResourceKind.GLUE_INTEGRATION, ResourceKind.GLUE_INBOUND_INTEGRATION,
                        ResourceKind.APPINTEGRATIONS_ASSOCIATION);
        assertThat(events).filteredOn(e -> e.type() == EventType.DISCOVERED)
                .anySatisfy(e -> assertThat(e.attribute(ResourceEvent.Attributes.COUNT)).isEqualTo("23"));
        // with every member the monitor reads
        KnownResource known = fixture.resourcesByArn().get(first.arn());
        assertThat(known.status()).isEqualTo(ResourceStatus.ACTIVE);
        assertThat(known.resource().name()).isEqualTo(first.name());
        assertThat(known.resource().attributes()).containsEntry(Attributes.SOURCE_ARN, first.sourceArn())
                .containsEntry(Attributes.TARGET_ARN, first.targetArn())
                .containsEntry(Attributes.DATA_FILTER, first.dataFilter())
                .containsEntry(Attributes.DESCRIPTION, first.description());
        assertThat(known.resource().tags()).isEqualTo(first.tags());
        assertThat(known.resource().createdAt()).isEqualTo(first.createTime());
        // and exported under their own families, joinable by integration_arn
        String metrics = fixture.scrape();
        assertThat(sample(metrics, "aws_rds_integration_status", "integration_arn=\"" + first.arn() + "\"",
                "status=\"ACTIVE\"")).isEqualTo(1.0);
        assertThat(sample(metrics, "aws_rds_integration_info", "integration_arn=\"" + first.arn() + "\""))
                .isEqualTo(1.0);
    }

    @Test
    void every_lower_case_status_maps_and_an_unknown_one_is_unknown_logged_once() {
        // given one integration in each status RDS documents, and one in a status it may add later
        fixture = MonitorFixture.start(EstateSpec.empty().withRdsIntegrations(8), dataDir);
        List<String> statuses = List.of("creating", "active", "modifying", "failed", "deleting", "syncing",
                "needs_attention", "paused");
        List<SimRdsIntegration> integrations = fixture.estate().rdsIntegrations(HOME);
        for (int i = 0; i < statuses.size(); i++) {
            fixture.estate().setRdsStatus(integrations.get(i).arn(), statuses.get(i), List.of());
        }

        // when polled twice
        fixture.pollAllExpectingSuccess();
        fixture.pollAllExpectingSuccess();

        // then each maps onto the vocabulary Glue's statuses use, the unknown one onto UNKNOWN
        String metrics = fixture.scrape();
        for (int i = 0; i < statuses.size(); i++) {
            String arn = integrations.get(i).arn();
            ResourceStatus expected = i == 7 ? ResourceStatus.UNKNOWN : ResourceStatus.valueOf(statuses.get(i)
                    .toUpperCase(java.util.Locale.ROOT));
            assertThat(fixture.resourcesByArn().get(arn).status()).as(statuses.get(i)).isEqualTo(expected);
            assertThat(sample(metrics, "aws_rds_integration_status", "integration_arn=\"" + arn + "\"",
                    "status=\"" + expected.label() + "\"")).isEqualTo(1.0);
        }
        assertThat(logs.at(Level.WARN)).extracting(e -> e.getFormattedMessage())
                .containsExactly("unrecognised rds_integration status 'paused': reported as UNKNOWN");
    }

    @Test
    void failed_and_needs_attention_alert_once_by_kind_and_recover() {
        // given two healthy integrations, known
        fixture = MonitorFixture.start(EstateSpec.empty().withRdsIntegrations(2), dataDir);
        String failing = fixture.estate().rdsIntegrations(HOME).get(0).arn();
        String attention = fixture.estate().rdsIntegrations(HOME).get(1).arn();
        fixture.pollAllExpectingSuccess();

        // when one fails and one needs attention
        fixture.estate().setRdsStatus(failing, "failed",
                List.of(new SimError("S3_ACCESS_DENIED", "The integration cannot read the source cluster's logs")));
        fixture.estate().setRdsStatus(attention, "needs_attention",
                List.of(new SimError("TABLE_RESYNC_REQUIRED", "Table orders needs a resync")));
        List<ResourceEvent> broke = fixture.pollAllExpectingSuccess();
        List<ResourceEvent> quiet = fixture.pollAllExpectingSuccess();

        // then detected once each, with RDS's errors, and alerted under the kind rds_integration
        assertThat(types(broke, failing)).containsExactly(EventType.ENTERED_FAILED, EventType.STATUS_CHANGED);
        assertThat(types(broke, attention)).containsExactly(EventType.ENTERED_NEEDS_ATTENTION, EventType.STATUS_CHANGED);
        assertThat(quiet).isEmpty();
        assertThat(fixture.resourcesByArn().get(failing).resource().errors()).extracting(Object::toString)
                .containsExactly("S3_ACCESS_DENIED: The integration cannot read the source cluster's logs");
        assertThat(alertOf(failing)).hasValueSatisfying(a -> {
            assertThat(a.firing()).isTrue();
            assertThat(a.alert().condition()).isEqualTo(Condition.FAILED);
            assertThat(a.alert().kind()).isEqualTo("rds_integration");
        });
        assertThat(alertOf(attention)).hasValueSatisfying(a -> {
            assertThat(a.firing()).isTrue();
            assertThat(a.alert().condition()).isEqualTo(Condition.NEEDS_ATTENTION);
        });

        // when both re-sync and are active again
        fixture.estate().setRdsStatus(failing, "syncing", List.of());
        fixture.estate().setRdsStatus(attention, "syncing", List.of());
        fixture.pollAllExpectingSuccess();
        fixture.estate().setRdsStatus(failing, "active", List.of());
        fixture.estate().setRdsStatus(attention, "active", List.of());
        List<ResourceEvent> recovered = fixture.pollAllExpectingSuccess();

        // then one recovery each, and no alert fires any more
        assertThat(types(recovered, failing)).containsExactly(EventType.RECOVERED, EventType.STATUS_CHANGED);
        assertThat(types(recovered, attention)).containsExactly(EventType.RECOVERED, EventType.STATUS_CHANGED);
        assertThat(alertOf(failing).filter(AlertView::firing)).isEmpty();
        assertThat(alertOf(attention).filter(AlertView::firing)).isEmpty();
        assertThat(sample(fixture.scrape(), "integration_monitor_transitions_total", "kind=\"rds_integration\"",
                "from=\"ACTIVE\"", "to=\"FAILED\"")).isEqualTo(1.0);
    }

    @Test
    void an_integration_appears_and_another_vanishes() {
        // given
        fixture = MonitorFixture.start(EstateSpec.empty().withRdsIntegrations(3), dataDir);
        SimRdsIntegration leaving = fixture.estate().rdsIntegrations(HOME).get(1);
        fixture.pollAllExpectingSuccess();

        // when one is deleted and a new one appears already failed
        fixture.estate().remove(leaving.arn());
        fixture.estate().addRdsIntegration(new SimRdsIntegration(NEW_ARN, "refunds-aurora-zetl",
                "arn:aws:rds:us-east-1:123456789012:cluster:refunds", "arn:aws:redshift:us-east-1:123456789012:namespace:n1",
                "failed", Instant.parse("2026-01-01T00:00:00Z"), null, null, null, Map.of(),
                List.of(new SimError("SOURCE_UNAVAILABLE", "cluster stopped")), Map.of()));
        List<ResourceEvent> events = fixture.pollAllExpectingSuccess();

        // then
        assertThat(types(events, leaving.arn())).containsExactly(EventType.VANISHED);
        assertThat(types(events, NEW_ARN)).containsExactly(EventType.ENTERED_FAILED, EventType.APPEARED);
        String metrics = fixture.scrape();
        assertThat(metrics).doesNotContain(leaving.arn());
        assertThat(sample(metrics, "aws_rds_integration_status", "integration_name=\"refunds-aurora-zetl\"",
                "status=\"FAILED\"")).isEqualTo(1.0);
    }

    @Test
    void a_throttled_page_succeeds_after_the_sdk_retries_it() {
        // given
        fixture = MonitorFixture.start(PAGED, dataDir);
        fixture.simulator.faults().throttleNext(Operation.RDS_DESCRIBE_INTEGRATIONS, 1);

        // when
        fixture.pollAllExpectingSuccess();

        // then
        assertThat(fixture.resourcesByArn().values()).filteredOn(r -> r.resource().kind() == ResourceKind.RDS_INTEGRATION)
                .hasSize(23);
        assertThat(fixture.simulator.calls().count(Operation.RDS_DESCRIBE_INTEGRATIONS)).isEqualTo(6);
        String metrics = fixture.scrape();
        assertThat(sample(metrics, "integration_monitor_aws_requests_total", "service=\"rds\"",
                "operation=\"DescribeIntegrations\"", "outcome=\"throttled\"")).isEqualTo(1.0);
        assertThat(sample(metrics, "integration_monitor_poll_errors_total", "source=\"rds_integrations\"",
                "reason=\"throttled\"")).isEqualTo(0.0);
    }

    @Test
    void a_failing_page_fails_only_the_rds_poll_and_nothing_vanishes() {
        // given a known estate, then RDS failing the second page (the one after the fifth integration)
        fixture = MonitorFixture.start(PAGED, dataDir);
        fixture.pollAllExpectingSuccess();
        String fifth = fixture.estate().rdsIntegrations(HOME).get(4).arn();
        fixture.simulator.faults().errorFor(Operation.RDS_DESCRIBE_INTEGRATIONS, fifth, 500, "InternalFailure",
                "An internal error has occurred.");
        long callsBefore = fixture.simulator.calls().count(Operation.RDS_DESCRIBE_INTEGRATIONS);

        // when
        List<PollRunner.Outcome> outcomes = fixture.pollAll();

        // then the RDS poll fails on page 2 after the SDK's three attempts; the other sources complete
        assertThat(outcomes).filteredOn(o -> !o.succeeded()).singleElement().satisfies(o -> {
            assertThat(o.failed().target().source()).isEqualTo(Source.RDS_INTEGRATIONS);
            assertThat(o.failed().reason()).isEqualTo(PollErrorReason.SERVER_ERROR);
            assertThat(o.failed().message()).startsWith("RDS DescribeIntegrations page 2: ");
        });
        assertThat(outcomes).filteredOn(PollRunner.Outcome::succeeded).extracting(o -> o.completed().target().source())
                .contains(Source.GLUE_INTEGRATIONS, Source.GLUE_INBOUND_INTEGRATIONS,
                        Source.APPINTEGRATIONS_ASSOCIATIONS);
        assertThat(fixture.simulator.calls().count(Operation.RDS_DESCRIBE_INTEGRATIONS) - callsBefore).isEqualTo(4);
        // all or nothing: page 1's integrations were not taken as the estate, so nothing vanished
        assertThat(fixture.resourcesByArn().values()).filteredOn(r -> r.resource().kind() == ResourceKind.RDS_INTEGRATION)
                .hasSize(23);
        assertThat(fixture.monitor().store().eventsSince(Instant.EPOCH, 1000))
                .noneMatch(e -> e.type() == EventType.VANISHED);
        assertThat(sample(fixture.scrape(), "integration_monitor_poll_errors_total", "source=\"rds_integrations\"",
                "reason=\"server_error\"")).isEqualTo(1.0);
    }

    @Test
    void malformed_xml_is_an_invalid_response() {
        // given more malformed answers than the SDK's attempts
        fixture = MonitorFixture.start(PAGED, dataDir);
        fixture.simulator.faults().malformedNext(Operation.RDS_DESCRIBE_INTEGRATIONS, 5);

        // when
        List<PollRunner.Outcome> outcomes = fixture.pollAll();

        // then
        assertThat(outcomes).filteredOn(o -> !o.succeeded()).singleElement().satisfies(o -> {
            assertThat(o.failed().target().source()).isEqualTo(Source.RDS_INTEGRATIONS);
            assertThat(o.failed().reason()).isEqualTo(PollErrorReason.INVALID_RESPONSE);
        });
    }

    @Test
    void a_missing_required_member_is_an_invalid_response_naming_it() {
        // given an integration RDS lists without its Status
        fixture = MonitorFixture.start(EstateSpec.empty().withRdsIntegrations(2), dataDir);
        fixture.estate().addRdsIntegration(new SimRdsIntegration(NEW_ARN, "no-status", null, null, null,
                Instant.parse("2026-01-01T00:00:00Z"), null, null, null, Map.of(), List.of(), Map.of()));

        // when
        List<PollRunner.Outcome> outcomes = fixture.pollAll();

        // then the poll fails and takes none of the page
        assertThat(outcomes).filteredOn(o -> !o.succeeded()).singleElement().satisfies(o -> {
            assertThat(o.failed().reason()).isEqualTo(PollErrorReason.INVALID_RESPONSE);
            assertThat(o.failed().message()).matches("RDS DescribeIntegrations page 1: Integrations\\[\\d]\\.Status is missing");
        });
        assertThat(fixture.resourcesByArn()).isEmpty();
    }

    @Test
    void tag_filters_apply_to_rds_integrations() {
        // given a filter on a tag that only one integration carries
        fixture = MonitorFixture.start(EstateSpec.empty().withRdsIntegrations(2), dataDir,
                "filter: {include_tags: {owner: data-platform}}\n");
        fixture.estate().addRdsIntegration(new SimRdsIntegration(NEW_ARN, "refunds-aurora-zetl",
                "arn:aws:rds:us-east-1:123456789012:cluster:refunds", "arn:aws:redshift:us-east-1:123456789012:namespace:n1",
                "active", Instant.parse("2026-01-01T00:00:00Z"), null, null, null, Map.of(), List.of(),
                Map.of("team", "refunds", "owner", "data-platform")));

        // when
        fixture.pollAllExpectingSuccess();

        // then
        assertThat(fixture.resourcesByArn()).containsOnlyKeys(NEW_ARN);
    }

    private Optional<AlertView> alertOf(String arn) {
        return fixture.monitor().alerting().engine().alerts().stream()
                .filter(a -> a.alert().arn().equals(arn))
                .findFirst();
    }
}
