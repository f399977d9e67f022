package io.integrationmonitor.state;

/** The state store could not read or write; any transaction in progress was rolled back. */
public class StateStoreException extends RuntimeException {
    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
