package io.integrationmonitor.state;

import io.integrationmonitor.state.DatabaseOpenException.Setting;
import org.h2.api.ErrorCode;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns what went wrong opening the database into one line naming the setting at fault. */
final class OpenFailures {
    private static final Pattern PG_HOSTS = Pattern.compile("jdbc:postgresql://([^/?]*)");
    private static final Pattern SEVERITY = Pattern.compile("^(?:FATAL|ERROR):\\s*");
    private static final java.util.Set<Integer> H2_CANNOT_WRITE = java.util.Set.of(ErrorCode.IO_EXCEPTION_1,
            ErrorCode.IO_EXCEPTION_2, ErrorCode.FILE_CREATION_FAILED_1, ErrorCode.FILE_RENAME_FAILED_2,
            ErrorCode.FILE_DELETE_FAILED_1, ErrorCode.DATABASE_IS_READ_ONLY);

    private OpenFailures() {
    }

    static DatabaseOpenException dataDirectory(Path dataDir, IOException e) {
        String why;
        if (e instanceof FileAlreadyExistsException) {
            why = "it exists and is not a directory";
        } else if (e instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (e instanceof FileSystemException fs && fs.getReason() != null) {
            why = fs.getReason().toLowerCase(java.util.Locale.ROOT)
                    + (fs.getFile() != null && !Path.of(fs.getFile()).equals(dataDir) ? " (" + fs.getFile() + ")" : "");
        } else {
            why = e.getClass().getSimpleName();
        }
        return new DatabaseOpenException(Setting.LOCATION, "cannot create the data directory " + dataDir + ": " + why, e);
    }

    static DatabaseOpenException notWritable(Path dataDir) {
        return new DatabaseOpenException(Setting.LOCATION, "the data directory " + dataDir + " is not writable", null);
    }

    /** A failed first connection to the embedded database in {@code dataDir}. */
    static DatabaseOpenException embedded(Path dataDir, SQLException e) {
        if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
            return new DatabaseOpenException(Setting.LOCATION, "the data directory " + dataDir
                    + " is in use by another process (its database file is locked; is another monitor running?)", e);
        }
        if (H2_CANNOT_WRITE.contains(e.getErrorCode())) {
            return new DatabaseOpenException(Setting.LOCATION, "cannot write the database in " + dataDir + ": "
                    + firstLine(e.getMessage()), e);
        }
        return new DatabaseOpenException(Setting.LOCATION, "cannot open the database in " + dataDir + ": "
                + firstLine(e.getMessage()), e);
    }

    /** A failed first connection to PostgreSQL; the URL is shown only as its host list (its query may hold a password). */
    static DatabaseOpenException postgres(String jdbcUrl, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String server = "the database server " + hosts(jdbcUrl);
        if (state.startsWith("08")) {
            return new DatabaseOpenException(Setting.LOCATION, "cannot connect to " + server + ": " + rootCause(e), e);
        }
        String said = SEVERITY.matcher(firstLine(e.getMessage())).replaceFirst("");
        return switch (state) {
            case "3D000" -> new DatabaseOpenException(Setting.LOCATION, said + " on " + server, e);
            case "28P01" -> new DatabaseOpenException(Setting.PASSWORD, said + " (" + server + ")", e);
            case "28000" -> new DatabaseOpenException(Setting.USER, said + " on " + server, e);
            default -> new DatabaseOpenException(Setting.LOCATION, "cannot open the database on " + server + ": "
                    + said + (state.isEmpty() ? "" : " (SQL state " + state + ")"), e);
        };
    }

    /** Migrating the schema failed: usually missing privileges. */
    static DatabaseOpenException migration(RuntimeException e) {
        Throwable cause = e.getCause();
        String detail = cause instanceof SQLException sql ? "; " + SEVERITY.matcher(firstLine(sql.getMessage())).replaceFirst("")
                : "";
        return new DatabaseOpenException(Setting.LOCATION,
                "cannot create or migrate the database tables: " + firstLine(e.getMessage()) + detail, e);
    }

    private static String hosts(String jdbcUrl) {
        Matcher m = PG_HOSTS.matcher(jdbcUrl);
        return m.find() && !m.group(1).isEmpty() ? m.group(1) : "localhost:5432";
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof java.net.UnknownHostException) {
            return "unknown host " + root.getMessage();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : firstLine(message).toLowerCase(java.util.Locale.ROOT);
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("").strip();
    }
}
