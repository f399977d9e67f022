package io.integrationmonitor;

import io.integrationmonitor.config.HttpConfig;
import io.integrationmonitor.config.StartupException;
import io.integrationmonitor.state.DatabaseOpenException;

import java.io.IOException;

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

    /** The server's socket could not be bound. */
    static StartupException http(HttpConfig http, IOException e) {
        return StartupException.cannotListen("http.port", "http.bind_address", http.bindAddress(), http.port(), e);
    }
}
