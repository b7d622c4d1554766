package io.github.citusaudit.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.citusaudit.db.Query;
import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.report.CatalogFacts;
import io.github.citusaudit.report.PlacementResult;
import io.github.citusaudit.spec.ColumnSpec;
import io.github.citusaudit.spec.TableSpec;

/**
 * What is installed for one audited table, one schema or the database's settings, as facts that
 * compare (see {@link CatalogFacts}): apply reads them before and after each step to say what the
 * step did. Read in one query each (the placements, on Citus, in one more per node), without locks.
 */
public final class InstalledState {

    /**
     * The source and history tables, their columns and direct partitions, the spec's sequences, the
     * trigger function (a digest of its text, security and settings) and each shard name its CASE has
     * a branch for, the as-of function, placement mode's per-shard functions, the audit trigger on
     * the table and on its partitions, and who may read the history. A function's digest covers its
     * text and its result columns (the as-of function's change with the table's).
     */
    private static final String TABLE = """
            WITH rel AS (SELECT r.oid FROM unnest(ARRAY[pg_catalog.to_regclass(?), pg_catalog.to_regclass(?)]) AS r(oid)
                          WHERE r.oid IS NOT NULL),
                 names AS (SELECT ?::text AS schema, ?::text AS function, ?::text AS as_of, ?::text AS trigger,
                                  pg_catalog.to_regclass(?) AS source, pg_catalog.to_regclass(?) AS history)
            SELECT 'table:' || c.oid::regclass::text,
                   CASE c.relkind WHEN 'p' THEN 'partitioned table' ELSE 'table' END
              FROM pg_catalog.pg_class c JOIN rel ON rel.oid = c.oid
            UNION ALL
            SELECT 'column:' || a.attrelid::regclass::text || '.' || pg_catalog.quote_ident(a.attname),
                   pg_catalog.format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
              FROM pg_catalog.pg_attribute a JOIN rel ON rel.oid = a.attrelid
             WHERE a.attnum > 0 AND NOT a.attisdropped
            UNION ALL
            SELECT 'partition:' || c.oid::regclass::text, pg_catalog.pg_get_expr(c.relpartbound, c.oid)
              FROM pg_catalog.pg_inherits i JOIN rel ON rel.oid = i.inhparent JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
            UNION ALL
            SELECT 'sequence:' || s::regclass::text, 'exists'
              FROM unnest(?::text[]) n CROSS JOIN LATERAL pg_catalog.to_regclass(n) s WHERE s IS NOT NULL
            UNION ALL
            SELECT CASE WHEN p.proname = names.function THEN 'function:'
                        WHEN p.proname = names.as_of THEN 'as-of:' ELSE 'shard-function:' END || p.oid::regprocedure::text,
                   pg_catalog.md5(p.prosrc || ' returns ' || pg_catalog.pg_get_function_result(p.oid))
                       || CASE WHEN p.prosecdef THEN ' security definer' ELSE '' END
                       || coalesce(' ' || array_to_string(p.proconfig, ' '), '')
              FROM pg_catalog.pg_proc p, names
             WHERE p.pronamespace = pg_catalog.to_regnamespace(pg_catalog.quote_ident(names.schema))
               AND (p.proname IN (names.function, names.as_of)
                    OR substring(p.proname from '^(.*)_[0-9]+$') = names.function)
            UNION ALL
            SELECT 'branch:' || p.oid::regprocedure::text || ' ' || m[1], 'exists'
              FROM pg_catalog.pg_proc p, names,
                   LATERAL regexp_matches(p.prosrc, E'\\n\\\\s*WHEN ''((?:[^'']|'''')*)'' THEN', 'g') m
             WHERE p.pronamespace = pg_catalog.to_regnamespace(pg_catalog.quote_ident(names.schema))
               AND p.proname = names.function
            UNION ALL
            SELECT 'trigger:' || pg_catalog.quote_ident(t.tgname) || ' on ' || t.tgrelid::regclass::text,
                   CASE t.tgenabled WHEN 'D' THEN 'disabled' ELSE 'enabled' END || ', type ' || t.tgtype
                       || ', calls ' || t.tgfoid::regprocedure::text
              FROM pg_catalog.pg_trigger t, names
             WHERE t.tgname = names.trigger AND NOT t.tgisinternal
               AND t.tgrelid IN (SELECT names.source UNION SELECT relid FROM pg_catalog.pg_partition_tree(names.source))
            UNION ALL
            SELECT 'readers:' || c.oid::regclass::text, coalesce(c.relacl::text, 'owner only')
              FROM pg_catalog.pg_class c, names WHERE c.oid = names.history""";

    /** How Citus holds the source and history (Citus only): method, column, shard count, colocation group. */
    private static final String DISTRIBUTION = """
            SELECT 'distribution:' || d.logicalrelid::regclass::text,
                   CASE WHEN d.partmethod = 'h' THEN 'hash by ' || pg_catalog.column_to_column_name(d.logicalrelid, d.partkey)
                        WHEN d.repmodel = 't' THEN 'reference' ELSE 'single-shard' END
                       || ', ' || (SELECT count(*) FROM pg_catalog.pg_dist_shard s WHERE s.logicalrelid = d.logicalrelid)
                       || ' shards'
              FROM pg_catalog.pg_dist_partition d
             WHERE d.logicalrelid IN (SELECT r FROM unnest(ARRAY[pg_catalog.to_regclass(?), pg_catalog.to_regclass(?)]) r)""";

    private static final String DISTRIBUTED_SCHEMA = "SELECT 'distributed' FROM pg_catalog.pg_dist_schema"
            + " WHERE schemaid = pg_catalog.to_regnamespace(pg_catalog.quote_ident(?))";

    /** citus.propagate_set_commands set for this database or its roles (ALTER DATABASE / ALTER ROLE ... SET). */
    private static final String SETTINGS = """
            SELECT 'setting:' || CASE WHEN s.setrole = 0 THEN 'database ' || pg_catalog.quote_ident(pg_catalog.current_database())
                                      ELSE 'role ' || pg_catalog.quote_ident(r.rolname) END,
                   c
              FROM pg_catalog.pg_db_role_setting s
              LEFT JOIN pg_catalog.pg_roles r ON r.oid = s.setrole
             CROSS JOIN LATERAL unnest(s.setconfig) c
             WHERE s.setdatabase IN (0, (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database()))
               AND c LIKE 'citus.propagate_set_commands=%'""";

    private final Connection connection;
    private final boolean citus;
    private final SqlQuote q = new SqlQuote();

    public InstalledState(Connection connection, boolean citus) {
        this.connection = connection;
        this.citus = citus;
    }

    /**
     * @param placements also ask every shard placement (through the workers) how many of them have the
     *                   audit trigger: a fact "placements:table" reading {@code N of M}. A query per node.
     */
    public CatalogFacts ofTable(TableSpec table, boolean placements) throws SQLException {
        String source = q.table(table.schema(), table.name());
        String history = q.table(table.history().schema(), table.history().table());
        List<String> sequences = new ArrayList<>();
        for (ColumnSpec column : table.columns()) {
            if (column.sequence() != null) {
                sequences.add(q.table(table.schema(), column.sequence()));
            }
        }
        if (table.history().idSequence() != null) {
            sequences.add(q.table(table.history().schema(), table.history().idSequence()));
        }
        Map<String, String> facts = new TreeMap<>();
        Query query = new Query(connection);
        read(facts, query.rows(TABLE, source, history, table.history().schema(), table.history().functionName(),
                table.history().asOfFunctionName(), table.history().triggerName(), source, history, textArray(sequences)));
        if (citus) {
            read(facts, query.rows(DISTRIBUTION, source, history));
            if (placements && !table.distribution().isLocal()) {
                List<PlacementResult> results = new PlacementTriggers().check(connection, List.of(table));
                if (!results.isEmpty()) {
                    long ok = results.stream().filter(PlacementResult::success).count();
                    facts.put("placements:" + source, ok + " of " + results.size());
                }
            }
        }
        return CatalogFacts.of(facts);
    }

    /** Whether the table has placement mode's per-shard functions (so its native trigger step asks every placement). */
    public static boolean hasShardFunctions(CatalogFacts facts) {
        return facts.hasKind("shard-function");
    }

    public CatalogFacts ofSchema(String schema) throws SQLException {
        Map<String, String> facts = new TreeMap<>();
        Query query = new Query(connection);
        read(facts, query.rows("SELECT 'schema:' || pg_catalog.quote_ident(nspname), 'exists' FROM pg_catalog.pg_namespace"
                + " WHERE nspname = ?", schema));
        if (citus && !facts.isEmpty() && query.value("SELECT to_regclass('pg_catalog.pg_dist_schema') IS NOT NULL").equals("t")
                && query.value(DISTRIBUTED_SCHEMA, schema) != null) {
            facts.put("schema:" + q.id(schema), "distributed");
        }
        return CatalogFacts.of(facts);
    }

    public CatalogFacts ofSettings() throws SQLException {
        Map<String, String> facts = new TreeMap<>();
        read(facts, new Query(connection).rows(SETTINGS));
        return CatalogFacts.of(facts);
    }

    private static void read(Map<String, String> facts, List<List<String>> rows) {
        for (List<String> row : rows) {
            facts.put(row.get(0), row.get(1));
        }
    }

    /** A text[] literal's text: each element double-quoted, backslashes and quotes escaped. */
    private static String textArray(List<String> values) {
        StringBuilder text = new StringBuilder("{");
        for (String value : values) {
            text.append(text.length() == 1 ? "" : ",").append('"')
                    .append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return text.append('}').toString();
    }
}
