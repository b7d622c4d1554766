package io.github.citusaudit.db;

/** Applying failed: says which step, on which table, and what the server answered. */
public final class DatabaseException extends RuntimeException {

    public DatabaseException(String message) {
        super(message);
    }

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
