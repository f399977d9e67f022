package io.integrationmonitor.alert;

import io.integrationmonitor.state.Database;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Replicas as two pools on one embedded H2 file in this JVM: the same SQL paths as PostgreSQL. */
class ClusteredDeliveryH2Test extends ClusteredDeliveryContract {
    @TempDir
    Path dir;

    @Override
    Database openReplicaDatabase() {
        return Database.embedded(dir);
    }
}
