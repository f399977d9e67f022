package io.integrationmonitor.state;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Closing the embedded database compacts it quietly: a clean stop logs no warning. */
class DatabaseCloseTest {
    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger databaseLog = (Logger) LoggerFactory.getLogger(Database.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        databaseLog.addAppender(logs);
    }

    @AfterEach
    void stopCapturing() {
        databaseLog.detachAppender(logs);
    }

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
        assertThat(logs.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
        try (Database reopened = Database.embedded(data);
             var c = reopened.dataSource().getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM known_resource")) {
            assertThat(rs.next()).isTrue();
        }
    }
}
