package io.github.citusaudit.db;

import java.sql.SQLException;

/** Small JDBC helpers. */
final class Sql {

    private Sql() {
    }

    /**
     * The server's message with its SQLSTATE, scrubbed of the password should a driver ever echo it.
     * The driver's "Position: n" line (a character offset in a statement the reader never sees) is
     * left out; a generic driver message ("The connection attempt failed.") keeps the cause that says
     * why, e.g. an unknown host.
     */
    static String message(SQLException e, ConnectionSettings settings) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        message = message.replaceAll("\\n\\s*Position: \\d+", "");
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message = message + " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
        }
        if (settings.password() != null && !settings.password().isEmpty()) {
            message = message.replace(settings.password(), "***");
        }
        return message + (e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]");
    }
}
