package io.github.citusaudit.bench;

import io.github.citusaudit.render.SqlQuote;

/** Quoting for the benchmark's own SQL: the plugin's helper, so names are quoted one way everywhere. */
final class Sql {

    private static final SqlQuote QUOTE = new SqlQuote();

    private Sql() {
    }

    static String id(String name) {
        return QUOTE.id(name);
    }

    static String table(String schema, String name) {
        return QUOTE.table(schema, name);
    }

    static String lit(String text) {
        return QUOTE.lit(text);
    }

    /** A dollar-quoted body whose tag cannot occur in it. */
    static String dollar(String body) {
        return QUOTE.dollar("bench", body);
    }
}
