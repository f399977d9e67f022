package io.integrationmonitor.state;

/** Runs the contract on PostgreSQL, each test in its own schema; see {@link PostgresTestSchema}. */
class JdbcStateStorePostgresTest extends JdbcStateStoreContract {
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
