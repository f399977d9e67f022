package io.integrationmonitor.state;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * Connection and transaction plumbing of every table (state and alerting): every failure rolls back and
 * surfaces as a {@link StateStoreException}, a failed rollback as a suppressed exception of the original.
 * Instants are stored as BIGINT epoch milliseconds, UTC by definition.
 */
public final class Jdbc {
    private final DataSource dataSource;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} with auto-commit on: each statement is its own transaction. */
    public <T> T withConnection(String what, Work<T> work) {
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
    public <T> T inTransaction(String what, Work<T> work) {
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

    public static long millis(Instant instant) {
        return instant.toEpochMilli();
    }

    /** Sets an instant column, or SQL NULL for a null instant. */
    public static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value.toEpochMilli());
        }
    }

    public static Instant instantOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }
}
