package io.integrationmonitor;

import io.integrationmonitor.config.HttpConfig;
import io.integrationmonitor.config.StartupException;
import io.integrationmonitor.state.DatabaseOpenException;

import java.io.IOException;
import java.util.Locale;

/** Which configuration key a start-up failure is about, and the one line that says why. */
final class StartupFailures {
    private StartupFailures() {
    }

    static StartupException database(DatabaseOpenException e, boolean clustered) {
        String key = switch (e.setting()) {
            case LOCATION -> clustered ? "cluster.jdbc_url" : "state.data_dir";
            case USER -> "cluster.username";
            case PASSWORD -> "cluster.password";
        };
        return new StartupException(key, e.getMessage(), e);
    }

    /** The server's socket could not be bound; the JDK's and Jetty's exceptions carry the OS's reason somewhere in the chain. */
    static StartupException http(HttpConfig http, IOException e) {
        String where = "port " + http.port() + " on " + http.bindAddress();
        String reason = reason(e);
        String lower = reason.toLowerCase(Locale.ROOT);
        if (lower.contains("already in use")) {
            return new StartupException("http.port", where + " is already in use", e);
        }
        if (lower.contains("cannot assign requested address") || lower.contains("unresolved")
                || lower.contains("not available")) {
            return new StartupException("http.bind_address", http.bindAddress()
                    + " is not an address of this machine (" + reason + ")", e);
        }
        if (lower.contains("permission denied")) {
            return new StartupException("http.port", where + ": permission denied (ports below 1024 need privileges)", e);
        }
        return new StartupException("http.port", "cannot listen on " + where + ": " + reason, e);
    }

    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.SocketException && t.getMessage() != null) {
                return t.getMessage();
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
