package io.integrationmonitor.poll;

import io.integrationmonitor.text.Labels;

import java.util.List;

import static io.integrationmonitor.poll.ResourceStatus.ACTIVE;
import static io.integrationmonitor.poll.ResourceStatus.COMPLETED;
import static io.integrationmonitor.poll.ResourceStatus.CREATING;
import static io.integrationmonitor.poll.ResourceStatus.DELETING;
import static io.integrationmonitor.poll.ResourceStatus.FAILED;
import static io.integrationmonitor.poll.ResourceStatus.IN_PROGRESS;
import static io.integrationmonitor.poll.ResourceStatus.MODIFYING;
import static io.integrationmonitor.poll.ResourceStatus.NEEDS_ATTENTION;
import static io.integrationmonitor.poll.ResourceStatus.NEVER_EXECUTED;
import static io.integrationmonitor.poll.ResourceStatus.SYNCING;
import static io.integrationmonitor.poll.ResourceStatus.UNKNOWN;

/**
 * The kinds of monitored resource, each with its closed set of statuses. The status sets drive the
 * one-hot state-set gauges, so they must stay bounded.
 */
public enum ResourceKind implements Labels.Labelled {
    GLUE_INTEGRATION("glue_integration", Vocabulary.LIFECYCLE),
    GLUE_INBOUND_INTEGRATION("glue_inbound_integration", Vocabulary.LIFECYCLE),
    APPINTEGRATIONS_ASSOCIATION("appintegrations_association", Vocabulary.EXECUTION),
    /** Aurora / RDS zero-ETL integrations into Redshift: RDS {@code DescribeIntegrations}. */
    RDS_INTEGRATION("rds_integration", Vocabulary.LIFECYCLE),
    /** DynamoDB- and S3-sourced integrations into Redshift: Redshift {@code DescribeIntegrations}. */
    REDSHIFT_INTEGRATION("redshift_integration", Vocabulary.LIFECYCLE),
    /** Everything that lands in a Redshift namespace: Redshift {@code DescribeInboundIntegrations}. */
    REDSHIFT_INBOUND_INTEGRATION("redshift_inbound_integration", Vocabulary.LIFECYCLE);

    private final String label;
    private final List<ResourceStatus> statuses;

    ResourceKind(String label, List<ResourceStatus> statuses) {
        this.label = label;
        this.statuses = statuses;
    }

    /** Bounded value for the {@code kind} metric label, the JSON API and config matchers. */
    @Override
    public String label() {
        return label;
    }

    /** Every status a resource of this kind can report, in a stable order. */
    public List<ResourceStatus> statuses() {
        return statuses;
    }

    /**
     * Zero-ETL integrations (Glue, RDS, Redshift) report a lifecycle status; an association reports its
     * last execution's.
     */
    public boolean isIntegration() {
        return this != APPINTEGRATIONS_ASSOCIATION;
    }

    /**
     * Whether the listing reports the resource's tags (Glue, RDS and Redshift {@code DescribeIntegrations}), so
     * tag filters apply to it; inbound integrations and associations are judged by name alone.
     */
    public boolean carriesTags() {
        return this == GLUE_INTEGRATION || this == RDS_INTEGRATION || this == REDSHIFT_INTEGRATION;
    }

    public static ResourceKind fromLabel(String label) {
        return Labels.of(ResourceKind.class, label, "kind");
    }

    /** Each kind's closed set of statuses, in the stable order of the state-set series. */
    private static final class Vocabulary {
        static final List<ResourceStatus> LIFECYCLE =
                List.of(CREATING, ACTIVE, MODIFYING, FAILED, DELETING, SYNCING, NEEDS_ATTENTION, UNKNOWN);
        static final List<ResourceStatus> EXECUTION = List.of(COMPLETED, IN_PROGRESS, FAILED, NEVER_EXECUTED, UNKNOWN);
    }
}
