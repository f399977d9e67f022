package io.integrationmonitor.schedule;

import io.integrationmonitor.state.Outage;
import org.quartz.utils.ConnectionProvider;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lends Quartz's JDBC job store connections from the monitor's own pool. The pool belongs to the
 * {@code Database}, so shutting the provider down only lets go of it; Quartz's process-wide registry
 * keeps the (then empty) provider under its name.
 */
final class SharedPoolConnectionProvider implements ConnectionProvider {
    private final AtomicReference<DataSource> dataSource;
    // Quartz retries every check-in and trigger scan and logs each failure; ConnectionFailureLogFilter holds
    // those lines back, and this reports the outage once instead
    private final Outage outage = new Outage("poll scheduler (Quartz)", Clock.systemUTC());

    SharedPoolConnectionProvider(DataSource dataSource) {
        this.dataSource = new AtomicReference<>(dataSource);
    }

    @Override
    public Connection getConnection() throws SQLException {
        DataSource ds = dataSource.get();
        if (ds == null) {
            throw new SQLException("the poll scheduler is shut down");
        }
        try {
            Connection connection = ds.getConnection();
            outage.succeeded();
            return connection;
        } catch (SQLException e) {
            outage.failed(e);
            throw e;
        }
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
