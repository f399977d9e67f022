package io.integrationmonitor.poll;

import io.integrationmonitor.text.Labels;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A polled AWS API. Each (source, account, region) is polled by its own scheduled job. */
public enum Source implements Labels.Labelled {
    GLUE_INTEGRATIONS("glue_integrations", ResourceKind.GLUE_INTEGRATION),
    GLUE_INBOUND_INTEGRATIONS("glue_inbound_integrations", ResourceKind.GLUE_INBOUND_INTEGRATION),
    APPINTEGRATIONS_ASSOCIATIONS("appintegrations_associations", ResourceKind.APPINTEGRATIONS_ASSOCIATION),
    RDS_INTEGRATIONS("rds_integrations", ResourceKind.RDS_INTEGRATION),
    REDSHIFT_INTEGRATIONS("redshift_integrations", ResourceKind.REDSHIFT_INTEGRATION),
    REDSHIFT_INBOUND_INTEGRATIONS("redshift_inbound_integrations", ResourceKind.REDSHIFT_INBOUND_INTEGRATION);

    private final String label;
    private final ResourceKind kind;

    Source(String label, ResourceKind kind) {
        this.label = label;
        this.kind = kind;
    }

    /** Bounded value for the {@code source} metric label and for logs. */
    @Override
    public String label() {
        return label;
    }

    /** The kind of resource this source reports. */
    public ResourceKind kind() {
        return kind;
    }

    /**
     * The IAM actions a poll of this source calls, as a policy names them: what to grant when the source's API
     * refuses the monitor (the log line, {@code once} and the status page say it; deploy/iam grants them).
     */
    public List<String> iamActions() {
        return switch (this) {
            case GLUE_INTEGRATIONS -> List.of("glue:DescribeIntegrations");
            case GLUE_INBOUND_INTEGRATIONS -> List.of("glue:DescribeInboundIntegrations");
            case APPINTEGRATIONS_ASSOCIATIONS -> List.of("app-integrations:ListDataIntegrations",
                    "app-integrations:ListDataIntegrationAssociations");
            case RDS_INTEGRATIONS -> List.of("rds:DescribeIntegrations");
            case REDSHIFT_INTEGRATIONS -> List.of("redshift:DescribeIntegrations");
            case REDSHIFT_INBOUND_INTEGRATIONS -> List.of("redshift:DescribeInboundIntegrations");
        };
    }

    /** The IAM service prefix of {@link #iamActions()}: {@code glue}, {@code app-integrations}, {@code rds}, ... */
    public String iamService() {
        String action = iamActions().get(0);
        return action.substring(0, action.indexOf(':'));
    }

    /**
     * The sources whose listings can report the integration an ARN names: its own service's outbound listing and
     * the inbound listing of the target side ({@code arn:...:glue:} in Glue's two, {@code rds} in RDS's and
     * Redshift's inbound one, {@code redshift} in Redshift's two). Empty for an ARN that is not an integration
     * ARN of a known partition and service, so one from an event names nothing else.
     */
    public static Set<Source> listingIntegration(String integrationArn) {
        return Collections.unmodifiableSet(Arns.integrationService(integrationArn).map(service -> switch (service) {
            case "glue" -> EnumSet.of(GLUE_INTEGRATIONS, GLUE_INBOUND_INTEGRATIONS);
            case "rds" -> EnumSet.of(RDS_INTEGRATIONS, REDSHIFT_INBOUND_INTEGRATIONS);
            case "redshift" -> EnumSet.of(REDSHIFT_INTEGRATIONS, REDSHIFT_INBOUND_INTEGRATIONS);
            default -> EnumSet.noneOf(Source.class);
        }).orElseGet(() -> EnumSet.noneOf(Source.class)));
    }

    /** The source that reports resources of this kind (one per kind). */
    public static Source of(ResourceKind kind) {
        for (Source s : values()) {
            if (s.kind == kind) {
                return s;
            }
        }
        throw new IllegalArgumentException("no source reports " + kind);
    }

    public static Source fromLabel(String label) {
        return Labels.of(Source.class, label, "source");
    }
}
