package io.github.citusaudit.trial;

import java.util.Locale;

/**
 * SQL constants of a column's type for sample rows: a first value for the INSERT and a second,
 * different one for the UPDATE. Null when the type has no obvious sample.
 */
final class SampleValues {

    private SampleValues() {
    }

    static String first(String type) {
        return value(type, 1);
    }

    static String second(String type) {
        return value(type, 2);
    }

    private static String value(String type, int n) {
        String base = type.toLowerCase(Locale.ROOT).replaceAll("\\(.*\\)", "").replaceAll("\\[\\]", "").trim();
        if (type.contains("[")) {
            return null;
        }
        return switch (base) {
            case "bigint", "int8", "integer", "int", "int4", "smallint", "int2", "numeric", "decimal", "real", "float4",
                    "double precision", "float8", "float", "money", "oid" -> String.valueOf(n);
            case "text", "varchar", "character varying", "citext", "name" -> "'sample " + n + "'";
            case "char", "character", "bpchar" -> "'" + (char) ('a' + n - 1) + "'";
            case "boolean", "bool" -> n == 1 ? "true" : "false";
            case "date" -> "DATE '2026-01-0" + n + "'";
            case "timestamp", "timestamp without time zone" -> "TIMESTAMP '2026-01-01 10:00:0" + n + "'";
            case "timestamptz", "timestamp with time zone" -> "TIMESTAMPTZ '2026-01-01 10:00:0" + n + "+00'";
            case "time", "time without time zone" -> "TIME '10:00:0" + n + "'";
            case "interval" -> "INTERVAL '" + n + " day'";
            case "uuid" -> "'00000000-0000-0000-0000-00000000000" + n + "'";
            case "json" -> "'{\"sample\": " + n + "}'::json";
            case "jsonb" -> "'{\"sample\": " + n + "}'::jsonb";
            case "bytea" -> "'\\x0" + n + "'::bytea";
            case "inet", "cidr" -> "'10.0.0." + n + "'";
            default -> null;
        };
    }
}
