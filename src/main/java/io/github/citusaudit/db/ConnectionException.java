package io.github.citusaudit.db;

/** The database could not be reached or refused us; the message never holds a password. */
public final class ConnectionException extends RuntimeException {

    public ConnectionException(String message) {
        super(message);
    }

    public ConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
