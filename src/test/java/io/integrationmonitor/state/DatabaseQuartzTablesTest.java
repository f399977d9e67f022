package io.integrationmonitor.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Quartz job store tables exist on PostgreSQL only, under their own migration history. */
class DatabaseQuartzTablesTest {

    @Test
    void postgresGetsTheQuartzTablesOnceAndKeepsTheSharedHistoryApart() throws Exception {
        try (PostgresTestSchema schema = PostgresTestSchema.createOrSkip()) {
            // given a database opened once already (another replica, or an earlier start)
            schema.open().close();

            // when it is opened again
            try (Database database = schema.open()) {
                // then
                assertThat(tables(database.dataSource())).contains("qrtz_triggers", "qrtz_fired_triggers",
                        "qrtz_scheduler_state", "qrtz_locks", "poll_target");
                assertThat(strings(database.dataSource(),
                        "SELECT version FROM quartz_schema_history WHERE success ORDER BY installed_rank"))
                        .containsExactly("0", "1");
                assertThat(strings(database.dataSource(),
                        "SELECT script FROM flyway_schema_history ORDER BY installed_rank"))
                        .noneMatch(script -> script.toLowerCase().contains("quartz"));
            }
        }
    }

    @Test
    void theEmbeddedDatabaseHasNoQuartzTables(@TempDir Path dataDir) throws Exception {
        try (Database database = Database.embedded(dataDir)) {
            assertThat(tables(database.dataSource())).contains("poll_target").noneMatch(t -> t.startsWith("qrtz_"));
        }
    }

    private static List<String> tables(DataSource ds) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = ds.getConnection();
             ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase());
            }
        }
        return names;
    }

    private static List<String> strings(DataSource ds, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = ds.getConnection(); var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
