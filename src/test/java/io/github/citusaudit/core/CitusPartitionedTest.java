package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.report.CheckResult;
import io.github.citusaudit.report.VerifyReport;
import io.github.citusaudit.testing.CitusTestSupport;
import io.github.citusaudit.testing.PartitionedEvents;

/**
 * Tier 2: a time-partitioned table distributed by hash (src/examples/partitioned) on a real Citus
 * cluster. Rows land in the partitions' shards, so the native function's branches must name those;
 * partitions made after apply (CREATE TABLE ... PARTITION OF, create_time_partitions) get the trigger
 * from PostgreSQL at once, on every shard, and their branches at the next apply, verify naming them
 * until then; detached and dropped partitions leave harmless branches that verify names and apply
 * removes. Placement mode's per-shard triggers are cloned onto the partitions' shards the same way.
 */
class CitusPartitionedTest extends CitusTestSupport {

    private static final Pattern BRANCH = Pattern.compile("\\n\\s*WHEN '([^']*)' THEN");
    /** The last part of the name of every shard of every partition (leaf) of timeline.event. */
    private static final String PARTITION_SHARDS = "SELECT n[array_upper(n, 1)] FROM pg_partition_tree('timeline.event') t"
            + " JOIN pg_dist_shard s ON s.logicalrelid = t.relid, parse_ident(shard_name(s.logicalrelid, s.shardid)) n"
            + " WHERE t.isleaf";

    @TempDir
    Path temp;

    private PartitionedEvents events;

    @BeforeEach
    void example() {
        events = new PartitionedEvents(db, temp);
    }

    @Test
    void theNativeFunctionHasABranchForEveryPartitionShardAndHistoryIsComplete() throws SQLException {
        events.apply(null);
        Set<String> partitionShards = partitionShards();
        assertEquals(24, partitionShards.size(), "3 partitions of 8 shards");
        assertEquals(partitionShards, branches());
        events.changeEachPartition();
        assertEquals(PartitionedEvents.CHANGES_HISTORY, events.history());
        // Each history row sits in the history shard beside its source row: a router query finds it.
        assertEquals("2", db.single("SELECT count(*) FROM timeline.event_hist WHERE tenant_id = 1"));
        VerifyReport report = events.verify(null);
        assertTrue(report.passed(), String.join("\n", report.lines()));
        assertEquals(List.of("source columns", "distribution", "partitioning", "history table", "trigger function", "triggers",
                "shard coverage"), report.results().stream().map(CheckResult::check).toList());
        // The history's monthly partitions are distributed, colocated with the table like everything of it.
        assertEquals("4", db.single("SELECT count(*) FROM pg_dist_partition WHERE logicalrelid::text LIKE 'timeline.event_hist_p%'"));
        assertEquals("1", db.single("SELECT count(DISTINCT colocationid) FROM pg_dist_partition"
                + " WHERE logicalrelid::text LIKE 'timeline.event%'"));
    }

    @Test
    void aPartitionMadeAfterApplyIsNamedByVerifyAndCoveredByTheNextApply() throws SQLException {
        events.apply(null);
        db.execute("CREATE TABLE timeline.event_2027_01 PARTITION OF timeline.event FOR VALUES FROM ('2027-01-01') TO ('2027-02-01')",
                "SELECT create_time_partitions('timeline.event', '1 month', '2027-03-01', '2027-02-01')",
                "INSERT INTO timeline.event (tenant_id, occurred_at, kind) VALUES (11, '2027-01-02', 'jan'), (12, '2027-02-02', 'feb')");
        // PostgreSQL put the trigger on the new partitions' shards at once: their rows are recorded, on the slow path.
        assertEquals(List.of(List.of("INSERT", "11", "jan"), List.of("INSERT", "12", "feb")), events.history());
        List<String> findings = events.findings(null);
        assertEquals(5, findings.size(), String.join("\n", findings));
        assertTrue(findings.get(0).startsWith("timeline.event | trigger function | FAIL coordinator: trigger function"
                + " timeline.event_audit() differs from what apply would create"), findings.get(0));
        assertTrue(findings.get(3).startsWith("timeline.event | shard coverage | FAIL partition timeline.event_2027_01 shards "),
                findings.get(3));
        assertTrue(findings.get(3).endsWith(": 8 of 8 shards of this partition have no branch in the trigger function and run on"
                + " the slow path (distributed INSERT) (a partition created since apply?): run apply"), findings.get(3));
        assertTrue(findings.get(4).startsWith("timeline.event | shard coverage | FAIL partition timeline.event_p2027_02 shards "),
                findings.get(4));

        events.apply(null);
        assertEquals(List.of(), events.findings(null));
        assertEquals(40, branches().size());
        assertEquals(partitionShards(), branches());
    }

    /** A partition the spec declares comes back with the next apply if dropped: this one was made later. */
    @Test
    void detachedAndDroppedPartitionsLeaveHarmlessBranchesThatApplyRemoves() throws SQLException {
        events.apply(null);
        db.execute("CREATE TABLE timeline.event_2027_01 PARTITION OF timeline.event FOR VALUES FROM ('2027-01-01') TO ('2027-02-01')");
        events.apply(null);
        assertEquals(32, branches().size());
        db.execute("ALTER TABLE timeline.event DETACH PARTITION timeline.event_2026_12", "DROP TABLE timeline.event_2027_01");
        // The detached table lost its trigger with the partition's: its rows are no longer the audited table's.
        db.execute("INSERT INTO timeline.event_2026_12 (tenant_id, occurred_at, kind) VALUES (21, '2026-12-05', 'detached')",
                "INSERT INTO timeline.event (tenant_id, occurred_at, kind) VALUES (22, '2026-12-05', 'default')");
        assertEquals(List.of(List.of("INSERT", "22", "default")), events.history());
        List<String> findings = events.findings(null);
        assertEquals("timeline.event | shard coverage | FAIL 16 branches of the trigger function name shards of no partition"
                + " of the table (a partition detached or dropped since apply): they do no harm; apply removes them",
                findings.get(findings.size() - 1));
        events.apply(null);
        assertEquals(List.of(), events.findings(null));
        assertEquals(partitionShards(), branches());
        assertEquals(16, branches().size(), "event_2026_11 and event_other");
        assertEquals("false", db.single("SELECT relispartition::text FROM pg_class WHERE oid = 'timeline.event_2026_12'::regclass"));
    }

    @Test
    void aTriggerDisabledOnAPartitionsShardsIsNamedAndApplyRepairsIt() throws SQLException {
        events.apply(null);
        db.execute("SELECT run_command_on_placements('timeline.event_2026_11', 'ALTER TABLE %s DISABLE TRIGGER USER')");
        List<String> findings = events.findings(null);
        assertEquals(8, findings.size(), String.join("\n", findings));
        assertTrue(findings.stream().allMatch(f -> f.startsWith("timeline.event | triggers | FAIL ")
                && f.contains(": no enabled audit trigger (partition shard timeline.event_2026_11_")), String.join("\n", findings));
        events.applyAndExpectEveryChangeRecorded(null);
    }

    @Test
    void anExistingPartitionedTableNeedsNoPartitionBy() throws Exception {
        db.execute("CREATE SCHEMA timeline",
                "CREATE TABLE timeline.event (tenant_id bigint NOT NULL, occurred_at timestamptz NOT NULL, kind text)"
                        + " PARTITION BY RANGE (occurred_at)",
                "SELECT create_distributed_table('timeline.event', 'tenant_id', shard_count => 4)",
                "SELECT create_time_partitions('timeline.event', '1 month', '2027-01-01', '2026-10-01')");
        Path spec = temp.resolve("existing.yaml");
        Files.writeString(spec, """
                schema: timeline
                tables:
                  - { name: event, distribution: { column: tenant_id }, columns: existing }
                """);
        PartitionedEvents existing = new PartitionedEvents(db, spec.toFile(), temp);
        existing.apply(null);
        assertEquals(12, branches().size(), "3 partitions of 4 shards");
        assertEquals(partitionShards(), branches());
        VerifyReport report = existing.verify(null);
        assertTrue(report.passed(), String.join("\n", report.lines()));
        db.execute("INSERT INTO timeline.event VALUES (31, '2026-11-11', 'found')");
        assertEquals(List.of(List.of("INSERT", "31", "found")), events.history());
    }

    /**
     * Placement mode puts a trigger on each shard of the partitioned table, and PostgreSQL clones it onto
     * the partitions' shards on the same node, those of partitions made later too. A move loses them all
     * (as for any table in placement mode) until apply.
     */
    @Test
    void placementModeTriggersReachThePartitionsShardsAndApplyRestoresThemAfterAMove() throws SQLException {
        events.apply(TriggerMode.PLACEMENT);
        assertEquals(List.of(), events.findings(TriggerMode.PLACEMENT));
        db.execute("CREATE TABLE timeline.event_2027_01 PARTITION OF timeline.event FOR VALUES FROM ('2027-01-01') TO ('2027-02-01')");
        assertEquals(List.of(), events.findings(TriggerMode.PLACEMENT));
        events.changeEachPartition();
        db.execute("INSERT INTO timeline.event (tenant_id, occurred_at, kind) VALUES (41, '2027-01-02', 'jan')");
        assertEquals(7, events.history().size());

        List<String> shard = db.query("SELECT shardid, nodename, nodeport FROM citus_shards WHERE table_name = 'timeline.event'::regclass"
                + " ORDER BY shardid LIMIT 1").get(0);
        List<String> target = db.query("SELECT nodename, nodeport FROM pg_dist_node WHERE shouldhaveshards"
                + " AND (nodename, nodeport) <> ('" + shard.get(1) + "', " + shard.get(2) + ") LIMIT 1").get(0);
        db.execute("SELECT citus_move_shard_placement(" + shard.get(0) + ", '" + shard.get(1) + "', " + shard.get(2) + ", '"
                + target.get(0) + "', " + target.get(1) + ", shard_transfer_mode => 'block_writes')");
        List<String> findings = events.findings(TriggerMode.PLACEMENT);
        // The table's shard and the shards of its 4 partitions in that hash range.
        assertEquals(5, findings.size(), String.join("\n", findings));
        assertTrue(findings.stream().allMatch(f -> f.startsWith("timeline.event | triggers | FAIL " + target.get(0) + ":" + target.get(1) + " shard ")
                && f.contains("no enabled audit trigger")), String.join("\n", findings));
        events.apply(TriggerMode.PLACEMENT);
        assertEquals(List.of(), events.findings(TriggerMode.PLACEMENT));
    }

    private static Set<String> partitionShards() throws SQLException {
        Set<String> names = new TreeSet<>();
        db.query(PARTITION_SHARDS).forEach(row -> names.add(row.get(0)));
        return names;
    }

    /** The shard names the native function has a branch for. */
    private static Set<String> branches() throws SQLException {
        Set<String> names = new TreeSet<>();
        Matcher matcher = BRANCH.matcher(db.single("SELECT prosrc FROM pg_proc WHERE oid = 'timeline.event_audit()'::regprocedure"));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
