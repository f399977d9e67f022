package io.integrationmonitor.cli;

import io.integrationmonitor.cli.HealthReport.Level;
import io.integrationmonitor.config.StuckConfig;
import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code once}'s levels are the ResourceHealth verdicts in the Nagios convention. */
class HealthReportTest {
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    @Test
    void eachVerdictHasItsLevel() {
        assertThat(levelOf(known(ResourceKind.GLUE_INTEGRATION, ResourceStatus.FAILED, false)))
                .isEqualTo(Level.CRITICAL);
        assertThat(levelOf(known(ResourceKind.APPINTEGRATIONS_ASSOCIATION, ResourceStatus.FAILED, false)))
                .isEqualTo(Level.CRITICAL);
        assertThat(levelOf(known(ResourceKind.GLUE_INBOUND_INTEGRATION, ResourceStatus.NEEDS_ATTENTION, false)))
                .isEqualTo(Level.WARNING);
        assertThat(levelOf(known(ResourceKind.GLUE_INTEGRATION, ResourceStatus.SYNCING, true)))
                .isEqualTo(Level.WARNING);
        assertThat(levelOf(known(ResourceKind.GLUE_INTEGRATION, ResourceStatus.UNKNOWN, false)))
                .isEqualTo(Level.WARNING);
        assertThat(levelOf(known(ResourceKind.GLUE_INTEGRATION, ResourceStatus.SYNCING, false)))
                .isEqualTo(Level.OK);
        assertThat(levelOf(known(ResourceKind.APPINTEGRATIONS_ASSOCIATION, ResourceStatus.NEVER_EXECUTED, false)))
                .isEqualTo(Level.OK);
    }

    @Test
    void aStuckResourceSaysForHowLongAndItsThreshold() {
        HealthReport report = HealthReport.evaluate(List.of(known(ResourceKind.GLUE_INTEGRATION,
                ResourceStatus.SYNCING, true)), List.of(), StuckConfig.defaults(), NOW);

        assertThat(report.rows()).singleElement().extracting(HealthReport.Row::reason)
                .isEqualTo("SYNCING for 7h (threshold 6h)");
    }

    @Test
    void creatingFirstSeenNowIsNotStuckHoweverOldTheResource() {
        // created two days ago, but first seen CREATING by this run: stuck is measured from statusSince
        KnownResource creating = known(ResourceKind.GLUE_INTEGRATION, ResourceStatus.CREATING, false);
        KnownResource firstSeenNow = new KnownResource(creating.resource(), NOW, NOW, false);

        assertThat(levelOf(firstSeenNow)).isEqualTo(Level.OK);
    }

    private static Level levelOf(KnownResource known) {
        return HealthReport.evaluate(List.of(known), List.of(), StuckConfig.defaults(), NOW).level();
    }

    private static KnownResource known(ResourceKind kind, ResourceStatus status, boolean stuckReported) {
        ObservedResource r = new ObservedResource(kind, "arn:x", "x", "123456789012", "eu-west-1", status,
                List.of(), Map.of(), Map.of(), NOW.minus(Duration.ofDays(2)));
        return new KnownResource(r, NOW.minus(Duration.ofHours(7)), NOW, stuckReported);
    }
}
