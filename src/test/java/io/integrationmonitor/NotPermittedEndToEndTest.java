package io.integrationmonitor;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.integrationmonitor.alert.AlertView;
import io.integrationmonitor.alert.evaluate.Condition;
import io.integrationmonitor.pipeline.PollRunner;
import io.integrationmonitor.poll.PollErrorReason;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.Source;
import io.integrationmonitor.simulator.EstateSpec;
import io.integrationmonitor.simulator.Operation;
import io.integrationmonitor.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.integrationmonitor.MonitorFixture.ACCOUNT;
import static io.integrationmonitor.MonitorFixture.REGION;
import static io.integrationmonitor.MonitorFixture.sample;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A source whose own API refuses the monitor (Glue's AccessDeniedException for DescribeInboundIntegrations, as
 * the real SDK parses the simulator's answer) before its first success is "not permitted": one WARN naming the
 * action to grant, a gauge, no poll_failing alert, asked again every 10th poll; a grant is noticed. Refused
 * after a success, it is a failing poll that alerts.
 */
class NotPermittedEndToEndTest {
    private static final EstateSpec ESTATE = new EstateSpec(3, 2, 1, 1, 0);
    private static final String GRANT = "grant glue:DescribeInboundIntegrations to the identity of the default "
            + "credential chain in " + ACCOUNT;
    private static final String INBOUND = "source=\"glue_inbound_integrations\"";

    @TempDir
    Path dataDir;
    @RegisterExtension
    final LogCapture logs = LogCapture.of(PollRunner.class).withLevel(Level.INFO);

    private MonitorFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aSourceRefusedFromTheStartIsNotPermittedOnceWithoutAlertAndAGrantIsNoticed() {
        // given Glue refusing glue:DescribeInboundIntegrations from the first call on
        fixture = MonitorFixture.start(ESTATE, dataDir);
        fixture.simulator.faults().errorNext(Operation.GLUE_DESCRIBE_INBOUND_INTEGRATIONS, null, 1000, 400,
                "AccessDeniedException", "User: arn:aws:sts::" + ACCOUNT + ":assumed-role/monitor/s is not "
                        + "authorized to perform: glue:DescribeInboundIntegrations");

        // when polled 12 times (more than the poll_failing threshold of 3)
        for (int i = 0; i < 12; i++) {
            assertThat(fixture.pollAll()).allSatisfy(o -> assertThat(o.failed()).as("%s", o).isNull());
        }

        // then one WARN line naming the action, the API asked on the 1st and 11th poll only
        assertThat(warnings()).singleElement().satisfies(w -> assertThat(w.getFormattedMessage())
                .startsWith("glue_inbound_integrations/" + ACCOUNT + "/" + REGION + " is not permitted ("
                        + "Glue DescribeInboundIntegrations page 1: AccessDeniedException from Glue (HTTP 400))")
                .contains(GRANT));
        assertThat(fixture.simulator.calls().count(Operation.GLUE_DESCRIBE_INBOUND_INTEGRATIONS)).isEqualTo(2);
        String metrics = fixture.scrape();
        assertThat(sample(metrics, "integration_monitor_source_permitted", INBOUND)).isEqualTo(0.0);
        assertThat(sample(metrics, "integration_monitor_source_permitted", "source=\"glue_integrations\""))
                .isEqualTo(1.0);
        assertThat(sample(metrics, "integration_monitor_poll_errors_total", INBOUND, "reason=\"access_denied\""))
                .isZero();
        assertThat(sample(metrics, "integration_monitor_poll_consecutive_failures", INBOUND)).isZero();
        // no poll_failing alert, nothing sent; the other sources report as usual, and the monitor is ready
        assertThat(pollFailing()).isEmpty();
        assertThat(fixture.enqueuedNotifications()).isZero();
        assertThat(fixture.monitor().store().allResources()).extracting(r -> r.resource().kind())
                .contains(ResourceKind.GLUE_INTEGRATION).doesNotContain(ResourceKind.GLUE_INBOUND_INTEGRATION);
        assertThat(fixture.monitor().ready()).isTrue();
        // the status page shows it as not permitted, with the action, and not as a source that cannot be polled
        String page = fixture.get("/").body();
        assertThat(page).contains("1 source not permitted</a>", "<ul id=\"not-permitted\">",
                        "Not permitted: glue_inbound_integrations in " + ACCOUNT + " / " + REGION + ": " + GRANT)
                .doesNotContain("cannot be polled", "Cannot poll");

        // and when the action is granted, the next probe (the 21st poll) notices it, once
        fixture.simulator.faults().clear();
        for (int i = 0; i < 8; i++) {
            fixture.pollAll();
        }
        assertThat(fixture.monitor().store().allResources()).extracting(r -> r.resource().kind())
                .doesNotContain(ResourceKind.GLUE_INBOUND_INTEGRATION);
        List<PollRunner.Outcome> granted = fixture.pollAll();
        assertThat(granted).allSatisfy(o -> assertThat(o.succeeded()).isTrue());
        assertThat(logs.at(Level.INFO)).filteredOn(e -> e.getFormattedMessage().contains("is permitted now"))
                .singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                        .startsWith("glue_inbound_integrations/" + ACCOUNT + "/" + REGION));
        assertThat(fixture.monitor().store().allResources())
                .filteredOn(r -> r.resource().kind() == ResourceKind.GLUE_INBOUND_INTEGRATION).hasSize(2);
        assertThat(sample(fixture.scrape(), "integration_monitor_source_permitted", INBOUND)).isEqualTo(1.0);
        assertThat(fixture.get("/").body()).doesNotContain("not permitted", "not-permitted");
        assertThat(warnings()).hasSize(1);
    }

    @Test
    void aRefusalAfterASuccessIsARevocationThatFailsPollsAndAlerts() {
        // given every source polled once
        fixture = MonitorFixture.start(ESTATE, dataDir);
        fixture.pollAllExpectingSuccess();

        // when Glue starts refusing DescribeInboundIntegrations for three polls (the poll_failing threshold)
        fixture.simulator.faults().errorNext(Operation.GLUE_DESCRIBE_INBOUND_INTEGRATIONS, null, 1000, 400,
                "AccessDeniedException", "not authorized");
        for (int i = 0; i < 3; i++) {
            assertThat(fixture.pollAll()).filteredOn(o -> !o.succeeded()).singleElement().satisfies(o -> {
                assertThat(o.failed()).isNotNull();
                assertThat(o.failed().reason()).isEqualTo(PollErrorReason.ACCESS_DENIED);
            });
        }

        // then: an incident, not a missing grant
        assertThat(fixture.simulator.calls().count(Operation.GLUE_DESCRIBE_INBOUND_INTEGRATIONS)).isEqualTo(4);
        assertThat(pollFailing()).singleElement().satisfies(a -> {
            assertThat(a.firing()).isTrue();
            assertThat(a.alert().name()).startsWith(Source.GLUE_INBOUND_INTEGRATIONS.label());
        });
        String metrics = fixture.scrape();
        assertThat(sample(metrics, "integration_monitor_source_permitted", INBOUND)).isEqualTo(1.0);
        assertThat(sample(metrics, "integration_monitor_poll_errors_total", INBOUND, "reason=\"access_denied\""))
                .isEqualTo(3.0);
        assertThat(warnings()).singleElement().satisfies(w ->
                assertThat(w.getFormattedMessage()).contains("failed (access_denied)").doesNotContain("not permitted"));
        assertThat(fixture.get("/").body()).contains("1 source cannot be polled").doesNotContain("not-permitted");
    }

    private List<ILoggingEvent> warnings() {
        return logs.atLeast(Level.WARN);
    }

    private List<AlertView> pollFailing() {
        return fixture.monitor().alerting().engine().alerts().stream()
                .filter(a -> a.alert().condition() == Condition.POLL_FAILING)
                .toList();
    }
}
