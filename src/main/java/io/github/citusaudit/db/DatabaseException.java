package io.github.citusaudit.db;

import java.sql.SQLException;

/**
 * The database answered with an error, or did not do what a statement asked: an execution error of
 * the build, not a finding. The message says which step, on which table, what the server answered and
 * its SQLSTATE.
 */
public final class DatabaseException extends RuntimeException {

    private final String sqlState;

    public DatabaseException(String message) {
        super(message);
        this.sqlState = null;
    }

    /** @param message already holds the server's message and SQLSTATE, as {@link #describe} makes them */
    public DatabaseException(String message, SQLException cause) {
        super(message, cause);
        this.sqlState = cause.getSQLState();
    }

    /** "what failed on where: the server's message [SQLSTATE xxxxx]", the password scrubbed. */
    public static DatabaseException of(String what, SQLException cause, ConnectionSettings settings) {
        return new DatabaseException(what + " on " + settings.describe() + ": " + Sql.message(cause, settings), cause);
    }

    /** The SQLSTATE the server gave, or null when the failure was not the server's error. */
    public String sqlState() {
        return sqlState;
    }
}
