package io.github.citusaudit.spec;

/**
 * A column the history table carries about the change itself (not copied from the source row).
 * {@code setting} is used only by the application-user column: the session setting it reads.
 */
public record AuditColumn(String name, String type, String setting) {

    public AuditColumn(String name, String type) {
        this(name, type, null);
    }
}
