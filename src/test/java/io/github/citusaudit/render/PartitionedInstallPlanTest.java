package io.github.citusaudit.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.citusaudit.spec.AuditSpec;
import io.github.citusaudit.spec.SpecReader;
import io.github.citusaudit.spec.TableSpec;

/** What a partitioned table and a history partitioned by time add to the install, and what they leave as it was. */
class PartitionedInstallPlanTest {

    private final AuditSpec partitioned = new SpecReader().read(Path.of("src/examples/partitioned/citus-audit.yaml"));
    private final InstallPlan plan = new InstallPlan(new TemplateRenderer(null));

    @Test
    void partitionedInstallMatchesGoldenFiles() throws IOException {
        InstallPlanTest.assertGolden("partitioned-install.sql",
                SqlScript.of("install", "citus-audit.yaml", plan.install(partitioned)));
        InstallPlanTest.assertGolden("partitioned-install-placement.sql",
                SqlScript.of("install", "citus-audit.yaml", plan.install(partitioned, TriggerMode.PLACEMENT)));
    }

    @Test
    void partitionsComeAfterTheirTableAndHistoryPartitionsAfterTheHistoryIsDistributed() {
        List<String> steps = plan.install(partitioned).stream().map(RenderedStatement::title).toList();
        assertEquals(List.of(
                "timeline: schema",
                "timeline.event: sequence event_event_id_seq",
                "timeline.event: table",
                "timeline.event: partition timeline.event_2026_11",
                "timeline.event: partition timeline.event_2026_12",
                "timeline.event: partition timeline.event_other",
                "timeline.event: distribution",
                "timeline.event: history sequence",
                "timeline.event: history table",
                "timeline.event: history columns",
                "timeline.event: history distribution",
                "timeline.event: history partitions",
                "timeline.event: as-of function",
                "timeline.event: trigger function",
                "timeline.event: trigger"), steps);
    }

    @Test
    void theTableAndItsHistoryArePartitionedAndTheHistoryKeyHoldsItsTime() {
        List<String> sql = plan.install(partitioned).stream().map(RenderedStatement::sql).toList();
        assertTrue(sql.get(2).endsWith(") PARTITION BY RANGE (occurred_at)"), sql.get(2));
        assertEquals("CREATE TABLE IF NOT EXISTS timeline.event_2026_11 PARTITION OF timeline.event"
                + " FOR VALUES FROM ('2026-11-01') TO ('2026-12-01')", sql.get(3));
        assertEquals("CREATE TABLE IF NOT EXISTS timeline.event_other PARTITION OF timeline.event DEFAULT", sql.get(5));
        assertTrue(sql.get(8).endsWith("PRIMARY KEY (history_id, tenant_id, changed_at)\n) PARTITION BY RANGE (changed_at)"),
                sql.get(8));
    }

    /**
     * The native function's branches name the partitions' shards: rows land there. Placement mode keeps
     * a function per shard of the table itself, whose trigger PostgreSQL clones onto the partitions' shards.
     */
    @Test
    void onlyTheNativeFunctionLooksAtThePartitionsShards() {
        String nativeFunction = step(plan.install(partitioned), "trigger function");
        assertTrue(nativeFunction.contains("FROM pg_catalog.pg_partition_tree($1) p JOIN pg_catalog.pg_dist_shard s"),
                nativeFunction);
        assertTrue(nativeFunction.contains("WHERE p.isleaf"), nativeFunction);
        String shardFunctions = step(plan.install(partitioned, TriggerMode.PLACEMENT), "shard trigger functions");
        assertFalse(shardFunctions.contains("pg_partition_tree"), shardFunctions);
        assertTrue(shardFunctions.contains("WHERE s.logicalrelid = $1"), shardFunctions);
    }

    /** Partitioning found in the database (columns: existing, or a table that exists) counts as declared. */
    @Test
    void aTableFoundPartitionedGetsTheSameFunctionAsOneDeclaredSo() {
        AuditSpec seed = new SpecReader().read(Path.of("src/examples/seed/citus-audit.yaml"));
        TableSpec account = seed.tables().get(0);
        String plain = step(plan.install(seed), "trigger function");
        String found = step(plan.install(seed.withTables(List.of(account.withPartitioning(partitioned.tables().get(0)
                .partitioning())))), "trigger function");
        assertFalse(plain.contains("pg_partition_tree"), plain);
        assertTrue(found.contains("FROM pg_catalog.pg_partition_tree($1) p JOIN pg_catalog.pg_dist_shard s"), found);
    }

    private static String step(List<RenderedStatement> statements, String step) {
        return statements.stream().filter(s -> s.title().endsWith(": " + step)).findFirst().orElseThrow().sql();
    }
}
