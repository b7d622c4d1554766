package io.github.citusaudit.checks;

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
import io.github.citusaudit.core.ApplyCommand;
import io.github.citusaudit.core.Requests;
import io.github.citusaudit.core.VerifyCommand;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.report.Finding;
import io.github.citusaudit.report.VerifyReport;
import io.github.citusaudit.testing.CitusTestSupport;

/**
 * Tier 2: verify tells single-shard tables from reference tables (both have one shard and no
 * distribution column; the replication model tells them apart) and from tables of a distributed
 * schema, and names a single-shard table's placement that lost its trigger.
 */
class CitusSingleShardVerifyTest extends CitusTestSupport {

    @TempDir
    Path temp;

    /**
     * Each with an empty history table, so that verify can work out the function apply would create
     * (it reads the history's shards): these tests are about what the tables are.
     */
    @BeforeEach
    void makeASingleShardTableAReferenceTableAndATableOfADistributedSchema() throws SQLException {
        assumeSingleShardTables();
        db.execute("SET citus.enable_schema_based_sharding = on", "CREATE SCHEMA tenant_b",
                "RESET citus.enable_schema_based_sharding",
                "CREATE TABLE tenant_b.notes (note_id bigint PRIMARY KEY, body text)", "CREATE TABLE tenant_b.notes_hist (history_id bigint)",
                "CREATE SCHEMA solo",
                "CREATE TABLE solo.legacy (id bigint PRIMARY KEY, v text)", "SELECT create_distributed_table('solo.legacy', NULL)",
                "CREATE TABLE solo.legacy_hist (history_id bigint)",
                "CREATE TABLE solo.country (code text PRIMARY KEY)", "SELECT create_reference_table('solo.country')",
                "CREATE TABLE solo.country_hist (history_id bigint)");
    }

    @Test
    void aSingleShardTableIsNotAReferenceTable() throws IOException {
        assertEquals(List.of("the spec says a reference table but the table is a single-shard table"),
                distributionFindings("{ name: legacy, schema: solo, distribution: reference, columns: existing }"));
        assertEquals(List.of("the spec says a single-shard table but the table is a reference table"),
                distributionFindings("{ name: country, schema: solo, distribution: single-shard, columns: existing }"));
    }

    @Test
    void aTableOfADistributedSchemaIsNotALocalOrReferenceTable() throws IOException {
        assertEquals(List.of("the spec says a local table but the table is a single-shard table of distributed schema tenant_b"),
                distributionFindings("{ name: notes, schema: tenant_b, distribution: local, columns: existing }"));
        assertEquals(List.of("the spec says a reference table but the table is a single-shard table of distributed schema"
                + " tenant_b"), distributionFindings("{ name: notes, schema: tenant_b, distribution: reference, columns: existing }"));
        assertEquals(List.of("the spec says a single-shard table of a distributed schema but the table is a single-shard table"),
                distributionFindings("{ name: legacy, schema: solo, distributedSchema: true, columns: existing }"));
    }

    @Test
    void aTableDeclaredSingleShardMayBeInADistributedSchema() throws IOException {
        assertEquals(List.of(), distributionFindings("{ name: notes, schema: tenant_b, distribution: single-shard, columns: existing }"));
        assertEquals(List.of(), distributionFindings("{ name: notes, schema: tenant_b, distributedSchema: true, columns: existing }"));
        assertEquals(List.of(), distributionFindings("{ name: legacy, schema: solo, columns: existing }"));
    }

    @Test
    void theSinglePlacementThatLostItsTriggerIsNamedAndApplyRestoresIt() throws IOException, SQLException {
        db.execute("DROP TABLE tenant_b.notes_hist");
        File spec = spec("{ name: notes, schema: tenant_b, columns: existing }");
        apply(spec);
        assertTrue(verify(spec).passed());
        List<String> shard = db.query("SELECT shardid::text, nodename || ':' || nodeport FROM citus_shards"
                + " WHERE table_name = 'tenant_b.notes'::regclass")
                .get(0);
        db.execute("SELECT run_command_on_placements('tenant_b.notes', 'DROP TRIGGER notes_audit_" + shard.get(0) + " ON %s')");
        VerifyReport report = verify(spec);
        assertEquals(List.of("tenant_b.notes | triggers | FAIL " + shard.get(1) + " shard " + shard.get(0)
                + ": no enabled audit trigger"), failures(report));
        apply(spec);
        assertTrue(verify(spec).passed(), String.join("\n", verify(spec).lines()));
    }

    @Test
    void aCitusLocalTableIsNotAudited() throws IOException, SQLException {
        db.execute("CREATE TABLE solo.kept (id bigint PRIMARY KEY)", "SELECT citus_add_local_table_to_metadata('solo.kept')",
                "CREATE TABLE solo.kept_hist (history_id bigint)");
        File spec = spec("{ name: kept, schema: solo, columns: existing }");
        assertEquals(List.of("the table is a Citus local table (in Citus' metadata, not distributed), which cannot be audited"),
                distributionFindings(spec));
        DriftException e = assertThrows(DriftException.class, () -> apply(spec));
        assertEquals("table solo.kept is a Citus local table (in Citus' metadata, not distributed), which cannot be audited;"
                + " distribute it (or declare its 'distribution' in the spec)", e.getMessage());
    }

    private List<String> distributionFindings(String table) throws IOException {
        return distributionFindings(spec(table));
    }

    private List<String> distributionFindings(File spec) {
        return verify(spec).results().stream().filter(r -> r.check().equals("distribution"))
                .flatMap(r -> r.findings().stream()).map(Finding::message).toList();
    }

    private static List<String> failures(VerifyReport report) {
        return report.lines().stream().filter(l -> l.contains("| FAIL ")).map(l -> l.replaceAll(" +", " ")).toList();
    }

    private File spec(String table) throws IOException {
        Path file = temp.resolve("citus-audit.yaml");
        Files.writeString(file, "tables:\n  - " + table + "\n", StandardCharsets.UTF_8);
        return file.toFile();
    }

    private static void apply(File spec) {
        new ApplyCommand(Console.system()).run(new Requests.Apply(spec, null, cluster.coordinator(), null, false, "30s"));
    }

    private VerifyReport verify(File spec) {
        return new VerifyCommand(Console.system()).run(new Requests.Verify(spec, null, cluster.coordinator(), null,
                temp.toFile(), false));
    }
}
