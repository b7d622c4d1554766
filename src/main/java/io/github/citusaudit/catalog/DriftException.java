package io.github.citusaudit.catalog;

/**
 * What the database holds differs from what the spec says or what apply installs: an expected
 * outcome that fails the build (verify's findings, a declared column the table lacks, a trial whose
 * history is not what its changes should have left), not an error of the plugin or the server.
 */
public final class DriftException extends RuntimeException {

    public DriftException(String message) {
        super(message);
    }
}
