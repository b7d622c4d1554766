package io.github.citusaudit.render;

import java.util.Locale;

/**
 * What {@code generate} writes the statements as. The constants are lower case because Maven binds
 * an enum parameter by its exact name ({@code -Dcitus-audit.format=flyway}).
 */
public enum ScriptFormat {

    /** install.sql and uninstall.sql, for review and {@code psql -X -f}. */
    psql,
    /** A Flyway repeatable migration, {@code R__citus_audit....sql}, with its script configuration. */
    flyway,
    /** A Liquibase XML changelog, one changeset per schema and per table, each run again when it changes. */
    liquibase;

    /** The file base name of a spec's output, {@code citus-audit} for {@code citus-audit.yaml}, else {@code citus-audit-<spec>}. */
    public static String baseName(String specFileName) {
        String stem = specFileName.replaceFirst("\\.[^.]*$", "");
        return stem.toLowerCase(Locale.ROOT).equals("citus-audit") ? "citus-audit" : "citus-audit-" + stem;
    }
}
