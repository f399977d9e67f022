package io.integrationmonitor.freshness;

import io.integrationmonitor.state.Database;
import io.integrationmonitor.state.PostgresTestSchema;

/** The contract on PostgreSQL, each test in its own schema. */
class JdbcFreshnessReadingsPostgresTest extends FreshnessReadingsContract {
    private PostgresTestSchema schema;

    @Override
    Database openDatabase() {
        if (schema == null) {
            schema = PostgresTestSchema.createOrSkip();
        }
        return schema.open();
    }

    @Override
    void cleanUp() throws Exception {
        if (schema != null) {
            schema.close();
        }
    }
}
