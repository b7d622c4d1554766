package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.citusaudit.catalog.DriftException;
import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.report.CheckResult;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.report.VerifyReport;
import io.github.citusaudit.testing.CitusTestSupport;
import io.github.citusaudit.testing.StaticBranches;

/**
 * Tier 2: single-shard tables (Citus 12 and later) on a real cluster: a distributed schema declared
 * in the spec (schema-based sharding), single-shard tables declared outside one
 * ({@code create_distributed_table(t, NULL)}), and both detected when the spec leaves the
 * distribution of an existing table undeclared. The history sits beside its source on the one node
 * that holds it, the function has the one static branch, and verify passes.
 */
class CitusSingleShardTest extends CitusTestSupport {

    @BeforeEach
    void requireSingleShardTables() throws SQLException {
        assumeSingleShardTables();
    }


    static final File TENANT_SCHEMA = new File("src/test/resources/specs/tenant-schema.yaml");
    static final File SINGLE_SHARD = new File("src/test/resources/specs/single-shard.yaml");

    @TempDir
    Path temp;

    @Test
    void aDistributedSchemaNeedsNoDistributionAndHoldsTheHistoryBesideItsTable() throws SQLException {
        apply(TENANT_SCHEMA, null);
        assertEquals("1", db.single("SELECT count(*) FROM pg_dist_schema WHERE schemaid = 'tenant_a'::regnamespace"));
        assertEquals(List.of(List.of("tenant_a.items", "schema", "1"), List.of("tenant_a.items_log", "schema", "1"),
                        List.of("tenant_a.orders", "schema", "1"), List.of("tenant_a.orders_hist", "schema", "1")),
                db.query("SELECT table_name::text, citus_table_type, shard_count::text FROM citus_tables"
                        + " WHERE table_name::text LIKE 'tenant_a.%' ORDER BY 1"));
        assertEquals("1", db.single("SELECT count(DISTINCT colocation_id) FROM citus_tables WHERE table_name::text LIKE 'tenant_a.%'"));
        assertEquals(1, branches("tenant_a.orders_audit()"), "one static branch: the single shard pair");
        assertEquals(1, branches("tenant_a.items_audit()"));

        db.execute("INSERT INTO tenant_a.orders (customer, amount) SELECT 'c' || g, g FROM generate_series(1, 30) g",
                "UPDATE tenant_a.orders SET amount = amount + 1 WHERE order_id % 3 = 0",
                "DELETE FROM tenant_a.orders WHERE order_id % 10 = 0",
                "INSERT INTO tenant_a.items VALUES (1, 1, 'a'), (2, 1, 'b')",
                "UPDATE tenant_a.items SET note = 'c' WHERE item_id = 2");
        assertEquals(List.of(List.of("DELETE", "3"), List.of("INSERT", "30"), List.of("UPDATE", "10")),
                db.query("SELECT operation, count(*) FROM tenant_a.orders_hist GROUP BY 1 ORDER BY 1"));
        assertEquals(List.of(List.of("INSERT", "1", "a"), List.of("INSERT", "2", "b"), List.of("UPDATE", "2", "b")),
                db.query("SELECT op, item_id::text, note FROM tenant_a.items_log ORDER BY log_id"));
        assertEquals("t", db.single("SELECT count(DISTINCT (nodename, nodeport)) = 1 FROM citus_shards WHERE table_name::text LIKE 'tenant_a.%'"),
                "the whole schema, history included, on one node");
        assertPassesEveryCheck(verify(TENANT_SCHEMA, null));
    }

    /** Declaring a schema that holds plain tables distributed is how a database moves to schema-based sharding. */
    @Test
    void aSchemaOfPlainTablesDeclaredDistributedIsDistributedWithItsTables() throws SQLException {
        db.execute("CREATE SCHEMA tenant_a", "CREATE SEQUENCE tenant_a.orders_order_id_seq",
                "CREATE TABLE tenant_a.orders (order_id bigint NOT NULL DEFAULT nextval('tenant_a.orders_order_id_seq'),"
                        + " customer text NOT NULL, amount numeric(12,2), PRIMARY KEY (order_id))",
                "INSERT INTO tenant_a.orders (customer) VALUES ('before')");
        apply(TENANT_SCHEMA, null);
        assertEquals(List.of(List.of("schema", "1")), db.query("SELECT citus_table_type, shard_count::text FROM citus_tables"
                + " WHERE table_name = 'tenant_a.orders'::regclass"));
        db.execute("UPDATE tenant_a.orders SET amount = 1");
        assertEquals(List.of(List.of("UPDATE", "before")), db.query("SELECT operation, customer FROM tenant_a.orders_hist"));
        assertPassesEveryCheck(verify(TENANT_SCHEMA, null));
    }

    @Test
    void aSecondApplyChangesNothing() throws SQLException {
        apply(TENANT_SCHEMA, null);
        String state = "SELECT (SELECT xmin::text FROM pg_proc WHERE oid = 'tenant_a.orders_audit()'::regprocedure),"
                + " (SELECT string_agg(xmin::text, ',') FROM pg_trigger WHERE tgrelid = 'tenant_a.orders'::regclass),"
                + " (SELECT string_agg(colocationid::text, ',' ORDER BY logicalrelid) FROM pg_dist_partition)";
        List<List<String>> before = db.query(state);
        apply(TENANT_SCHEMA, null);
        assertEquals(before, db.query(state));
    }

    @Test
    void singleShardTablesOutsideADistributedSchemaAreColocatedWithTheirHistoryInAnotherSchema() throws SQLException {
        apply(SINGLE_SHARD, null);
        assertEquals(List.of(List.of("solo.flags", "distributed", "<none>", "1"), List.of("solo.flags_hist", "distributed", "<none>", "1"),
                        List.of("solo.settings", "distributed", "<none>", "1"),
                        List.of("solo_audit.settings_hist", "distributed", "<none>", "1")),
                db.query("SELECT table_name::text, citus_table_type, distribution_column, shard_count::text FROM citus_tables"
                        + " WHERE table_name::text LIKE 'solo%' ORDER BY 1"));
        assertEquals("t", db.single("SELECT " + colocation("solo.settings") + " = " + colocation("solo_audit.settings_hist")
                + " AND " + colocation("solo.flags") + " = " + colocation("solo.flags_hist")
                + " AND " + colocation("solo.flags") + " <> " + colocation("solo.settings")));
        assertEquals(1, branches("solo_audit.settings_audit()"));

        db.execute("INSERT INTO solo.settings VALUES ('a', '1'), ('b', '2')", "UPDATE solo.settings SET value = '3' WHERE key = 'a'",
                "DELETE FROM solo.settings WHERE key = 'b'", "INSERT INTO solo.flags VALUES ('dark', true)");
        assertEquals(List.of(List.of("INSERT", "a", "1"), List.of("INSERT", "b", "2"), List.of("UPDATE", "a", "1"),
                        List.of("DELETE", "b", "2")),
                db.query("SELECT operation, key, value FROM solo_audit.settings_hist ORDER BY history_id"));
        assertEquals("1", db.single("SELECT count(*) FROM solo.flags_hist"));
        assertPassesEveryCheck(verify(SINGLE_SHARD, null));
    }

    @Test
    void singleShardTablesTheSpecLeavesUndeclaredAreReadFromTheDatabase() throws SQLException, IOException {
        db.execute("SET citus.enable_schema_based_sharding = on", "CREATE SCHEMA tenant_b",
                "RESET citus.enable_schema_based_sharding",
                "CREATE TABLE tenant_b.notes (note_id bigint PRIMARY KEY, body text)",
                "CREATE SCHEMA solo", "CREATE TABLE solo.legacy (id bigint PRIMARY KEY, v text)",
                "SELECT create_distributed_table('solo.legacy', NULL)");
        File spec = spec("""
                tables:
                  - { name: notes, schema: tenant_b, columns: existing }
                  - { name: legacy, schema: solo, columns: existing }
                """);
        apply(spec, null);
        assertEquals(List.of(List.of("solo.legacy_hist", "distributed"), List.of("tenant_b.notes_hist", "schema")),
                db.query("SELECT table_name::text, citus_table_type FROM citus_tables"
                        + " WHERE table_name::text IN ('solo.legacy_hist', 'tenant_b.notes_hist') ORDER BY 1"));
        assertEquals("t", db.single("SELECT " + colocation("solo.legacy") + " = " + colocation("solo.legacy_hist")
                + " AND " + colocation("tenant_b.notes") + " = " + colocation("tenant_b.notes_hist")));
        db.execute("INSERT INTO tenant_b.notes VALUES (1, 'x')", "UPDATE tenant_b.notes SET body = 'y'",
                "INSERT INTO solo.legacy VALUES (1, 'x')", "DELETE FROM solo.legacy");
        assertEquals(List.of(List.of("INSERT", "x"), List.of("UPDATE", "x")),
                db.query("SELECT operation, body FROM tenant_b.notes_hist ORDER BY history_id"));
        assertEquals(List.of(List.of("INSERT", "x"), List.of("DELETE", "x")),
                db.query("SELECT operation, v FROM solo.legacy_hist ORDER BY history_id"));
        assertPassesEveryCheck(verify(spec, null));
    }

    @Test
    void aHistoryOutsideTheDistributedSchemaOfItsTableIsRefusedBeforeAnythingIsCreated() throws SQLException, IOException {
        db.execute("SET citus.enable_schema_based_sharding = on", "CREATE SCHEMA tenant_b",
                "RESET citus.enable_schema_based_sharding", "CREATE TABLE tenant_b.notes (note_id bigint PRIMARY KEY, body text)");
        File spec = spec("""
                tables:
                  - { name: notes, schema: tenant_b, columns: existing, history: { schema: solo_audit } }
                """);
        DriftException e = assertThrows(DriftException.class, () -> apply(spec, null));
        assertEquals("the history of table 'notes' must be in its distributed schema 'tenant_b', not in 'solo_audit': Citus"
                + " colocates a table of a distributed schema only with the other tables of that schema (leave out the"
                + " history's 'schema')", e.getMessage());
        assertEquals("f", db.single("SELECT to_regnamespace('solo_audit') IS NOT NULL"));
    }

    /**
     * Placement mode is for hash tables on Citus before 11; single-shard tables exist from 12 on, where
     * their native trigger travels with the shard through schema moves: they keep it.
     */
    @Test
    void placementModeKeepsTheNativeTriggerOnSingleShardTables() throws SQLException {
        apply(TENANT_SCHEMA, TriggerMode.PLACEMENT);
        assertEquals("tenant_a.orders_audit", db.single("SELECT tgfoid::regproc::text FROM pg_trigger"
                + " WHERE tgrelid = 'tenant_a.orders'::regclass AND NOT tgisinternal"));
        assertEquals("0", db.single("SELECT count(*) FROM pg_proc WHERE proname LIKE 'orders\\_audit\\_%'"));
        db.execute("INSERT INTO tenant_a.orders (customer) VALUES ('p')");
        assertEquals("1", db.single("SELECT count(*) FROM tenant_a.orders_hist"));
        assertPassesEveryCheck(verify(TENANT_SCHEMA, TriggerMode.PLACEMENT));
    }

    private static void assertPassesEveryCheck(VerifyReport report) {
        assertTrue(report.passed(), String.join("\n", report.lines()));
        assertTrue(report.results().stream().map(CheckResult::check).toList().containsAll(
                List.of("distribution", "history table", "trigger function", "triggers", "shard coverage")),
                String.join("\n", report.lines()));
    }

    /** The static branches of a trigger function: one per shard pair it knows. */
    private static int branches(String function) throws SQLException {
        return StaticBranches.count(db.single("SELECT prosrc FROM pg_proc WHERE oid = '" + function + "'::regprocedure"));
    }

    private static String colocation(String table) {
        return "(SELECT colocationid FROM pg_dist_partition WHERE logicalrelid = '" + table + "'::regclass)";
    }

    private File spec(String yaml) throws IOException {
        Path file = temp.resolve("citus-audit.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file.toFile();
    }

    static void apply(File spec, TriggerMode mode) {
        new ApplyCommand(Console.system()).run(new Requests.Apply(spec, null, cluster.coordinator(), mode, false, "30s"));
    }

    private VerifyReport verify(File spec, TriggerMode mode) {
        return new VerifyCommand(Console.system()).run(new Requests.Verify(spec, null, cluster.coordinator(), mode,
                temp.toFile(), false));
    }
}
