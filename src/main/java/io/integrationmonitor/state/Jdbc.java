package io.integrationmonitor.state;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.sql.ResultSet;

/** Connection and transaction plumbing: every failure rolls back and surfaces as an exception. */
final class Jdbc {
    private final DataSource dataSource;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} with auto-commit on: each statement is its own transaction. */
    <T> T withConnection(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    /**
     * Runs {@code work} in one transaction. A runtime exception from {@code work} (such as a failing
     * detection) rolls back and is rethrown unchanged; an SQL failure rolls back and becomes a
     * {@link StateStoreException}.
     */
    <T> T inTransaction(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollback(connection, e);
                throw e;
            }
            // the pool restores auto-commit when the connection is returned
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static StateStoreException failed(String what, SQLException e) {
        return new StateStoreException("state store: " + what + " failed: " + e.getMessage(), e);
    }

    static long millis(Instant instant) {
        return instant.toEpochMilli();
    }

    static Instant instantOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }
}
