package io.integrationmonitor.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

/**
 * Holds back Quartz's and Hikari's WARN/ERROR lines about an unreachable database: during an outage both
 * retry every second or so and log each failure, Quartz with a stack trace. The monitor reports an outage
 * itself, once per component when it begins and once when it is over ({@code state.Outage}). Anything else
 * those libraries log passes, and so does a failure to open the pool at start-up.
 * Configured in logback.xml; stateless.
 */
public final class ConnectionFailureLogFilter extends TurboFilter {
    private static final List<String> LIBRARY_LOGGERS = List.of("org.quartz.", "com.zaxxer.hikari.",
            // Quartz's job store logs under the name of its class, which is ours
            "io.integrationmonitor.schedule.ReleasingJobStoreTX");
    private static final List<String> HIKARI_CONNECTION_MESSAGES = List.of("Failed to validate connection",
            "marked as broken", "Connection is not available");
    /** Hikari's own exceptions for a connection it closed or could not get carry no SQLSTATE. */
    private static final List<String> HIKARI_EXCEPTION_MESSAGES = List.of("Connection is closed",
            "Connection is not available");
    private static final int MAX_CAUSES = 12;

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        if (level == null || !level.isGreaterOrEqual(Level.WARN) || !isLibrary(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        if (format != null && format.contains("initialization")) {
            return FilterReply.NEUTRAL; // the pool cannot open at start-up: that must be seen
        }
        Throwable thrown = t != null ? t
                : params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last ? last
                : null;
        boolean connectionFailure = isConnectionFailure(thrown)
                || (format != null && HIKARI_CONNECTION_MESSAGES.stream().anyMatch(format::contains));
        return connectionFailure ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    private static boolean isLibrary(String name) {
        return LIBRARY_LOGGERS.stream().anyMatch(name::startsWith);
    }

    /** An SQLSTATE 08 (connection exception), a lost pooled connection or a socket failure in the cause chain. */
    static boolean isConnectionFailure(Throwable thrown) {
        Throwable e = thrown;
        for (int i = 0; e != null && i < MAX_CAUSES; i++, e = e.getCause()) {
            if (e instanceof SQLTransientConnectionException || e instanceof ConnectException
                    || e instanceof SocketException || e instanceof SocketTimeoutException
                    || e instanceof EOFException) {
                return true;
            }
            if (e instanceof SQLException sql && (sql.getSQLState() != null && sql.getSQLState().startsWith("08")
                    || sql.getMessage() != null && HIKARI_EXCEPTION_MESSAGES.stream().anyMatch(sql.getMessage()::contains))) {
                return true;
            }
        }
        return false;
    }
}
