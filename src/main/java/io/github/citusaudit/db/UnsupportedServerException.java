package io.github.citusaudit.db;

/**
 * The server runs a Citus this plugin was not tested on: the goals refuse it rather than half-work
 * (catalogs, function signatures and what Citus allows differ between releases).
 */
public final class UnsupportedServerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnsupportedServerException(String message) {
        super(message);
    }
}
