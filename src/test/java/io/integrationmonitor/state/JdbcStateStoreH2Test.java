package io.integrationmonitor.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcStateStoreH2Test extends JdbcStateStoreContract {
    @TempDir
    Path dataDir;

    @Override
    Database openDatabase() {
        return Database.embedded(dataDir);
    }

    @Test
    void embeddedDatabaseLivesInTheDataDirectory() {
        assertThat(dataDir.resolve("integration-monitor.mv.db")).isRegularFile();
    }
}
