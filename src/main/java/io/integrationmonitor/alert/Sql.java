package io.integrationmonitor.alert;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Small JDBC helpers shared by the alerting stores. */
final class Sql {
    private Sql() {
    }

    static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        ps.setObject(index, value == null ? null : OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
    }

    static Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    static <T> T inTransaction(DataSource dataSource, SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new AlertStorageException(e);
        }
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** A database failure of the alerting stores; carries the SQL state, never the data. */
    static final class AlertStorageException extends RuntimeException {
        AlertStorageException(SQLException cause) {
            super("alerting database error: " + cause.getMessage(), cause);
        }
    }
}
