package io.github.citusaudit.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import io.github.citusaudit.db.Query;
import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.spec.TableSpec;

/**
 * The source columns the installed trigger function was made for, as apply found them: each with
 * its number on the coordinator (attnum, which a rename keeps) and its type. The function keeps them
 * as a jsonb literal in a comment, {@code -- recorded columns: '{...}'}
 * (templates/common/history-insert.vm); read here from the function's text, on the server. In placement
 * mode every shard's function keeps the same list, so any one of them tells. None when there is no
 * function, or one that keeps no list (made by an older version, or from an overridden template).
 */
public final class RecordedColumns {

    /** A source column as the trigger function was made for it. */
    public record Column(String name, int attnum, String type) {
    }

    /**
     * The literal is quote_literal's: quotes doubled, and with backslashes in it an E'' string with
     * the backslashes doubled too.
     */
    private static final String LIST = """
            WITH recorded AS (
                SELECT pg_catalog.regexp_match(p.prosrc, '-- recorded columns: (E?)''((?:[^'']|'''')*)''') AS m
                  FROM pg_catalog.pg_proc p
                 WHERE %s)
            SELECT c.key, c.value ->> 'attnum', c.value ->> 'type'
              FROM recorded,
                   LATERAL pg_catalog.replace(recorded.m[2], '''''', '''') AS unquoted(literal),
                   LATERAL pg_catalog.jsonb_each((CASE WHEN recorded.m[1] = 'E'
                                                       THEN pg_catalog.replace(unquoted.literal, '\\\\', '\\')
                                                       ELSE unquoted.literal END)::jsonb) AS c
             ORDER BY (c.value ->> 'attnum')::int""";

    private static final String NATIVE_FUNCTION = "p.oid = pg_catalog.to_regprocedure(?)";

    private static final String SHARD_FUNCTION = """
            p.oid = (SELECT s.oid FROM pg_catalog.pg_proc s
                               WHERE s.pronamespace = pg_catalog.to_regnamespace(?)
                                 AND substring(s.proname from '^(.*)_[0-9]+$') = ?
                               ORDER BY s.proname LIMIT 1)""";

    private RecordedColumns() {
    }

    /** @param placementMode read a shard's function ({@code <function>_<shardid>}) rather than the table's */
    public static List<Column> read(Connection connection, TableSpec table, boolean placementMode) throws SQLException {
        Query query = new Query(connection);
        List<List<String>> rows = placementMode
                ? query.rows(LIST.formatted(SHARD_FUNCTION), new SqlQuote().id(table.history().schema()),
                        table.history().functionName())
                : query.rows(LIST.formatted(NATIVE_FUNCTION), AuditFunction.signature(table));
        return rows.stream().map(row -> new Column(row.get(0), Integer.parseInt(row.get(1)), row.get(2))).toList();
    }
}
