package io.integrationmonitor.alert;

import io.integrationmonitor.state.Database;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** {@link SharedArnClusteredContract} as two pools on one embedded H2 file in this JVM. */
class SharedArnClusteredH2Test extends SharedArnClusteredContract {
    @TempDir
    Path dir;

    @Override
    Database openReplicaDatabase() {
        return Database.embedded(dir);
    }
}
