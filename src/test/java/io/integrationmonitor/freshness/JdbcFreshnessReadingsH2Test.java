package io.integrationmonitor.freshness;

import io.integrationmonitor.state.Database;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class JdbcFreshnessReadingsH2Test extends FreshnessReadingsContract {
    @TempDir
    Path dataDir;

    @Override
    Database openDatabase() {
        return Database.embedded(dataDir);
    }
}
