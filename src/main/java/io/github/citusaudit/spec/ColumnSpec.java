package io.github.citusaudit.spec;

/**
 * A column of a source table. {@code defaultExpression} is SQL, copied as written; {@code sequence}
 * names a sequence (in the table's schema) that the plugin creates and uses as the default;
 * {@code identity} is null, {@code "always"} or {@code "by default"}.
 */
public record ColumnSpec(String name, String type, boolean nullable, String defaultExpression, String sequence,
        String identity) {

    public static ColumnSpec of(String name, String type, boolean nullable) {
        return new ColumnSpec(name, type, nullable, null, null, null);
    }
}
