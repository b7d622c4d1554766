package io.github.citusaudit.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.citusaudit.spec.AuditSpec;
import io.github.citusaudit.spec.ColumnSpec;
import io.github.citusaudit.spec.SpecReader;

/** What apply runs for single-shard tables: declared, and in a distributed schema. */
class SingleShardInstallPlanTest {

    private final AuditSpec tenantSchema = new SpecReader().read(Path.of("src/test/resources/specs/tenant-schema.yaml"));
    private final AuditSpec singleShard = new SpecReader().read(Path.of("src/test/resources/specs/single-shard.yaml"));
    private final InstallPlan plan = new InstallPlan(new TemplateRenderer(null));

    @Test
    void tenantSchemaInstallMatchesGoldenFile() throws IOException {
        InstallPlanTest.assertGolden("tenant-schema-install.sql", SqlScript.of("install", "tenant-schema.yaml",
                plan.install(tenantSchema)));
    }

    /** The schema is distributed before any table is created in it; Citus distributes the tables, not apply. */
    @Test
    void aDistributedSchemaIsDistributedFirstAndItsTablesAreNot() {
        List<String> steps = plan.install(tenantSchema).stream().map(RenderedStatement::title).toList();
        assertEquals(List.of("tenant_a: schema", "tenant_a: distributed schema"), steps.subList(0, 2));
        assertEquals(List.of(), steps.stream().filter(s -> s.endsWith("distribution")).toList());
        assertTrue(plan.install(tenantSchema).get(1).sql().contains("PERFORM citus_schema_distribute('tenant_a'::regnamespace);"));
    }

    /** A single-shard table and its history: no distribution column, the history colocated with its table. */
    @Test
    void aSingleShardTableAndItsHistoryAreDistributedWithoutAColumn() {
        List<String> distribution = plan.install(singleShard).stream()
                .filter(s -> s.title().endsWith("distribution")).map(RenderedStatement::sql)
                // the last: a source's first ones distribute it back beside a history distributed already
                .map(sql -> sql.lines().filter(l -> l.contains("create_distributed_table")).reduce((a, b) -> b).orElseThrow().strip())
                .toList();
        assertEquals(List.of(
                "PERFORM create_distributed_table('solo.settings', NULL, colocate_with => 'default');",
                "PERFORM create_distributed_table('solo_audit.settings_hist', NULL, colocate_with => 'solo.settings');",
                "PERFORM create_distributed_table('solo.flags', NULL, colocate_with => 'none');",
                "PERFORM create_distributed_table('solo.flags_hist', NULL, colocate_with => 'solo.flags');"), distribution);
    }

    /** Placement mode is for hash tables: single-shard tables keep the native trigger (see ApplyCommand). */
    @Test
    void placementModeRendersTheNativeTriggerForSingleShardTables() {
        List<String> steps = plan.install(singleShard, TriggerMode.PLACEMENT).stream().map(RenderedStatement::title).toList();
        assertTrue(steps.contains("solo.settings: trigger"), steps.toString());
        assertFalse(steps.stream().anyMatch(s -> s.contains("placement")), steps.toString());
    }

    @Test
    void aDistributionLeftToTheDatabaseMustBeReadFirst() {
        AuditSpec undeclared = new SpecReader().read("""
                schema: app
                tables:
                  - { name: t, columns: existing }
                """, "spec.yaml");
        AuditSpec columnsRead = undeclared.withTables(List.of(undeclared.tables().get(0)
                .withColumns(List.of(ColumnSpec.of("id", "bigint", false)))));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> plan.install(columnsRead));
        assertEquals("the distribution of app.t must be read from the database before rendering", e.getMessage());
    }
}
