package io.github.citusaudit.db;

/**
 * The connection parameters name no database, or not a PostgreSQL one: the goal is misconfigured,
 * and the message says what to set. Nothing was connected to.
 */
public final class ConnectionSettingsException extends RuntimeException {

    public ConnectionSettingsException(String message) {
        super(message);
    }
}
