package io.integrationmonitor.state;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The one transaction helper: commits, rolls back, and never loses the original failure. */
class JdbcTest {
    private final JdbcDataSource h2 = new JdbcDataSource();

    JdbcTest() {
        h2.setURL("jdbc:h2:mem:jdbc-test-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    }

    @Test
    void aFailedRollbackIsSuppressedIntoTheOriginalRuntimeException() {
        // given a connection whose rollback fails
        Jdbc jdbc = new Jdbc(rollbackFails(h2));

        // when the work fails
        Throwable thrown = catchThrowable(() -> jdbc.inTransaction("working", c -> {
            throw new IllegalStateException("detection failed");
        }));

        // then the caller sees the work's failure, with the rollback's attached
        assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage("detection failed");
        assertThat(thrown.getSuppressed()).singleElement().satisfies(s ->
                assertThat(s).isInstanceOf(SQLException.class).hasMessage("rollback refused"));
    }

    @Test
    void aFailedRollbackAfterAnSqlFailureKeepsTheSqlFailureAsCause() {
        // given a connection whose rollback fails
        Jdbc jdbc = new Jdbc(rollbackFails(h2));

        // when a statement fails
        Throwable thrown = catchThrowable(() -> jdbc.inTransaction("reading", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM no_such_table")) {
                return ps.executeQuery();
            }
        }));

        // then it surfaces as a state store failure caused by the statement's, the rollback's suppressed in it
        assertThat(thrown).isInstanceOf(StateStoreException.class).hasMessageStartingWith("state store: reading failed");
        assertThat(thrown.getCause()).isInstanceOf(SQLException.class).hasMessageContaining("NO_SUCH_TABLE");
        assertThat(thrown.getCause().getSuppressed()).singleElement().satisfies(s ->
                assertThat(s).hasMessage("rollback refused"));
    }

    @Test
    void commitsWhatTheWorkReturnedAndRollsBackWhatFailed() {
        // given a table
        Jdbc jdbc = new Jdbc(h2);
        jdbc.withConnection("creating", c -> c.createStatement().execute("CREATE TABLE t (at BIGINT)"));

        // when one transaction inserts and returns, another inserts and fails
        jdbc.inTransaction("inserting", c -> insert(c, Instant.ofEpochMilli(1_000)));
        catchThrowable(() -> jdbc.inTransaction("inserting", c -> {
            insert(c, null);
            throw new IllegalStateException("then failed");
        }));

        // then only the first row is there, its instant as epoch milliseconds
        Instant onlyRow = jdbc.withConnection("reading", c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT at FROM t")) {
                rs.next();
                Instant read = Jdbc.instantOrNull(rs, "at");
                return rs.next() ? null : read;
            }
        });
        assertThat(onlyRow).isEqualTo(Instant.ofEpochMilli(1_000));
    }

    private static int insert(Connection c, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (at) VALUES (?)")) {
            Jdbc.setInstant(ps, 1, at);
            return ps.executeUpdate();
        }
    }

    /** Connections of {@code real} whose {@code rollback()} throws (after really rolling back). */
    private static DataSource rollbackFails(JdbcDataSource real) {
        return (DataSource) Proxy.newProxyInstance(JdbcTest.class.getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, real, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    Connection connection = (Connection) result;
                    return Proxy.newProxyInstance(JdbcTest.class.getClassLoader(), new Class<?>[]{Connection.class},
                            (p, m, a) -> {
                                Object r = invoke(m, connection, a);
                                if (m.getName().equals("rollback") && (a == null || a.length == 0)) {
                                    throw new SQLException("rollback refused");
                                }
                                return r;
                            });
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
