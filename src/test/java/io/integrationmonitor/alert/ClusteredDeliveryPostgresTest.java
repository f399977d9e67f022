package io.integrationmonitor.alert;

import io.integrationmonitor.state.Database;
import io.integrationmonitor.state.PostgresTestSchema;

/** Replicas on the real PostgreSQL, each test in a fresh schema; see {@link PostgresTestSchema}. */
class ClusteredDeliveryPostgresTest extends ClusteredDeliveryContract {
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
