package io.integrationmonitor.freshness;

import io.integrationmonitor.detect.KnownResource;
import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.integrationmonitor.freshness.FreshnessFixtures.ACCOUNT;
import static io.integrationmonitor.freshness.FreshnessFixtures.REGION;
import static io.integrationmonitor.freshness.FreshnessFixtures.SINCE;
import static io.integrationmonitor.freshness.FreshnessFixtures.active;
import static io.integrationmonitor.freshness.FreshnessFixtures.glueArn;
import static io.integrationmonitor.freshness.FreshnessFixtures.known;
import static io.integrationmonitor.freshness.FreshnessFixtures.rdsArn;
import static io.integrationmonitor.freshness.FreshnessFixtures.redshiftArn;
import static org.assertj.core.api.Assertions.assertThat;

class WatchedIntegrationsTest {
    @Test
    void watchesTheActiveIntegrationsOfTheAccountAndRegionSortedByArn() {
        // given integrations of every kind, an association, one not ACTIVE, and others elsewhere
        KnownResource elsewhere = new KnownResource(new ObservedResource(ResourceKind.GLUE_INTEGRATION, glueArn(9),
                "other", "210987654321", REGION, ResourceStatus.ACTIVE, List.of(), Map.of(), Map.of(), null),
                SINCE, SINCE, false);
        KnownResource otherRegion = new KnownResource(new ObservedResource(ResourceKind.GLUE_INTEGRATION,
                glueArn(8), "other", ACCOUNT, "us-east-1", ResourceStatus.ACTIVE, List.of(), Map.of(), Map.of(),
                null), SINCE, SINCE, false);
        WatchedIntegrations watched = new WatchedIntegrations(() -> List.of(
                active(ResourceKind.REDSHIFT_INTEGRATION, redshiftArn(1)),
                active(ResourceKind.GLUE_INTEGRATION, glueArn(2)),
                active(ResourceKind.RDS_INTEGRATION, rdsArn(3)),
                known(ResourceKind.GLUE_INTEGRATION, glueArn(4), ResourceStatus.MODIFYING, Map.of(), Map.of()),
                active(ResourceKind.APPINTEGRATIONS_ASSOCIATION,
                        "arn:aws:app-integrations:eu-west-1:123456789012:data-integration-association/a/b"),
                elsewhere, otherRegion));

        // when
        List<WatchedIntegration> in = watched.in(ACCOUNT, REGION);

        // then
        assertThat(in).extracting(WatchedIntegration::arn).containsExactly(glueArn(2), rdsArn(3), redshiftArn(1));
        assertThat(in).extracting(WatchedIntegration::source)
                .containsExactly(MetricSource.GLUE, MetricSource.REDSHIFT, MetricSource.REDSHIFT);
        assertThat(in.get(1).integrationId()).isEqualTo("00000003-1111-4000-8000-000000000000");
        assertThat(in).allSatisfy(w -> assertThat(w.activeSince()).isEqualTo(SINCE));
    }

    @Test
    void oneArnListedOutboundAndInboundIsWatchedOnceAsTheOutboundListingSaysIt() {
        // given an RDS integration also in Redshift's inbound listing, and a Glue one in Glue's inbound listing
        WatchedIntegrations watched = new WatchedIntegrations(() -> List.of(
                active(ResourceKind.REDSHIFT_INBOUND_INTEGRATION, rdsArn(1)),
                known(ResourceKind.RDS_INTEGRATION, rdsArn(1), ResourceStatus.ACTIVE, Map.of(), Map.of("team", "a")),
                known(ResourceKind.GLUE_INBOUND_INTEGRATION, glueArn(2), ResourceStatus.ACTIVE,
                        Map.of(ObservedResource.Attributes.REFRESH_INTERVAL, "60"), Map.of()),
                known(ResourceKind.GLUE_INTEGRATION, glueArn(2), ResourceStatus.MODIFYING, Map.of(), Map.of())));

        // when
        List<WatchedIntegration> in = watched.in(ACCOUNT, REGION);

        // then the RDS one once, as RDS lists it; the Glue one not at all: its owner says MODIFYING
        assertThat(in).singleElement().satisfies(w -> {
            assertThat(w.arn()).isEqualTo(rdsArn(1));
            assertThat(w.kind()).isEqualTo(ResourceKind.RDS_INTEGRATION);
            assertThat(w.tags()).containsEntry("team", "a");
        });
    }

    @Test
    void anInboundListingAloneIsWatched() {
        // given a Glue integration only its target account's inbound listing reports
        WatchedIntegrations watched = new WatchedIntegrations(() -> List.of(
                known(ResourceKind.GLUE_INBOUND_INTEGRATION, glueArn(1), ResourceStatus.ACTIVE,
                        Map.of(ObservedResource.Attributes.REFRESH_INTERVAL, "60"), Map.of())));

        // when / then
        assertThat(watched.in(ACCOUNT, REGION)).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(ResourceKind.GLUE_INBOUND_INTEGRATION);
            assertThat(w.source()).isEqualTo(MetricSource.GLUE);
            assertThat(w.refreshInterval()).isEqualTo(Duration.ofHours(1));
        });
    }

    @Test
    void anArnThatIsNoIntegrationArnIsNeverWatched() {
        // given a resource whose ARN would break out of a SEARCH expression
        WatchedIntegrations watched = new WatchedIntegrations(() -> List.of(
                active(ResourceKind.GLUE_INTEGRATION, "arn:aws:glue:eu-west-1:123456789012:integration:x\"') OR ('"),
                active(ResourceKind.GLUE_INTEGRATION, "not-an-arn")));

        // when / then
        assertThat(watched.in(ACCOUNT, REGION)).isEmpty();
    }

    @Test
    void readsTheStoredRefreshIntervalAsMinutes() {
        assertThat(WatchedIntegrations.refreshInterval("15")).isEqualTo(Duration.ofMinutes(15));
        assertThat(WatchedIntegrations.refreshInterval(" 8640 ")).isEqualTo(Duration.ofDays(6));
        assertThat(WatchedIntegrations.refreshInterval("")).isNull();
        assertThat(WatchedIntegrations.refreshInterval(null)).isNull();
        assertThat(WatchedIntegrations.refreshInterval("0")).isNull();
        assertThat(WatchedIntegrations.refreshInterval("1h")).isNull();
        assertThat(WatchedIntegrations.refreshInterval("-5")).isNull();
        assertThat(WatchedIntegrations.refreshInterval("99999999999999999999")).isNull();
    }

    @Test
    void theIntegrationIdIsTheLastArnSegment() {
        assertThat(WatchedIntegrations.lastSegment("arn:aws:glue:eu-west-1:123456789012:integration:abc")).isEqualTo("abc");
        assertThat(WatchedIntegrations.lastSegment("arn:aws:glue:eu-west-1:123456789012:integration/abc")).isEqualTo("abc");
    }
}
