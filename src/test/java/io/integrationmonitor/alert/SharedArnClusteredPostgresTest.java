package io.integrationmonitor.alert;

import io.integrationmonitor.state.Database;
import io.integrationmonitor.state.PostgresTestSchema;

/** {@link SharedArnClusteredContract} on the real PostgreSQL, in a fresh schema; see {@link PostgresTestSchema}. */
class SharedArnClusteredPostgresTest extends SharedArnClusteredContract {
    private PostgresTestSchema schema;

    @Override
    Database openReplicaDatabase() {
        if (schema == null) {
            schema = PostgresTestSchema.createOrSkip();
        }
        return schema.open();
    }

    @Override
    void dropDatabase() throws Exception {
        if (schema != null) {
            schema.close();
        }
    }
}
