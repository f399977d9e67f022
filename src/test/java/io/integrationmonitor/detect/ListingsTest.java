package io.integrationmonitor.detect;

import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.PollTarget;
import io.integrationmonitor.poll.ResourceKind;
import io.integrationmonitor.poll.ResourceStatus;
import io.integrationmonitor.poll.Source;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ListingsTest {
    private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
    private static final String ARN = "arn:aws:rds:us-east-1:111111111111:integration:aurora-zetl";

    private static String key(Source source, String account) {
        return new PollTarget(source, account, "us-east-1").key();
    }

    private static KnownResource listed(ResourceKind kind, String account, String status) {
        return new KnownResource(new ObservedResource(kind, ARN, "aurora-zetl", account, "us-east-1",
                ResourceStatus.valueOf(status), List.of(), null, null, null), T0, T0, false);
    }

    @Test
    void aPrimaryListingOwnsBeforeAnyInboundOneWhateverTheAccount() {
        // given an integration listed by its primary listings and by inbound ones, in two accounts
        String rds = key(Source.RDS_INTEGRATIONS, "222222222222");
        String glue = key(Source.GLUE_INTEGRATIONS, "999999999999");
        String redshiftInbound = key(Source.REDSHIFT_INBOUND_INTEGRATIONS, "111111111111");
        String glueInbound = key(Source.GLUE_INBOUND_INTEGRATIONS, "111111111111");

        // then primary before inbound, in the fixed source order
        assertThat(Listings.outranks(rds, redshiftInbound)).isTrue();
        assertThat(Listings.outranks(redshiftInbound, rds)).isFalse();
        assertThat(Listings.outranks(glue, rds)).isTrue();
        assertThat(Listings.outranks(glueInbound, redshiftInbound)).isTrue();
        assertThat(Listings.owns(rds, List.of(redshiftInbound, rds))).isTrue();
        assertThat(Listings.owns(redshiftInbound, List.of(rds))).isFalse();
        assertThat(Listings.isInbound(Source.REDSHIFT_INBOUND_INTEGRATIONS)).isTrue();
        assertThat(Listings.isInbound(Source.REDSHIFT_INTEGRATIONS)).isFalse();
    }

    @Test
    void tiesOfOneSourceAreBrokenByTargetKeySoEveryReplicaAgrees() {
        // given the same source in two accounts, and a source this version does not know
        String a = key(Source.REDSHIFT_INBOUND_INTEGRATIONS, "111111111111");
        String b = key(Source.REDSHIFT_INBOUND_INTEGRATIONS, "222222222222");
        List<String> keys = new ArrayList<>(List.of("future_source/1/us-east-1", b, a));

        // when ordered, in any starting order
        Collections.shuffle(keys);
        keys.sort(Listings.OWNER_FIRST);

        // then deterministically: the lower key first, the unknown source last
        assertThat(keys).containsExactly(a, b, "future_source/1/us-east-1");
        assertThat(Listings.outranks(a, b)).isTrue();
        assertThat(Listings.outranks(b, a)).isFalse();
    }

    @Test
    void groupsOneRowPerArnWithTheOwnersViewFirstAndEveryListing() {
        // given an Aurora integration reported by Redshift's inbound listing and by RDS, and another resource
        KnownResource inbound = listed(ResourceKind.REDSHIFT_INBOUND_INTEGRATION, "111111111111", "NEEDS_ATTENTION");
        KnownResource rds = listed(ResourceKind.RDS_INTEGRATION, "111111111111", "FAILED");
        KnownResource other = new KnownResource(new ObservedResource(ResourceKind.GLUE_INTEGRATION,
                "arn:aws:glue:us-east-1:111111111111:integration:x", "x", "111111111111", "us-east-1",
                ResourceStatus.ACTIVE, List.of(), null, null, null), T0, T0, false);

        // when grouped
        List<Listings.Listed> grouped = Listings.group(List.of(inbound, other, rds));

        // then one row per ARN, the RDS view owning the integration, both listings named
        assertThat(grouped).hasSize(2);
        assertThat(grouped.get(0).owner()).isEqualTo(rds);
        assertThat(grouped.get(0).views()).containsExactly(rds, inbound);
        assertThat(grouped.get(0).listings()).containsExactly("rds_integrations", "redshift_inbound_integrations");
        assertThat(grouped.get(1).listings()).containsExactly("glue_integrations");
    }
}
