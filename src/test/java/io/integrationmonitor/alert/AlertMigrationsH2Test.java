package io.integrationmonitor.alert;

import io.integrationmonitor.state.Database;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** {@link AlertMigrationsContract} on the embedded H2 file. */
class AlertMigrationsH2Test extends AlertMigrationsContract {
    @TempDir
    Path dir;

    @Override
    String url() {
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("integration-monitor")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    @Override
    String user() {
        return "sa";
    }

    @Override
    String password() {
        return "";
    }

    @Override
    Database openCurrent() {
        return Database.embedded(dir);
    }
}
