package io.integrationmonitor.config;

import java.util.Objects;

/**
 * The monitor cannot start as configured: a database that cannot be reached or opened, a port that is
 * taken, a data directory that is locked or not writable. Names the configuration key to look at and the
 * cause in one line with no secret in it; the command line prints {@link #line()} and exits non-zero, the
 * stack trace only at DEBUG.
 */
public class StartupException extends RuntimeException {
    private final String key;

    /**
     * @param key     the configuration key at fault, e.g. {@code http.port}, or the option of a command that
     *                sets it without a configuration file, e.g. {@code demo --port}
     * @param message the cause, one line, without secrets
     */
    public StartupException(String key, String message, Throwable cause) {
        super(oneLine(Objects.requireNonNull(message, "message")), cause);
        this.key = Objects.requireNonNull(key, "key");
    }

    /**
     * A server socket could not be bound. The one rule for every listener (the monitor's HTTP server, the AWS
     * simulator, the demo): the JDK's and Jetty's exceptions carry the OS's reason somewhere in the chain.
     *
     * @param portKey    what sets the port: a configuration key ({@code http.port}) or an option ({@code --port})
     * @param addressKey what sets the bind address ({@code http.bind_address}, {@code --bind})
     */
    public static StartupException cannotListen(String portKey, String addressKey, String bindAddress, int port,
                                                java.io.IOException e) {
        String where = "port " + port + " on " + bindAddress;
        String reason = socketReason(e);
        String lower = reason.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("already in use")) {
            return new StartupException(portKey, where + " is already in use", e);
        }
        if (lower.contains("cannot assign requested address") || lower.contains("unresolved")
                || lower.contains("not available")) {
            return new StartupException(addressKey, bindAddress + " is not an address of this machine (" + reason + ")", e);
        }
        if (lower.contains("permission denied")) {
            return new StartupException(portKey, where + ": permission denied (ports below 1024 need privileges)", e);
        }
        return new StartupException(portKey, "cannot listen on " + where + ": " + reason, e);
    }

    /** The same failure under another name, e.g. a command's option for the configuration key it sets. */
    public StartupException renamed(String newKey) {
        return new StartupException(newKey, getMessage(), getCause());
    }

    private static String socketReason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.SocketException && t.getMessage() != null) {
                return t.getMessage();
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    public String key() {
        return key;
    }

    /** {@code error: http.port: port 9108 on 0.0.0.0 is already in use}. */
    public String line() {
        return "error: " + key + ": " + getMessage();
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
