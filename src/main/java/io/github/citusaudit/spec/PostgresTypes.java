package io.github.citusaudit.spec;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a column type written in a spec. Built-in names must be known (so that {@code bigintt} is
 * caught before any database sees it); schema-qualified names are user types and are left to the
 * server.
 */
final class PostgresTypes {

    static final List<String> BUILT_IN = List.of("bigint", "int8", "bigserial", "integer", "int", "int4", "serial",
            "smallint", "int2", "smallserial", "numeric", "decimal", "real", "float4", "double precision", "float8",
            "float", "money", "text", "varchar", "character varying", "char", "character", "bpchar", "name",
            "citext", "boolean", "bool", "date", "time", "time without time zone", "time with time zone", "timetz",
            "timestamp", "timestamp without time zone", "timestamp with time zone", "timestamptz", "interval",
            "uuid", "json", "jsonb", "xml", "bytea", "inet", "cidr", "macaddr", "macaddr8", "bit", "bit varying",
            "varbit", "tsvector", "tsquery", "oid", "point", "line", "lseg", "box", "path", "polygon", "circle",
            "int4range", "int8range", "numrange", "tsrange", "tstzrange", "daterange");

    /** A name, optional (modifiers), optional [] array marks. */
    private static final Pattern SHAPE = Pattern.compile(
            "([A-Za-z_][A-Za-z0-9_ ]*?)\\s*(\\(\\s*\\d+\\s*(,\\s*\\d+\\s*)?\\))?\\s*((\\[\\d*\\])*)");

    private static final Set<String> SERIAL = Set.of("serial", "bigserial", "smallserial");

    private PostgresTypes() {
    }

    /** Null when the type is acceptable, otherwise what is wrong with it. */
    static String problem(String type) {
        String trimmed = type.trim();
        if (trimmed.isEmpty()) {
            return "a column type must not be empty";
        }
        if (isQualified(trimmed)) {
            return null;
        }
        Matcher matcher = SHAPE.matcher(trimmed);
        if (!matcher.matches()) {
            return "'" + type + "' is not a type name PostgreSQL accepts (expected e.g. bigint, varchar(100), numeric(12,2), text[])";
        }
        String base = matcher.group(1).trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (SERIAL.contains(base)) {
            return "'" + type + "': serial types hide a sequence; write the plain type and 'sequence: <name>' or 'identity: always'";
        }
        if (!BUILT_IN.contains(base)) {
            return "unknown type '" + type + "'" + DidYouMean.hint(base, BUILT_IN)
                    + "; qualify user-defined types with their schema, e.g. public.my_type";
        }
        return null;
    }

    private static boolean isQualified(String type) {
        return type.matches("(\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_$]*)\\.(\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_$]*)(\\[\\])*");
    }
}
