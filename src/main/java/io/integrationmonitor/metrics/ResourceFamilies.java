package io.integrationmonitor.metrics;

import io.integrationmonitor.poll.ObservedResource;
import io.integrationmonitor.poll.ObservedResource.Attributes;
import io.integrationmonitor.poll.ResourceKind;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The metric families of one resource kind, kube-state-metrics style: a one-hot status state set, a 0/1
 * {@code _stuck} gauge next to it, an {@code _info} gauge for fixed properties, an error count and the
 * status-since timestamp. Every series of a resource carries the same identity labels.
 */
enum ResourceFamilies {
    GLUE_INTEGRATION(ResourceKind.GLUE_INTEGRATION, "aws_glue_integration", "aws_glue_integration_status", true,
            List.of(label("integration_arn", ObservedResource::arn), label("integration_name", ObservedResource::name)),
            List.of(attribute(Attributes.SOURCE_ARN), attribute(Attributes.TARGET_ARN),
                    attribute(Attributes.REFRESH_INTERVAL))),
    GLUE_INBOUND_INTEGRATION(ResourceKind.GLUE_INBOUND_INTEGRATION, "aws_glue_inbound_integration",
            "aws_glue_inbound_integration_status", true,
            List.of(label("integration_arn", ObservedResource::arn), attribute(Attributes.TARGET_ARN)),
            List.of(attribute(Attributes.SOURCE_ARN), attribute(Attributes.SOURCE_ACCOUNT_ID))),
    APPINTEGRATIONS_ASSOCIATION(ResourceKind.APPINTEGRATIONS_ASSOCIATION, "aws_appintegrations_association",
            "aws_appintegrations_association_last_execution_status", false,
            List.of(attribute(Attributes.DATA_INTEGRATION_ARN), label("association_arn", ObservedResource::arn),
                    attribute(Attributes.CLIENT_ID)),
            List.of(attribute(Attributes.EXECUTION_MODE), attribute(Attributes.DESTINATION_URI))),
    RDS_INTEGRATION(ResourceKind.RDS_INTEGRATION, "aws_rds_integration", "aws_rds_integration_status", true,
            List.of(label("integration_arn", ObservedResource::arn), label("integration_name", ObservedResource::name)),
            List.of(attribute(Attributes.SOURCE_ARN), attribute(Attributes.TARGET_ARN))),
    REDSHIFT_INTEGRATION(ResourceKind.REDSHIFT_INTEGRATION, "aws_redshift_integration",
            "aws_redshift_integration_status", true,
            List.of(label("integration_arn", ObservedResource::arn), label("integration_name", ObservedResource::name)),
            List.of(attribute(Attributes.SOURCE_ARN), attribute(Attributes.TARGET_ARN))),
    REDSHIFT_INBOUND_INTEGRATION(ResourceKind.REDSHIFT_INBOUND_INTEGRATION, "aws_redshift_inbound_integration",
            "aws_redshift_inbound_integration_status", true,
            List.of(label("integration_arn", ObservedResource::arn), attribute(Attributes.TARGET_ARN)),
            List.of(attribute(Attributes.SOURCE_ARN), attribute(Attributes.SOURCE_ACCOUNT_ID)));

    private final ResourceKind kind;
    private final String statusName;
    private final String stuckName;
    private final String infoName;
    private final String errorsName;
    private final String sinceName;
    /** account_id and region first, then the kind's own identity labels. */
    private final List<LabelSource> identity;
    private final List<LabelSource> infoOnly;

    ResourceFamilies(ResourceKind kind, String prefix, String statusName, boolean hasErrors,
                     List<LabelSource> ownIdentity, List<LabelSource> infoOnly) {
        this.kind = kind;
        this.statusName = statusName;
        // next to the state set: ..._status -> ..._stuck
        this.stuckName = statusName.substring(0, statusName.length() - "_status".length()) + "_stuck";
        this.infoName = prefix + "_info";
        this.errorsName = hasErrors ? prefix + "_errors" : null;
        this.sinceName = prefix + "_status_since_timestamp_seconds";
        this.identity = concat(List.of(label("account_id", ObservedResource::accountId),
                label("region", ObservedResource::region)), ownIdentity);
        this.infoOnly = infoOnly;
    }

    static ResourceFamilies of(ResourceKind kind) {
        for (ResourceFamilies families : values()) {
            if (families.kind == kind) {
                return families;
            }
        }
        throw new IllegalArgumentException("no metric families for " + kind);
    }

    ResourceKind kind() {
        return kind;
    }

    String statusName() {
        return statusName;
    }

    String stuckName() {
        return stuckName;
    }

    String infoName() {
        return infoName;
    }

    /** Null when the kind has no error list of its own. */
    String errorsName() {
        return errorsName;
    }

    String sinceName() {
        return sinceName;
    }

    List<LabelSource> identity() {
        return identity;
    }

    List<LabelSource> infoOnly() {
        return infoOnly;
    }

    /** One label and where its value comes from; absent values are exported as "" (never dropped). */
    record LabelSource(String name, Function<ObservedResource, String> value) {
        String valueOf(ObservedResource resource) {
            String v = value.apply(resource);
            return v == null ? "" : v;
        }
    }

    private static LabelSource label(String name, Function<ObservedResource, String> value) {
        return new LabelSource(name, value);
    }

    /** Attribute keys double as label names (see {@link Attributes}). */
    private static LabelSource attribute(String key) {
        return new LabelSource(key, r -> r.attribute(key));
    }

    private static List<LabelSource> concat(List<LabelSource> a, List<LabelSource> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
