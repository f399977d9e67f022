package io.integrationmonitor.state;

import java.util.Objects;

/** The database could not be opened; the message is one line without secrets, fit for the operator. */
public final class DatabaseOpenException extends StateStoreException {
    /** Which setting the operator should look at. */
    public enum Setting {
        /** The embedded database's directory, or the server's address or database name. */
        LOCATION,
        /** The database user (role). */
        USER,
        /** The user's password. */
        PASSWORD
    }

    private final Setting setting;

    DatabaseOpenException(Setting setting, String message, Throwable cause) {
        super(message, cause);
        this.setting = Objects.requireNonNull(setting, "setting");
    }

    public Setting setting() {
        return setting;
    }
}
