package io.github.citusaudit.spec;

/** A column the history table carries about the change itself (not copied from the source row). */
public record AuditColumn(String name, String type) {
}
