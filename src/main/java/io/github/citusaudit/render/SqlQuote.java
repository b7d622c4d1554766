package io.github.citusaudit.render;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one place SQL names and values are quoted. Templates call it as {@code $q}; nothing else
 * builds quoted SQL by hand. Names follow PostgreSQL's own {@code quote_ident}: left bare only when
 * PostgreSQL would read them back unchanged.
 */
public final class SqlQuote {

    /** PostgreSQL 15 keywords that are not unreserved ({@code pg_get_keywords()} catcode other than U). */
    private static final Set<String> KEYWORDS = Set.of("all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "between", "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character", "check", "coalesce", "collate", "collation", "column", "concurrently", "constraint", "create", "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time", "current_timestamp", "current_user", "dec", "decimal", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "exists", "extract", "false", "fetch", "float", "for", "foreign", "freeze", "from", "full", "grant", "greatest", "group", "grouping", "having", "ilike", "in", "initially", "inner", "inout", "int", "integer", "intersect", "interval", "into", "is", "isnull", "join", "lateral", "leading", "least", "left", "like", "limit", "localtime", "localtimestamp", "national", "natural", "nchar", "none", "normalize", "not", "notnull", "null", "nullif", "numeric", "offset", "on", "only", "or", "order", "out", "outer", "overlaps", "overlay", "placing", "position", "precision", "primary", "real", "references", "returning", "right", "row", "select", "session_user", "setof", "similar", "smallint", "some", "substring", "symmetric", "table", "tablesample", "then", "time", "timestamp", "to", "trailing", "treat", "trim", "true", "union", "unique", "user", "using", "values", "varchar", "variadic", "verbose", "when", "where", "window", "with", "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable");

    /** Names PostgreSQL reads back unchanged without quotes (keywords aside). Compiled once: it is asked per name. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_$]*");

    /** A name: {@code account}, {@code "Account"}, {@code "order"}, {@code "a""b"}. */
    public String id(Object name) {
        String text = String.valueOf(name);
        if (PLAIN_NAME.matcher(text).matches() && !KEYWORDS.contains(text)) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /** A schema-qualified name: {@code shard6.account}. */
    public String table(Object schema, Object name) {
        return id(schema) + "." + id(name);
    }

    /** A string literal, safe whatever standard_conforming_strings says. */
    public String lit(Object value) {
        String text = String.valueOf(value);
        String doubled = text.replace("'", "''");
        if (text.indexOf('\\') >= 0) {
            return "E'" + doubled.replace("\\", "\\\\") + "'";
        }
        return "'" + doubled + "'";
    }

    /** A relation as a {@code regclass} constant: {@code 'shard6.account'::regclass}. */
    public String regclass(Object schema, Object name) {
        return lit(table(schema, name)) + "::regclass";
    }

    /** Text that will pass through {@code format()}: every literal {@code %} becomes {@code %%}. */
    public String fmt(Object text) {
        return String.valueOf(text).replace("%", "%%");
    }

    /** A dollar-quoted body, with a tag that the body itself does not contain. */
    public String dollar(String tag, Object body) {
        String quote = dollarQuote(tag, body);
        return quote + body + quote;
    }

    /**
     * The dollar quote {@link #dollar} would put around the body, {@code $tag$} or {@code $tag1$}, for
     * a body that is assembled in pieces (around a value only known when the SQL runs).
     */
    public String dollarQuote(String tag, Object body) {
        String text = String.valueOf(body);
        String chosen = tag;
        for (int n = 1; text.contains("$" + chosen + "$"); n++) {
            chosen = tag + n;
        }
        return "$" + chosen + "$";
    }
}
