package io.github.citusaudit.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.github.citusaudit.db.Query;
import io.github.citusaudit.render.SqlQuote;
import io.github.citusaudit.report.CatalogFacts;
import io.github.citusaudit.report.PlacementResult;
import io.github.citusaudit.spec.ColumnSpec;
import io.github.citusaudit.spec.TableSpec;

/**
 * What is installed for audited tables, one schema or the database's settings, as facts that
 * compare (see {@link CatalogFacts}): apply reads them before and after each step to say what the
 * step did. Read without locks in one query for any number of tables (the placements, on Citus, in
 * one more per node, also for any number of tables).
 */
public final class InstalledState {

    /**
     * The source and history tables, their columns and direct partitions, the spec's sequences, the
     * trigger function (a digest of its text, security and settings) and each shard name its CASE has
     * a branch for, the as-of function, placement mode's per-shard functions, the audit trigger on
     * the table and on its partitions, and who may read the history. A function's digest covers its
     * text and its result columns (the as-of function's change with the table's). Each row is led by
     * its table's place in the list asked about. A per-shard function ({@code <function>_<shardid>})
     * is looked up through pg_proc's name index (its name sorts between {@code <function>_} and
     * {@code <function>`}), not by a pattern over every function of the schema, which grows with the
     * number of tables. Its {@code %s} is where the names come from: {@link #MANY} or {@link #ONE}.
     */
    private static final String TABLES = """
            WITH names AS (SELECT t.ord, t.schema, t.function, t.as_of, t.trigger,
                                  pg_catalog.to_regclass(t.source) AS source, pg_catalog.to_regclass(t.history) AS history,
                                  pg_catalog.to_regnamespace(pg_catalog.quote_ident(t.schema)) AS namespace
                             FROM %s),
                 rel AS (SELECT names.ord, r.oid
                           FROM names CROSS JOIN LATERAL unnest(ARRAY[names.source, names.history]) AS r(oid)
                          WHERE r.oid IS NOT NULL),
                 fn AS (SELECT names.ord, names.function, names.as_of, p.oid, p.proname, p.prosrc, p.prosecdef, p.proconfig
                          FROM names JOIN pg_catalog.pg_proc p
                            ON p.pronamespace = names.namespace AND p.proname IN (names.function, names.as_of)
                        UNION ALL
                        SELECT names.ord, names.function, names.as_of, p.oid, p.proname, p.prosrc, p.prosecdef, p.proconfig
                          FROM names JOIN pg_catalog.pg_proc p
                            ON p.pronamespace = names.namespace
                           AND p.proname > (names.function || '_')::name AND p.proname < (names.function || '`')::name
                         WHERE substring(p.proname from '^(.*)_[0-9]+$') = names.function
                           AND p.proname NOT IN (names.function, names.as_of))
            SELECT rel.ord, 'table:' || c.oid::regclass::text,
                   CASE c.relkind WHEN 'p' THEN 'partitioned table' ELSE 'table' END
              FROM pg_catalog.pg_class c JOIN rel ON rel.oid = c.oid
            UNION ALL
            SELECT rel.ord, 'column:' || a.attrelid::regclass::text || '.' || pg_catalog.quote_ident(a.attname),
                   pg_catalog.format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
              FROM pg_catalog.pg_attribute a JOIN rel ON rel.oid = a.attrelid
             WHERE a.attnum > 0 AND NOT a.attisdropped
            UNION ALL
            SELECT rel.ord, 'partition:' || c.oid::regclass::text, pg_catalog.pg_get_expr(c.relpartbound, c.oid)
              FROM pg_catalog.pg_inherits i JOIN rel ON rel.oid = i.inhparent JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
            UNION ALL
            SELECT q.ord, 'sequence:' || s::regclass::text, 'exists'
              FROM unnest((SELECT ?::int[]), (SELECT ?::text[])) AS q(ord, name) CROSS JOIN LATERAL pg_catalog.to_regclass(q.name) s
             WHERE s IS NOT NULL
            UNION ALL
            SELECT fn.ord, CASE WHEN fn.proname = fn.function THEN 'function:'
                                WHEN fn.proname = fn.as_of THEN 'as-of:' ELSE 'shard-function:' END || fn.oid::regprocedure::text,
                   pg_catalog.md5(fn.prosrc || ' returns ' || pg_catalog.pg_get_function_result(fn.oid))
                       || CASE WHEN fn.prosecdef THEN ' security definer' ELSE '' END
                       || coalesce(' ' || array_to_string(fn.proconfig, ' '), '')
              FROM fn
            UNION ALL
            SELECT fn.ord, 'branch:' || fn.oid::regprocedure::text || ' ' || m[1], 'exists'
              FROM fn, LATERAL regexp_matches(fn.prosrc, E'\\n\\\\s*WHEN ''((?:[^'']|'''')*)'' THEN', 'g') m
             WHERE fn.proname = fn.function
            UNION ALL
            SELECT names.ord, 'trigger:' || pg_catalog.quote_ident(t.tgname) || ' on ' || t.tgrelid::regclass::text,
                   CASE t.tgenabled WHEN 'D' THEN 'disabled' ELSE 'enabled' END || ', type ' || t.tgtype
                       || ', calls ' || t.tgfoid::regprocedure::text
              FROM names JOIN pg_catalog.pg_trigger t ON t.tgname = names.trigger AND NOT t.tgisinternal
               AND t.tgrelid IN (SELECT names.source UNION SELECT relid FROM pg_catalog.pg_partition_tree(names.source))
            UNION ALL
            SELECT names.ord, 'readers:' || c.oid::regclass::text, coalesce(c.relacl::text, 'owner only')
              FROM names JOIN pg_catalog.pg_class c ON c.oid = names.history""";

    /**
     * The names of any number of tables, as lists. They are read through subqueries so that the
     * planner's estimate does not depend on their length: the server plans the statement once per
     * connection (a generic plan, hash joins that suit a whole spec) rather than at every use.
     */
    private static final String MANY = """
            unnest((SELECT ?::text[]), (SELECT ?::text[]), (SELECT ?::text[]), (SELECT ?::text[]), (SELECT ?::text[]),
                   (SELECT ?::text[])) WITH ORDINALITY AS t(schema, function, as_of, trigger, source, history, ord)""";

    /**
     * The names of one table: the plan then looks each object up by its index, which is what the
     * reads before and after each step of apply need.
     */
    private static final String ONE = """
            (SELECT 1::bigint, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text)
                AS t(ord, schema, function, as_of, trigger, source, history)""";

    /**
     * How Citus holds each source and history (Citus only): method, column, shard count. Appended to
     * {@link #TABLES}, whose {@code rel} it reads.
     */
    private static final String DISTRIBUTIONS = """

            UNION ALL
            SELECT rel.ord, 'distribution:' || d.logicalrelid::regclass::text,
                   CASE WHEN d.partmethod = 'h' THEN 'hash by ' || pg_catalog.column_to_column_name(d.logicalrelid, d.partkey)
                        WHEN d.repmodel = 't' THEN 'reference' ELSE 'single-shard' END
                       || ', ' || (SELECT count(*) FROM pg_catalog.pg_dist_shard s WHERE s.logicalrelid = d.logicalrelid)
                       || ' shards'
              FROM pg_catalog.pg_dist_partition d JOIN rel ON rel.oid = d.logicalrelid""";

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
        CatalogFacts facts = ofTables(List.of(table)).get(0);
        if (citus && placements && !table.distribution().isLocal()) {
            facts = facts.plus(placementsOf(List.of(table)).getOrDefault(subject(table), CatalogFacts.NONE));
        }
        return facts;
    }

    /** What is installed for each of the tables, in their order, read in one query (the placements not asked). */
    public List<CatalogFacts> ofTables(List<TableSpec> tables) throws SQLException {
        if (tables.isEmpty()) {
            return List.of();
        }
        List<Map<String, String>> facts = new ArrayList<>();
        List<String> schemas = new ArrayList<>();
        List<String> functions = new ArrayList<>();
        List<String> asOfs = new ArrayList<>();
        List<String> triggers = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<String> histories = new ArrayList<>();
        List<Integer> sequenceTables = new ArrayList<>();
        List<String> sequences = new ArrayList<>();
        for (TableSpec table : tables) {
            facts.add(new TreeMap<>());
            int ord = facts.size();
            schemas.add(table.history().schema());
            functions.add(table.history().functionName());
            asOfs.add(table.history().asOfFunctionName());
            triggers.add(table.history().triggerName());
            sources.add(q.table(table.schema(), table.name()));
            histories.add(q.table(table.history().schema(), table.history().table()));
            for (ColumnSpec column : table.columns()) {
                if (column.sequence() != null) {
                    sequenceTables.add(ord);
                    sequences.add(q.table(table.schema(), column.sequence()));
                }
            }
            if (table.history().idSequence() != null) {
                sequenceTables.add(ord);
                sequences.add(q.table(table.history().schema(), table.history().idSequence()));
            }
        }
        boolean one = tables.size() == 1;
        String sql = TABLES.formatted(one ? ONE : MANY) + (citus ? DISTRIBUTIONS : "");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int parameter = 1;
            for (List<String> values : List.of(schemas, functions, asOfs, triggers, sources, histories)) {
                if (one) {
                    statement.setString(parameter++, values.get(0));
                } else {
                    statement.setArray(parameter++, connection.createArrayOf("text", values.toArray()));
                }
            }
            statement.setArray(parameter++, connection.createArrayOf("int4", sequenceTables.toArray()));
            statement.setArray(parameter, connection.createArrayOf("text", sequences.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    facts.get(rs.getInt(1) - 1).put(rs.getString(2), rs.getString(3));
                }
            }
        }
        return facts.stream().map(CatalogFacts::of).toList();
    }

    /**
     * How many placements of each of the (Citus) tables have the audit trigger, by table
     * ({@code schema.name}): a fact "placements:table" reading {@code N of M}. One query per node for
     * all of them; a table without placements has none.
     */
    public Map<String, CatalogFacts> placementsOf(List<TableSpec> tables) throws SQLException {
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (PlacementResult result : new PlacementTriggers().check(connection, tables)) {
            long[] count = counts.computeIfAbsent(result.table(), t -> new long[2]);
            count[0] += result.success() ? 1 : 0;
            count[1]++;
        }
        Map<String, CatalogFacts> facts = new HashMap<>();
        for (TableSpec table : tables) {
            long[] count = counts.get(subject(table));
            if (count != null) {
                facts.put(subject(table), CatalogFacts.of(Map.of("placements:" + q.table(table.schema(), table.name()),
                        count[0] + " of " + count[1])));
            }
        }
        return facts;
    }

    private static String subject(TableSpec table) {
        return table.schema() + "." + table.name();
    }

    /** Which of the objects asked about are there (see {@link AlreadyThere}), in one query. */
    public Set<String> alreadyThere(AlreadyThere ask) throws SQLException {
        return ask.read(connection, citus);
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
}
