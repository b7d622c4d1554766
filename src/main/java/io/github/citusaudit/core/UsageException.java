package io.github.citusaudit.core;

/** The goal was configured in a way it cannot work with; the message says what to set. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
