package io.integrationmonitor.alert;

import io.integrationmonitor.state.Database;
import io.integrationmonitor.state.PostgresTestSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** {@link AlertMigrationsContract} on PostgreSQL, in a schema of its own. */
class AlertMigrationsPostgresTest extends AlertMigrationsContract {
    private PostgresTestSchema schema;

    @BeforeEach
    void createSchema() {
        schema = PostgresTestSchema.createOrSkip();
    }

    @AfterEach
    void dropSchema() throws Exception {
        closeDatabase();
        schema.close();
    }

    @Override
    String url() {
        return schema.jdbcUrl();
    }

    @Override
    String user() {
        return schema.user();
    }

    @Override
    String password() {
        return schema.password();
    }

    @Override
    Database openCurrent() {
        return schema.open();
    }
}
