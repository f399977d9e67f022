package io.integrationmonitor.schedule;

import org.quartz.utils.ConnectionProvider;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lends Quartz's JDBC job store connections from the monitor's own pool. The pool belongs to the
 * {@code Database}, so shutting the provider down only lets go of it; Quartz's process-wide registry
 * keeps the (then empty) provider under its name.
 */
final class SharedPoolConnectionProvider implements ConnectionProvider {
    private final AtomicReference<DataSource> dataSource;

    SharedPoolConnectionProvider(DataSource dataSource) {
        this.dataSource = new AtomicReference<>(dataSource);
    }

    @Override
    public Connection getConnection() throws SQLException {
        DataSource ds = dataSource.get();
        if (ds == null) {
            throw new SQLException("the poll scheduler is shut down");
        }
        return ds.getConnection();
    }

    @Override
    public void shutdown() {
        dataSource.set(null);
    }

    @Override
    public void initialize() {
        // The pool is already open.
    }
}
