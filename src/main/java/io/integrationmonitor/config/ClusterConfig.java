package io.integrationmonitor.config;

import java.time.Duration;

/**
 * High availability: several replicas share one PostgreSQL database for state and for a clustered
 * Quartz schedule, so each poll runs on exactly one replica and a dead replica's polls move to another.
 *
 * @param enabled         clustered mode; off: single instance with the embedded database
 * @param jdbcUrl         {@code jdbc:postgresql://host:5432/db}; add {@code ?currentSchema=x} for a non-default schema
 * @param username        database user
 * @param password        database password (a secret: never printed; use {@code ${ENV}} interpolation)
 * @param poolSize        connections per replica, shared by the state store and Quartz
 * @param checkinInterval how often a replica proves it is alive; Quartz declares it dead about
 *                        {@code checkin_interval + 7.5s} after its last check-in
 * @param instanceId      this replica's unique name in the cluster; {@code AUTO}: host name plus start time
 */
public record ClusterConfig(
        Boolean enabled,
        String jdbcUrl,
        String username,
        String password,
        Integer poolSize,
        Duration checkinInterval,
        String instanceId) {

    public static final String AUTO_INSTANCE_ID = "AUTO";

    public ClusterConfig {
        enabled = enabled != null && enabled;
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        poolSize = poolSize == null ? 10 : poolSize;
        checkinInterval = checkinInterval == null ? Duration.ofMillis(7500) : checkinInterval;
        instanceId = instanceId == null || instanceId.isBlank() ? AUTO_INSTANCE_ID : instanceId.strip();
        if (enabled) {
            if (jdbcUrl == null || jdbcUrl.isBlank()) {
                throw KeyProblem.at("jdbc_url", "is required when the cluster is enabled").involving("enabled")
                        .exception();
            }
            if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
                throw KeyProblem.at("jdbc_url", "must start with jdbc:postgresql: " + SecretKeys.HIDDEN).exception();
            }
        }
        // Quartz needs a connection for its scheduler thread, check-in and misfire handler besides the polls.
        Validation.range(poolSize, 4, 200, "pool_size");
        Validation.atLeast(checkinInterval, Duration.ofSeconds(1), "checkin_interval");
        if (instanceId.length() > 200) {
            throw KeyProblem.at("instance_id", "must be at most 200 characters").exception();
        }
    }

    public static ClusterConfig defaults() {
        return new ClusterConfig(null, null, null, null, null, null, null);
    }

    /** The password is a secret; the URL's query may carry one too ({@code ?password=}), so it is left out. */
    @Override
    public String toString() {
        return "ClusterConfig[enabled=" + enabled + ", jdbcUrl=" + (jdbcUrl == null ? null : withoutQuery(jdbcUrl))
                + ", username=" + username + ", password=" + (password.isEmpty() ? "" : "****")
                + ", poolSize=" + poolSize + ", checkinInterval=" + checkinInterval
                + ", instanceId=" + instanceId + "]";
    }

    private static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?...";
    }
}
