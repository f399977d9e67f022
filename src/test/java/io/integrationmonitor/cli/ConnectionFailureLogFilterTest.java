package io.integrationmonitor.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionFailureLogFilterTest {
    private final LoggerContext context = new LoggerContext();
    private final ConnectionFailureLogFilter filter = new ConnectionFailureLogFilter();

    @Test
    void holdsBackQuartzAndHikariLinesAboutALostDatabase() {
        // given the lines Quartz and Hikari write during an outage
        Exception quartz = new RuntimeException("Failed to obtain DB connection from data source 'x'",
                new SQLTransientConnectionException("Connection is not available, request timed out after 10000ms"));
        Exception pgjdbc = new SQLException("The connection attempt failed.", "08001", new ConnectException("refused"));
        Exception closed = new SQLException("Connection is closed");

        // then each is denied
        assertThat(decide("org.quartz.impl.jdbcjobstore.JobStoreSupport", Level.ERROR,
                "ClusterManager: Error managing cluster", null, quartz)).isEqualTo(FilterReply.DENY);
        assertThat(decide("io.integrationmonitor.schedule.ReleasingJobStoreTX", Level.ERROR,
                "Couldn't rollback jdbc connection. Connection is closed", null, closed)).isEqualTo(FilterReply.DENY);
        assertThat(decide("org.quartz.core.ErrorLogger", Level.ERROR, "An error occurred while scanning",
                new Object[] {pgjdbc}, null)).as("throwable as the last argument").isEqualTo(FilterReply.DENY);
        assertThat(decide("com.zaxxer.hikari.pool.PoolBase", Level.WARN,
                "{} - Failed to validate connection {} ({}).", new Object[] {"p", "c", "closed"}, null))
                .isEqualTo(FilterReply.DENY);
    }

    @Test
    void letsEverythingElseThrough() {
        Exception pgjdbc = new SQLException("The connection attempt failed.", "08001");
        Exception syntax = new SQLException("syntax error at or near", "42601");

        assertThat(decide("org.quartz.impl.jdbcjobstore.JobStoreSupport", Level.ERROR, "bad SQL", null, syntax))
                .as("not a connection failure").isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("io.integrationmonitor.pipeline.PollRunner", Level.WARN, "poll failed", null, pgjdbc))
                .as("our own loggers").isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("org.quartz.core.QuartzScheduler", Level.INFO, "shutting down", null, pgjdbc))
                .as("below WARN").isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("com.zaxxer.hikari.pool.HikariPool", Level.ERROR, "{} - Exception during pool initialization.",
                new Object[] {"p"}, pgjdbc)).as("cannot open the pool at start-up").isEqualTo(FilterReply.NEUTRAL);
    }

    private FilterReply decide(String logger, Level level, String format, Object[] params, Throwable t) {
        Logger l = context.getLogger(logger);
        return filter.decide(null, l, level, format, params, t);
    }
}
