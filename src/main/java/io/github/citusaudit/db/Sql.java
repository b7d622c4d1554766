package io.github.citusaudit.db;

import java.sql.SQLException;

/** Small JDBC helpers. */
final class Sql {

    private Sql() {
    }

    /** The server's message with its SQLSTATE, scrubbed of the password should a driver ever echo it. */
    static String message(SQLException e, ConnectionSettings settings) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (settings.password() != null && !settings.password().isEmpty()) {
            message = message.replace(settings.password(), "***");
        }
        return message + (e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]");
    }
}
