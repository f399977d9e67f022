package io.integrationmonitor.state;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class TableIngestionStoreH2Test extends TableIngestionStoreContract {
    @TempDir
    Path dataDir;

    @Override
    Database openDatabase() {
        return Database.embedded(dataDir);
    }
}
