package io.integrationmonitor.state;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.integrationmonitor.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Closing the embedded database compacts it quietly: a clean stop logs no warning. */
class DatabaseCloseTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final LogCapture logs = LogCapture.of(Database.class);

    @Test
    void aCleanCloseCompactsWithoutAWarningAndTheFileOpensAgain() throws Exception {
        // given: an embedded database that was used
        Path data = dir.resolve("data");
        Database database = Database.embedded(data);
        try (var c = database.dataSource().getConnection(); var s = c.createStatement()) {
            s.execute("SELECT COUNT(*) FROM known_resource");
        }

        // when
        database.close();

        // then: no WARN (SHUTDOWN COMPACT ends the pool's session; that is expected, not a failure)
        assertThat(logs.atLeast(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
        try (Database reopened = Database.embedded(data);
             var c = reopened.dataSource().getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM known_resource")) {
            assertThat(rs.next()).isTrue();
        }
    }
}
