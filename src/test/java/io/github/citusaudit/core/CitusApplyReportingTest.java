package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.citusaudit.db.Database;
import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.report.ApplyReport;
import io.github.citusaudit.testing.CitusTestSupport;
import io.github.citusaudit.testing.LocalWorker;
import io.github.citusaudit.testing.TestDatabase;
import io.github.citusaudit.testing.RecordingConsole;

/**
 * Tier 2: on a real Citus cluster, apply says what each step did (the distribution, the triggers on
 * every placement, the branches a split adds) and a dry run, in a transaction Citus rolls back on
 * every node, foretells it without changing anything.
 */
class CitusApplyReportingTest extends CitusTestSupport {

    private static final File SEED = new File("src/examples/seed/citus-audit.yaml");
    /** What a dry run must leave alone, on the coordinator and the workers. */
    private static final String STATE = "SELECT (SELECT count(*) FROM pg_dist_partition WHERE logicalrelid::text LIKE 'shard6.%'),"
            + " (SELECT count(*) FROM pg_dist_shard WHERE logicalrelid::text LIKE 'shard6.%'),"
            + " (SELECT string_agg(p.proname || ':' || p.xmin, ',' ORDER BY p.proname) FROM pg_proc p"
            + "   WHERE p.pronamespace::regnamespace::text = 'shard6'),"
            + " (SELECT string_agg(t.tgname || ':' || t.xmin, ',' ORDER BY t.tgname) FROM pg_trigger t"
            + "   WHERE t.tgrelid::regclass::text LIKE 'shard6.%'),"
            + " (SELECT string_agg(result, '|' ORDER BY nodeport) FROM run_command_on_workers($$SELECT count(*) || '/'"
            + "   || (SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'account_audit%') FROM pg_class"
            + "   WHERE relnamespace::regnamespace::text = 'shard6'$$))";

    @TempDir
    Path temp;

    @Test
    void applySaysWhatItDidOnEveryPlacementAndADryRunForetoldIt() throws SQLException {
        List<List<String>> before = db.query(STATE);
        ApplyReport dry = apply(SEED, TriggerMode.NATIVE, true, null);
        assertEquals(before, db.query(STATE), "the dry run changed the cluster");

        ApplyReport applied = apply(SEED, TriggerMode.NATIVE, false, null);
        List<String> changes = ApplyReportingTest.changes(applied);
        assertTrue(changes.contains("shard6.account: distribution -> created (shard6.account distributed: hash by client_id,"
                + " 32 shards)"), String.join("\n", changes));
        assertTrue(changes.contains("shard6.account: history distribution -> created (shard6.account_hist distributed: hash by"
                + " client_id, 32 shards)"), String.join("\n", changes));
        assertTrue(changes.contains("shard6.account: trigger function -> created (function shard6.account_audit() with 32 branches)"),
                String.join("\n", changes));
        assertTrue(changes.contains("shard6.account: trigger -> created (trigger account_audit on shard6.account; trigger created on"
                + " 32 placements (32 of 32 have it))"), String.join("\n", changes));
        // The dry run named the same steps with the same outcome; only the placements it could not see differ.
        assertEquals(changes.stream().map(c -> c.replace("; trigger created on 32 placements (32 of 32 have it)", "")).toList(),
                ApplyReportingTest.changes(dry));

        assertEquals("nothing to do: all " + applied.steps().size() + " steps unchanged",
                apply(SEED, TriggerMode.NATIVE, false, null).countLine());
        assertEquals("nothing to do: all " + applied.steps().size() + " steps unchanged (dry run)",
                apply(SEED, TriggerMode.NATIVE, true, null).countLine());
    }

    @Test
    void aSplitIsReportedAsBranchesAddedAndRemoved() throws Exception {
        apply(SEED, TriggerMode.NATIVE, false, null);
        splitLastShardBlockingWrites("shard6.account");
        List<List<String>> before = db.query(STATE);
        Path review = temp.resolve("dry-run.sql");
        ApplyReport dry = apply(SEED, TriggerMode.NATIVE, true, review.toFile());
        assertEquals(before, db.query(STATE), "the dry run changed the cluster");
        List<String> expected = List.of("shard6.account: trigger function -> changed (function body changed: 2 branches added,"
                + " 1 branch removed)");
        assertEquals(expected, ApplyReportingTest.changes(dry));
        String script = Files.readString(review);
        assertTrue(script.contains("-- [1/1] shard6.account: trigger function\nDO "), script);
        assertEquals(expected, ApplyReportingTest.changes(apply(SEED, TriggerMode.NATIVE, false, null)));
    }

    @Test
    void placementModeCountsThePlacementsItsStepsReach() throws SQLException {
        ApplyReport applied = apply(SEED, TriggerMode.PLACEMENT, false, null);
        List<String> changes = ApplyReportingTest.changes(applied);
        assertTrue(changes.contains("shard6.account: shard trigger functions -> created (32 shard functions created)"),
                String.join("\n", changes));
        assertTrue(changes.contains("shard6.account: shard placement triggers -> changed (trigger created on 32 placements"
                + " (32 of 32 have it))"), String.join("\n", changes));
        String shardId = db.single("SELECT min(shardid) FROM pg_dist_shard WHERE logicalrelid = 'shard6.account'::regclass");
        db.execute("SELECT run_command_on_placements('shard6.account', $o$DO $x$ BEGIN IF '%1$s' LIKE '%%_" + shardId
                + "' THEN DROP TRIGGER account_audit ON %1$s; END IF; END $x$$o$)");
        List<List<String>> before = db.query(STATE);
        // A dry run does not run placement commands (Citus commits each on its own): it counts the placements.
        assertEquals(List.of("shard6.account: shard placement triggers -> changed (trigger created on 1 placement (31 of 32 have it"
                + " now))"), ApplyReportingTest.changes(apply(SEED, TriggerMode.PLACEMENT, true, null)));
        assertEquals(before, db.query(STATE), "the dry run changed the cluster");
        assertEquals(List.of("shard6.account: shard placement triggers -> changed (trigger created on 1 placement (32 of 32 have"
                + " it))"), ApplyReportingTest.changes(apply(SEED, TriggerMode.PLACEMENT, false, null)));
    }

    @Test
    void aWaitOnAWorkerIsSaidAndAnInterruptCancelsItOnEveryNode() throws Exception {
        apply(SEED, TriggerMode.NATIVE, false, null);
        db.execute("SET citus.enable_unsafe_triggers = on", "DROP TRIGGER account_audit ON shard6.account");
        LocalWorker worker = cluster.worker(1);
        String shard = db.single("SELECT shard_name('shard6.account', s.shardid) FROM pg_dist_shard s JOIN pg_dist_placement p"
                + " USING (shardid) JOIN pg_dist_node n ON n.groupid = p.groupid WHERE s.logicalrelid = 'shard6.account'::regclass"
                + " AND n.nodeport = " + worker.port() + " ORDER BY s.shardid LIMIT 1");
        try (Connection blocker = new Database(worker.settings()).connect(); Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            // A transaction on the worker itself, holding a shard as a writer would: only that node knows.
            statement.execute("SET LOCAL citus.enable_manual_changes_to_shards = on");
            statement.execute("LOCK TABLE " + shard + " IN ROW EXCLUSIVE MODE");
            String blockerPid = new TestDatabase(worker.settings()).single("SELECT pid::text FROM pg_locks WHERE granted"
                    + " AND relation = '" + shard + "'::regclass AND mode = 'RowExclusiveLock'");
            RecordingConsole console = new RecordingConsole();
            ApplyCommand command = new ApplyCommand(console);
            CompletableFuture<ApplyReport> apply = CompletableFuture.supplyAsync(() -> command.run(new Requests.Apply(SEED, null,
                    cluster.coordinator(), TriggerMode.NATIVE, false, "60s")));
            String waiting = "shard6.account: trigger: waiting for a lock on a shard held by pid " + blockerPid + " on 127.0.0.1:"
                    + worker.port() + " (";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (console.containing(waiting).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(1, console.containing(waiting).size(), String.join("\n", console.lines()));
            command.interrupt();
            ExecutionException failed = assertThrows(ExecutionException.class, () -> apply.get(30, TimeUnit.SECONDS));
            assertTrue(failed.getCause().getMessage().contains("shard6.account: trigger was interrupted"), failed.getCause().getMessage());
            // No backend of the apply waits on the worker, while the blocker still holds its lock; nothing half applied.
            assertEquals("0", new TestDatabase(worker.settings()).single("SELECT count(*) FROM pg_locks WHERE NOT granted"));
            assertEquals("0", db.single("SELECT count(*) FROM pg_locks WHERE NOT granted"));
            assertEquals(List.of(List.of("true", "0")), db.query("SELECT DISTINCT success::text, result FROM run_command_on_placements("
                    + "'shard6.account', $$SELECT count(*) FROM pg_trigger WHERE tgrelid = '%s'::regclass AND NOT tgisinternal$$)"));
            blocker.rollback();
        }
        assertEquals(List.of("shard6.account: trigger -> created (trigger account_audit on shard6.account; trigger created on"
                + " 32 placements (32 of 32 have it))"), ApplyReportingTest.changes(apply(SEED, TriggerMode.NATIVE, false, null)));
    }

    private static ApplyReport apply(File spec, TriggerMode mode, boolean dryRun, File dryRunOutput) {
        return new ApplyCommand(new RecordingConsole()).run(new Requests.Apply(spec, null, cluster.coordinator(), mode, dryRun, "10s",
                List.of(), dryRunOutput));
    }
}
