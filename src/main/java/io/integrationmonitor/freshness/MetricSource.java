package io.integrationmonitor.freshness;

/** Which CloudWatch metrics tell an integration's freshness: decided by the service that owns its ARN. */
public enum MetricSource {
    /** Glue-owned integrations: {@code AWS/Glue/ZeroETL} by {@code integrationArn} (and {@code tableName}). */
    GLUE("AWS/Glue/ZeroETL"),
    /** RDS- and Redshift-owned integrations: {@code AWS/Redshift} by {@code IntegrationId}. */
    REDSHIFT("AWS/Redshift");

    private final String namespace;

    MetricSource(String namespace) {
        this.namespace = namespace;
    }

    public String namespace() {
        return namespace;
    }
}
