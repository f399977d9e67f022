package io.integrationmonitor.poll;

import io.integrationmonitor.text.Labels;

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
