package io.integrationmonitor.config;

import java.net.URI;

/** Per-service endpoint overrides; null leaves the SDK's own resolution (and its environment variables). */
public record EndpointsConfig(URI glue, URI appintegrations, URI sns, URI sts, URI rds, URI redshift,
                              URI sqs, URI cloudwatch) {
    public EndpointsConfig {
        Validation.httpUri(sqs, "sqs");
        Validation.httpUri(cloudwatch, "cloudwatch");
        Validation.httpUri(glue, "glue");
        Validation.httpUri(appintegrations, "appintegrations");
        Validation.httpUri(sns, "sns");
        Validation.httpUri(sts, "sts");
        Validation.httpUri(rds, "rds");
        Validation.httpUri(redshift, "redshift");
    }

    public EndpointsConfig(URI glue, URI appintegrations, URI sns, URI sts) {
        this(glue, appintegrations, sns, sts, null, null);
    }

    public EndpointsConfig(URI glue, URI appintegrations, URI sns, URI sts, URI rds, URI redshift) {
        this(glue, appintegrations, sns, sts, rds, redshift, null);
    }

    public EndpointsConfig(URI glue, URI appintegrations, URI sns, URI sts, URI rds, URI redshift, URI sqs) {
        this(glue, appintegrations, sns, sts, rds, redshift, sqs, null);
    }

    public static EndpointsConfig defaults() {
        return new EndpointsConfig(null, null, null, null, null, null, null, null);
    }

    /** User-info and query strings may hold credentials: left out. */
    @Override
    public String toString() {
        return "EndpointsConfig[glue=" + shown(glue) + ", appintegrations=" + shown(appintegrations)
                + ", sns=" + shown(sns) + ", sts=" + shown(sts) + ", rds=" + shown(rds)
                + ", redshift=" + shown(redshift) + ", sqs=" + shown(sqs) + ", cloudwatch=" + shown(cloudwatch) + "]";
    }

    private static String shown(URI uri) {
        return uri == null ? null : SecretKeys.withoutCredentials(uri);
    }

    /** The same endpoint for every service: what the embedded simulator needs. */
    public static EndpointsConfig all(URI endpoint) {
        return new EndpointsConfig(endpoint, endpoint, endpoint, endpoint, endpoint, endpoint, endpoint, endpoint);
    }
}
