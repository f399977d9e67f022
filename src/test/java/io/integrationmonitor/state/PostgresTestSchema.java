package io.integrationmonitor.state;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/**
 * A fresh, uniquely named schema on the test PostgreSQL, dropped on close, so runs never collide.
 * No PostgreSQL answering skips the test loudly, except under {@code CI=true}, where it fails.
 *
 * <p>Environment: {@code INTEGRATION_MONITOR_TEST_PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}), {@code INTEGRATION_MONITOR_TEST_PG_USER} (default
 * {@code postgres}), {@code INTEGRATION_MONITOR_TEST_PG_PASSWORD} (default empty).
 */
public final class PostgresTestSchema implements AutoCloseable {
    private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private final String url;
    private final String user;
    private final String password;
    private final String schema;

    private PostgresTestSchema(String url, String user, String password, String schema) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    public static PostgresTestSchema createOrSkip() {
        String url = env("INTEGRATION_MONITOR_TEST_PG_URL", DEFAULT_URL);
        String user = env("INTEGRATION_MONITOR_TEST_PG_USER", "postgres");
        String password = env("INTEGRATION_MONITOR_TEST_PG_PASSWORD", "");
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = connect(url, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            String message = "PostgreSQL at " + url + " is not available (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + "; CI=true requires the PostgreSQL tests to run", e);
            }
            System.err.println("*** SKIPPING PostgreSQL tests: " + message
                    + ". Start one or set INTEGRATION_MONITOR_TEST_PG_URL. ***");
            Assumptions.abort(message);
        }
        return new PostgresTestSchema(url, user, password, schema);
    }

    /** A new {@link Database} on this schema (migrated); several may be opened one after another. */
    public Database open() {
        return Database.postgres(jdbcUrl(), user, password, 4);
    }

    /** The JDBC URL that reaches this schema (its {@code currentSchema}). */
    public String jdbcUrl() {
        String separator = url.contains("?") ? "&" : "?";
        return url + separator + "currentSchema=" + schema;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = connect(url, user, password); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "3");
        props.setProperty("loginTimeout", "5");
        return DriverManager.getConnection(url, props);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
