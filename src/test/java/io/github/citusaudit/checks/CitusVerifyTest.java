package io.github.citusaudit.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.citusaudit.catalog.DriftException;
import io.github.citusaudit.core.ApplyCommand;
import io.github.citusaudit.core.Requests;
import io.github.citusaudit.core.VerifyCommand;
import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.report.CheckResult;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.report.VerifyReport;
import io.github.citusaudit.testing.CitusTestSupport;

/** Tier 2: verify on a real Citus cluster finds each kind of drift, and apply makes it pass again. */
class CitusVerifyTest extends CitusTestSupport {

    private static final File SEED = new File("src/examples/seed/citus-audit.yaml");

    @TempDir
    Path reports;

    @Test
    void aFreshApplyPassesEveryCheck() {
        apply(null);
        VerifyReport report = verify(null);
        assertTrue(report.passed(), String.join("\n", report.lines()));
        assertEquals(List.of("source columns", "distribution", "history table", "trigger function", "triggers", "shard coverage"),
                report.results().stream().map(CheckResult::check).toList());
    }

    @Test
    void placementModeAfterAShardMove() throws SQLException {
        apply(TriggerMode.PLACEMENT);
        assertTrue(verify(TriggerMode.PLACEMENT).passed());
        List<String> shard = firstShard();
        List<String> target = db.query("SELECT nodename, nodeport FROM pg_dist_node WHERE shouldhaveshards"
                + " AND (nodename, nodeport) <> ('" + shard.get(1) + "', " + shard.get(2) + ") LIMIT 1").get(0);
        db.execute("SELECT citus_move_shard_placement(" + shard.get(0) + ", '" + shard.get(1) + "', " + shard.get(2) + ", '"
                + target.get(0) + "', " + target.get(1) + ", shard_transfer_mode => 'block_writes')");
        assertFindings(TriggerMode.PLACEMENT, "shard6.account | triggers | FAIL " + target.get(0) + ":" + target.get(1) + " shard " + shard.get(0)
                + ": no enabled audit trigger");
        apply(TriggerMode.PLACEMENT);
        assertTrue(verify(TriggerMode.PLACEMENT).passed());
    }

    @Test
    void nativeModeAfterASplit() throws SQLException {
        apply(null);
        List<String> shard = firstShard();
        List<String> range = db.query("SELECT shardminvalue, shardmaxvalue FROM pg_dist_shard WHERE shardid = " + shard.get(0)).get(0);
        long middle = Long.parseLong(range.get(0)) + (Long.parseLong(range.get(1)) - Long.parseLong(range.get(0))) / 2;
        String nodeIds = db.single("SELECT string_agg(nodeid::text, ',') FROM (SELECT nodeid FROM pg_dist_node"
                + " WHERE shouldhaveshards ORDER BY nodeid LIMIT 2) n");
        db.execute("SELECT citus_split_shard_by_split_points(" + shard.get(0) + ", ARRAY['" + middle + "'], ARRAY[" + nodeIds
                + "], shard_transfer_mode => 'block_writes')");
        String newShards = db.single("SELECT string_agg(shardid::text, ', ' ORDER BY shardid) FROM (SELECT shardid FROM pg_dist_shard"
                + " WHERE logicalrelid = 'shard6.account'::regclass ORDER BY shardid DESC LIMIT 2) s");
        assertFindings(null,
                "shard6.account | trigger function | FAIL coordinator: trigger function shard6.account_audit() differs from what apply would create",
                "shard6.account | trigger function | FAIL " + worker(1) + ":",
                "shard6.account | trigger function | FAIL " + worker(2) + ":",
                "shard6.account | shard coverage | FAIL shards " + newShards + ": 2 of 33 shards have no branch in the trigger function"
                        + " and run on the slow path (distributed INSERT): run apply");
        apply(null);
        assertTrue(verify(null).passed());
    }

    @Test
    void aTriggerDroppedOnAWorker() throws SQLException {
        apply(null);
        List<String> shard = firstShard();
        dropNativeTriggerOnShard(db, shard.get(0));
        assertFindings(null, "shard6.account | triggers | FAIL " + shard.get(1) + ":" + shard.get(2) + " shard " + shard.get(0)
                + ": no enabled audit trigger");
        apply(null);
        assertTrue(verify(null).passed());
    }

    @Test
    void aDisabledTrigger() throws SQLException {
        apply(null);
        // Citus accepts trigger DDL on distributed tables only with this setting on.
        db.execute("SET citus.enable_unsafe_triggers = on; ALTER TABLE shard6.account DISABLE TRIGGER account_audit");
        DriftException e = assertThrows(DriftException.class, () -> verify(null));
        VerifyReport report = new VerifyCommand(Console.system()).run(new Requests.Verify(SEED, null, cluster.coordinator(), null,
                null, false));
        List<String> lines = report.lines().stream().map(l -> l.replaceAll(" +", " ")).toList();
        assertTrue(lines.contains("shard6.account | triggers | FAIL coordinator: trigger account_audit is disabled (tgenabled=D)"),
                String.join("\n", lines));
        assertEquals(33, lines.stream().filter(l -> l.startsWith("shard6.account | triggers | FAIL")).count(), e.getMessage());
        apply(null);
        assertTrue(verify(null).passed());
    }

    @Test
    void aColumnAddedToTheSource() throws SQLException {
        apply(null);
        db.execute("ALTER TABLE shard6.account ADD COLUMN note text");
        assertFindings(null, "shard6.account | history table | FAIL source column 'note' was added: not recorded until apply adds it",
                "shard6.account | trigger function | FAIL coordinator: trigger function shard6.account_audit() differs",
                "shard6.account | trigger function | FAIL " + worker(1) + ":",
                "shard6.account | trigger function | FAIL " + worker(2) + ":");
        apply(null);
        assertTrue(verify(null).passed());
        db.execute("INSERT INTO shard6.account (client_id, account_name, account_type, status, version, note) VALUES (5, 'x', 1, 1, 1, 'n')");
        assertEquals("n", db.single("SELECT note FROM shard6.account_hist WHERE client_id = 5"));
    }

    /** Without its history table there is no function to compare with: verify says so rather than failing on the cast. */
    @Test
    void aMissingHistoryTable() throws SQLException {
        apply(null);
        db.execute("DROP TABLE shard6.account_hist");
        assertFindings(null, "shard6.account | history table | FAIL history table shard6.account_hist does not exist: run apply",
                "shard6.account | trigger function | FAIL coordinator: trigger function shard6.account_audit() writes to history"
                        + " table shard6.account_hist, which does not exist: run apply");
        apply(null);
        assertTrue(verify(null).passed());
    }

    private void assertFindings(TriggerMode mode, String... expectedPrefixes) {
        assertThrows(DriftException.class, () -> verify(mode));
        VerifyReport report = new VerifyCommand(Console.system()).run(new Requests.Verify(SEED, null, cluster.coordinator(), mode,
                reports.toFile(), false));
        List<String> lines = report.lines().stream().filter(l -> l.contains("| FAIL ")).map(l -> l.replaceAll(" +", " ")).toList();
        assertEquals(expectedPrefixes.length, lines.size(), String.join("\n", lines));
        for (int i = 0; i < expectedPrefixes.length; i++) {
            assertTrue(lines.get(i).startsWith(expectedPrefixes[i]), lines.get(i));
        }
    }

    /**
     * Worker {@code n} as verify names it, host:port (a local cluster's 127.0.0.1:port, Docker's
     * worker1:5432), in the order run_command_on_workers answers: Citus sorts workers by name, then port.
     */
    private static String worker(int n) throws SQLException {
        return db.single("SELECT nodename || ':' || nodeport FROM pg_dist_node WHERE groupid > 0 ORDER BY nodename, nodeport"
                + " OFFSET " + (n - 1) + " LIMIT 1");
    }

    private List<String> firstShard() throws SQLException {
        return db.query("SELECT shardid, nodename, nodeport FROM citus_shards WHERE table_name = 'shard6.account'::regclass"
                + " ORDER BY shardid LIMIT 1").get(0);
    }

    private static void apply(TriggerMode mode) {
        new ApplyCommand(Console.system()).run(new Requests.Apply(SEED, null, cluster.coordinator(), mode, false, "30s"));
    }

    private VerifyReport verify(TriggerMode mode) {
        return new VerifyCommand(Console.system()).run(new Requests.Verify(SEED, null, cluster.coordinator(), mode, reports.toFile(), true));
    }
}
