package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.citusaudit.catalog.PlacementTriggers;
import io.github.citusaudit.db.ConnectionSettings;
import io.github.citusaudit.db.Database;
import io.github.citusaudit.db.DatabaseException;
import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.report.PlacementResult;
import io.github.citusaudit.testing.AsOf;
import io.github.citusaudit.testing.CitusTestSupport;
import io.github.citusaudit.testing.Psql;
import io.github.citusaudit.testing.StaticBranches;

/** Tier 2: the native mode on a real Citus cluster, coordinator and two workers. */
class CitusApplyTest extends CitusTestSupport {

    private static final File SEED = new File("src/examples/seed/citus-audit.yaml");
    private static final File LITTLE_BIG = new File("src/test/resources/specs/little-big-history.yaml");
    private static final String INSERT_ACCOUNTS = "INSERT INTO shard6.account (client_id, account_name, account_type, status, version)"
            + " SELECT g, 'client ' || g, 1, 1, 1 FROM generate_series(%d, %d) g";

    @Test
    void seedHistoryLandsBesideItsRowOnEveryShard() throws SQLException {
        apply(SEED);
        assertEquals("32", db.single("SELECT count(*) FROM pg_dist_shard WHERE logicalrelid = 'shard6.account'::regclass"));
        assertEquals("t", db.single("SELECT (SELECT colocationid FROM pg_dist_partition WHERE logicalrelid = 'shard6.account'::regclass)"
                + " = (SELECT colocationid FROM pg_dist_partition WHERE logicalrelid = 'shard6.account_hist'::regclass)"));
        assertEquals(32, branches("account_audit"));
        db.execute(INSERT_ACCOUNTS.formatted(1, 200),
                "UPDATE shard6.account SET status = 2 WHERE client_id % 2 = 0",
                "DELETE FROM shard6.account WHERE client_id % 5 = 0");
        assertEquals(List.of(List.of("DELETE", "40"), List.of("INSERT", "200"), List.of("UPDATE", "100")),
                db.query("SELECT operation, count(*) FROM shard6.account_hist GROUP BY 1 ORDER BY 1"));
        // Every shard received writes, and each history row is found by a router query on its
        // distribution column: it sits in the history shard colocated with its source row.
        assertEquals("32", db.single("SELECT count(DISTINCT get_shard_id_for_distribution_column('shard6.account', g))"
                + " FROM generate_series(1, 200) g"));
        for (int client = 1; client <= 200; client++) {
            int expected = 1 + (client % 2 == 0 ? 1 : 0) + (client % 5 == 0 ? 1 : 0);
            assertEquals(String.valueOf(expected), db.single("SELECT count(*) FROM shard6.account_hist WHERE client_id = " + client),
                    "history rows of client " + client);
        }
        assertEquals("340", db.single("SELECT count(DISTINCT account_hist_id) FROM shard6.account_hist"));
        assertEquals("0", db.single("SELECT count(*) FROM shard6.account_hist WHERE account_hist_id IS NULL OR replaced IS NULL"));
    }

    @Test
    void theFunctionIsTheSameOnEveryNodeAndTheTriggerOnEveryPlacement() throws SQLException {
        apply(SEED);
        String coordinator = db.single("SELECT md5(prosrc) FROM pg_proc WHERE oid = 'shard6.account_audit()'::regprocedure");
        List<List<String>> workers = db.query("SELECT success::text, result FROM run_command_on_workers("
                + "$$SELECT md5(prosrc) FROM pg_proc WHERE oid = 'shard6.account_audit()'::regprocedure$$)");
        assertEquals(List.of(List.of("true", coordinator), List.of("true", coordinator)), workers);
        assertEquals(List.of(List.of("true", "1", "32")), db.query("SELECT success::text, result, count(*) FROM run_command_on_placements("
                + "'shard6.account', $$SELECT count(*) FROM pg_trigger WHERE tgrelid = '%s'::regclass"
                + " AND tgfoid = 'shard6.account_audit()'::regprocedure AND tgenabled = 'O'$$) GROUP BY 1, 2"));
    }

    @Test
    void aSecondApplyChangesNothing() throws SQLException {
        apply(SEED);
        String state = "SELECT (SELECT xmin::text FROM pg_proc WHERE oid = 'shard6.account_audit()'::regprocedure),"
                + " (SELECT string_agg(xmin::text, ',') FROM pg_trigger WHERE tgrelid = 'shard6.account'::regclass)";
        List<List<String>> before = db.query(state);
        apply(SEED);
        assertEquals(before, db.query(state));
    }

    @Test
    void historySurvivesAShardMoveAndASplitAndApplyRefreshesTheBranches() throws SQLException {
        apply(SEED);
        List<String> shard = db.query("SELECT shardid, nodename, nodeport, shardminvalue, shardmaxvalue FROM citus_shards"
                + " JOIN pg_dist_shard USING (shardid) WHERE table_name = 'shard6.account'::regclass ORDER BY shardid LIMIT 1").get(0);
        List<String> target = db.query("SELECT nodename, nodeport FROM pg_dist_node WHERE noderole = 'primary' AND shouldhaveshards"
                + " AND (nodename, nodeport) <> ('" + shard.get(1) + "', " + shard.get(2) + ") ORDER BY nodeid LIMIT 1").get(0);
        db.execute("SELECT citus_move_shard_placement(" + shard.get(0) + ", '" + shard.get(1) + "', " + shard.get(2) + ", '"
                + target.get(0) + "', " + target.get(1) + ", shard_transfer_mode => 'block_writes')");
        long min = Long.parseLong(shard.get(3));
        long max = Long.parseLong(shard.get(4));
        String nodeIds = db.single("SELECT string_agg(nodeid::text, ',') FROM (SELECT nodeid FROM pg_dist_node"
                + " WHERE shouldhaveshards ORDER BY nodeid LIMIT 2) n");
        db.execute("SELECT citus_split_shard_by_split_points(" + shard.get(0) + ", ARRAY['" + (min + (max - min) / 2) + "'], ARRAY["
                + nodeIds + "], shard_transfer_mode => 'block_writes')");
        assertEquals("33", db.single("SELECT count(*) FROM pg_dist_shard WHERE logicalrelid = 'shard6.account'::regclass"));
        // The two new shards are not in the function yet: their rows take the distributed fallback.
        db.execute(INSERT_ACCOUNTS.formatted(1, 300), "UPDATE shard6.account SET status = 9", "DELETE FROM shard6.account");
        assertEquals(List.of(List.of("DELETE", "300"), List.of("INSERT", "300"), List.of("UPDATE", "300")),
                db.query("SELECT operation, count(*) FROM shard6.account_hist GROUP BY 1 ORDER BY 1"));
        // The function still names the 32 shards it was built for (one of them gone now).
        assertEquals(32, branches("account_audit"));
        String splitShard = "'account_" + shard.get(0) + "'";
        assertTrue(db.single("SELECT prosrc FROM pg_proc WHERE proname = 'account_audit'").contains(splitShard));

        apply(SEED);
        assertEquals(33, branches("account_audit"));
        assertTrue(!db.single("SELECT prosrc FROM pg_proc WHERE proname = 'account_audit'").contains(splitShard));
        db.execute("TRUNCATE shard6.account_hist", INSERT_ACCOUNTS.formatted(1, 300), "DELETE FROM shard6.account");
        assertEquals(List.of(List.of("DELETE", "300"), List.of("INSERT", "300")),
                db.query("SELECT operation, count(*) FROM shard6.account_hist GROUP BY 1 ORDER BY 1"));
        for (int client = 1; client <= 300; client += 7) {
            assertEquals("2", db.single("SELECT count(*) FROM shard6.account_hist WHERE client_id = " + client));
        }
    }

    @Test
    void littleAndBigValsAreColocatedAndAudited() throws SQLException {
        apply(LITTLE_BIG);
        assertEquals("1", db.single("SELECT count(DISTINCT colocationid) FROM pg_dist_partition WHERE logicalrelid::text LIKE 'shard7.%'"));
        db.execute("INSERT INTO shard7.little_vals SELECT g, g FROM generate_series(1, 50) g",
                "INSERT INTO shard7.big_vals SELECT g, g * 2 FROM generate_series(1, 50) g",
                "UPDATE shard7.little_vals SET val = val + 1", "DELETE FROM shard7.big_vals WHERE key <= 10");
        assertEquals(List.of(List.of("DELETE", "0"), List.of("INSERT", "50"), List.of("UPDATE", "50")).subList(1, 3),
                db.query("SELECT operation, count(*) FROM shard7.little_vals_hist GROUP BY 1 ORDER BY 1"));
        assertEquals("60", db.single("SELECT count(*) FROM shard7.big_vals_history"));
        assertEquals(List.of("change_id", "changed_at", "key"), db.query("SELECT attname FROM pg_attribute"
                + " WHERE attrelid = 'shard7.big_vals_history'::regclass AND attnum > 0 ORDER BY attnum").stream().map(r -> r.get(0)).toList());
    }

    @Test
    void theGeneratedScriptDoesTheSameJobThroughPsql(@TempDir Path out) throws Exception {
        assumeTrue(Psql.available(), "psql is not installed");
        new GenerateCommand(Console.system()).run(new Requests.Generate(SEED, null, out.toFile(), null, null));
        ConnectionSettings c = cluster.coordinator();
        Psql.Outcome psql = Psql.run(c, out.resolve("install.sql"));
        assertEquals(0, psql.exitCode(), psql.output());
        assertEquals(32, branches("account_audit"));
        db.execute(INSERT_ACCOUNTS.formatted(1, 64), "DELETE FROM shard6.account");
        assertEquals("128", db.single("SELECT count(*) FROM shard6.account_hist"));
        assertTrue(new PlacementTriggers().check(new Database(c).connect(),
                new io.github.citusaudit.spec.SpecReader().read(SEED.toPath())).stream().allMatch(PlacementResult::success));
    }

    @Test
    void placementModeAuditsEveryShardAndApplyRestoresTriggersLostToAMove() throws SQLException {
        apply(SEED, TriggerMode.PLACEMENT);
        assertEquals("0", db.single("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'shard6.account'::regclass"
                + " AND tgname = 'account_audit'"));
        assertEquals("32", db.single("SELECT count(*) FROM pg_proc WHERE proname LIKE 'account\\_audit\\_%'"));
        db.execute(INSERT_ACCOUNTS.formatted(1, 100), "UPDATE shard6.account SET status = 2", "DELETE FROM shard6.account");
        assertEquals(List.of(List.of("DELETE", "100"), List.of("INSERT", "100"), List.of("UPDATE", "100")),
                db.query("SELECT operation, count(*) FROM shard6.account_hist GROUP BY 1 ORDER BY 1"));

        List<String> shard = db.query("SELECT shardid, nodename, nodeport FROM citus_shards"
                + " WHERE table_name = 'shard6.account'::regclass ORDER BY shardid LIMIT 1").get(0);
        List<String> target = db.query("SELECT nodename, nodeport FROM pg_dist_node WHERE shouldhaveshards"
                + " AND (nodename, nodeport) <> ('" + shard.get(1) + "', " + shard.get(2) + ") LIMIT 1").get(0);
        db.execute("SELECT citus_move_shard_placement(" + shard.get(0) + ", '" + shard.get(1) + "', " + shard.get(2) + ", '"
                + target.get(0) + "', " + target.get(1) + ", shard_transfer_mode => 'block_writes')");
        // The moved placement lost its trigger: the check names it.
        List<PlacementResult> lost = check(SEED).stream().filter(r -> !r.success()).toList();
        assertEquals(1, lost.size());
        assertEquals(Long.parseLong(shard.get(0)), lost.get(0).shardId());
        assertEquals("no enabled audit trigger", lost.get(0).result());
        assertEquals(target.get(0) + ":" + target.get(1), lost.get(0).address());

        apply(SEED, TriggerMode.PLACEMENT);
        assertTrue(check(SEED).stream().allMatch(PlacementResult::success));
        db.execute("TRUNCATE shard6.account_hist", INSERT_ACCOUNTS.formatted(1, 100));
        assertEquals("100", db.single("SELECT count(*) FROM shard6.account_hist"));

        // Back to native: the placement triggers go, or each change would be recorded twice.
        apply(SEED, TriggerMode.NATIVE);
        db.execute("TRUNCATE shard6.account_hist", "DELETE FROM shard6.account");
        assertEquals("100", db.single("SELECT count(*) FROM shard6.account_hist"));
    }

    @Test
    void aFailingPlacementFailsTheBuildAndIsNamed() throws SQLException {
        apply(SEED, TriggerMode.PLACEMENT);
        List<String> shard = db.query("SELECT shardid, nodename || ':' || nodeport FROM citus_shards"
                + " WHERE table_name = 'shard6.account'::regclass ORDER BY shardid LIMIT 1").get(0);
        // Drift on one worker: the shard's function dropped there behind Citus' back, and its trigger with it.
        db.execute("SELECT run_command_on_placements('shard6.account', $o$DO $x$ BEGIN IF '%1$s' LIKE '%%_" + shard.get(0)
                + "' THEN SET LOCAL citus.enable_ddl_propagation = off; DROP FUNCTION shard6.account_audit_" + shard.get(0)
                + "() CASCADE; END IF; END $x$$o$)");
        DatabaseException e = org.junit.jupiter.api.Assertions.assertThrows(DatabaseException.class, () -> apply(SEED, TriggerMode.PLACEMENT));
        assertTrue(e.getMessage().contains("audit triggers of shard6.account failed on these shard placements:"), e.getMessage());
        assertTrue(e.getMessage().contains(shard.get(1) + " shards " + shard.get(0) + "/"), e.getMessage());
        assertTrue(e.getMessage().contains("no audit function for shard shard6.account_" + shard.get(0)), e.getMessage());
    }

    @Test
    void applyPutsBackANativeTriggerDroppedOnOneShard() throws SQLException {
        apply(SEED);
        List<String> shard = db.query("SELECT shardid, nodename || ':' || nodeport FROM citus_shards"
                + " WHERE table_name = 'shard6.account'::regclass ORDER BY shardid DESC LIMIT 1").get(0);
        dropNativeTriggerOnShard(db, shard.get(0));
        List<PlacementResult> lost = check(SEED).stream().filter(r -> !r.success()).toList();
        assertEquals(1, lost.size());
        assertEquals(shard.get(1), lost.get(0).address());
        apply(SEED);
        assertTrue(check(SEED).stream().allMatch(PlacementResult::success));
    }

    /** Drift behind Citus' back: one shard's native trigger dropped on its worker. */
    @Test
    void theTableCanBeReadAsOfATimeOnCitus() throws SQLException {
        apply(SEED);
        AsOf.check(db);
    }

    @Test
    void uninstallRemovesBothModesEverywhereAndKeepsHistory() throws SQLException {
        apply(SEED, TriggerMode.PLACEMENT);
        db.execute(INSERT_ACCOUNTS.formatted(1, 10));
        PlainPostgresApplyTest.uninstall(cluster.coordinator(), SEED);
        apply(SEED, TriggerMode.NATIVE);
        PlainPostgresApplyTest.uninstall(cluster.coordinator(), SEED);
        PlainPostgresApplyTest.uninstall(cluster.coordinator(), SEED);
        assertEquals("0", db.single("SELECT count(*) FROM pg_proc WHERE proname LIKE 'account\\_audit%'"));
        assertEquals(List.of(List.of("true", "0", "32")), db.query("SELECT success::text, result, count(*) FROM run_command_on_placements("
                + "'shard6.account', $$SELECT count(*) FROM pg_trigger WHERE tgrelid = '%s'::regclass AND NOT tgisinternal"
                + " AND tgname LIKE 'account_audit%%'$$) GROUP BY 1, 2"));
        db.execute("DELETE FROM shard6.account");
        assertEquals("10", db.single("SELECT count(*) FROM shard6.account_hist"));
    }

    private static List<PlacementResult> check(File spec) throws SQLException {
        try (java.sql.Connection connection = new Database(cluster.coordinator()).connect()) {
            return new PlacementTriggers().check(connection, new io.github.citusaudit.spec.SpecReader().read(spec.toPath()));
        }
    }

    private static void apply(File spec) {
        apply(spec, null);
    }

    private static void apply(File spec, TriggerMode mode) {
        new ApplyCommand(Console.system()).run(new Requests.Apply(spec, null, cluster.coordinator(), mode, false, "30s"));
    }

    private static int branches(String function) throws SQLException {
        return StaticBranches.count(db.single("SELECT prosrc FROM pg_proc WHERE proname = '" + function + "'"));
    }
}
