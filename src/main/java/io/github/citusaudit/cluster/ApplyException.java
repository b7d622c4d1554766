package io.github.citusaudit.cluster;

/** Applying failed: says which step, on which table, and what the server answered. */
public final class ApplyException extends RuntimeException {

    public ApplyException(String message) {
        super(message);
    }

    public ApplyException(String message, Throwable cause) {
        super(message, cause);
    }
}
