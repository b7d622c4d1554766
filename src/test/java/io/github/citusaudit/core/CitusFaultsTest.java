package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.citusaudit.db.ConnectionSettings;
import io.github.citusaudit.db.Database;
import io.github.citusaudit.db.DatabaseException;
import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.testing.CitusCluster;
import io.github.citusaudit.testing.CitusTestSupport;
import io.github.citusaudit.testing.LocalWorker;

/** Tier 2: faults on a real Citus cluster (stopping a worker needs one the tests started here). */
class CitusFaultsTest extends CitusTestSupport {

    private static final File SEED = new File("src/examples/seed/citus-audit.yaml");

    /** The faults that stop a worker or hold one of its shards find it by port and stop it with pg_ctl. */
    private static void requireNodesTheTestsCanStop() {
        assumeTrue(cluster.nodesAreLocal(),
                "stops workers with pg_ctl and finds them by port: needs a cluster the tests started on this machine, not " + cluster.source());
    }

    /**
     * A worker stops while apply is at its trigger step (held there by a session on the table, so the
     * earlier steps have committed): the build fails naming the worker, and a re-run after it is back
     * completes with nothing doubled.
     */
    @Test
    void aWorkerStoppedMidApplyFailsTheBuildNamingItAndAReRunCompletesWithNothingDoubled() throws Exception {
        requireNodesTheTestsCanStop();
        for (TriggerMode mode : TriggerMode.values()) {
            prepareWorkForApply(mode);
            LocalWorker worker = cluster.worker(1);
            ExecutorService applying = Executors.newSingleThreadExecutor();
            try (Connection holder = holdAShardOnWorker1()) {
                Future<?> apply = applying.submit(() -> apply(mode));
                applySessionAtTheTriggerStep(apply);
                worker.stop();
                ExecutionException failure = assertThrows(ExecutionException.class, () -> apply.get(60, TimeUnit.SECONDS));
                assertTrue(failure.getCause() instanceof DatabaseException, "mode " + mode + ": " + failure.getCause());
                String message = failure.getCause().getMessage();
                System.out.println("[faults] worker " + worker.port() + " stopped mid-apply, mode " + mode + ": " + message);
                assertTrue(message.contains("127.0.0.1:" + worker.port()), "mode " + mode + ": " + message);
            } finally {
                worker.start();
                applying.shutdownNow();
            }
            apply(mode);
            assertCompleteWithNothingDoubled(mode);
        }
    }

    /**
     * A transaction that wrote to the table and stays open: apply, with work to do on it, gives up
     * after lockTimeout with a clear message instead of queueing (and so blocking every writer
     * behind it), in both modes; once the transaction ends apply completes.
     */
    @Test
    void aLongTransactionMakesApplyGiveUpAfterLockTimeout() throws SQLException {
        for (TriggerMode mode : TriggerMode.values()) {
            prepareWorkForApply(mode);
            try (Connection holder = new Database(cluster.coordinator()).connect(); Statement s = holder.createStatement()) {
                holder.setAutoCommit(false);
                s.execute("INSERT INTO shard6.account (client_id, account_name, account_type, status, version) VALUES (1, 'x', 1, 1, 1)");
                long start = System.nanoTime();
                DatabaseException e = assertThrows(DatabaseException.class, () -> new ApplyCommand(Console.system())
                        .run(new Requests.Apply(SEED, null, cluster.coordinator(), mode, false, "500ms")));
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.println("[faults] long transaction, mode " + mode + ": apply gave up after " + millis + " ms: " + e.getMessage());
                assertTrue(e.getMessage().contains("gave up waiting for a lock after citus-audit.lockTimeout"), e.getMessage());
                assertTrue(millis < 30_000, "mode " + mode + ": " + millis + " ms");
                holder.rollback();
            }
            apply(mode);
            assertCompleteWithNothingDoubled(mode);
        }
    }

    /**
     * The plugin's coordinator session is terminated while apply waits on a table another session
     * holds (so the cut falls mid-apply, after the earlier steps committed): the build fails saying the
     * connection was lost, and a re-run completes with one trigger per shard and nothing recorded twice.
     */
    @Test
    void aCoordinatorConnectionDroppedMidApplyFailsClearlyAndAReRunCompletesWithNothingDoubled() throws Exception {
        requireNodesTheTestsCanStop();
        for (TriggerMode mode : TriggerMode.values()) {
            prepareWorkForApply(mode);
            ExecutorService applying = Executors.newSingleThreadExecutor();
            try (Connection holder = holdAShardOnWorker1()) {
                Future<?> apply = applying.submit(() -> apply(mode));
                String terminated = applySessionAtTheTriggerStep(apply);
                assertEquals("t", db.single("SELECT pg_terminate_backend(" + terminated + ")"));
                ExecutionException failure = assertThrows(ExecutionException.class, () -> apply.get(60, TimeUnit.SECONDS));
                holder.rollback();
                assertTrue(failure.getCause() instanceof DatabaseException, "mode " + mode + ": " + failure.getCause());
                String message = failure.getCause().getMessage();
                System.out.println("[faults] coordinator session " + terminated + " terminated mid-apply, mode " + mode + ": " + message);
                assertTrue(message.contains("lost the connection to") && message.contains("apply again"),
                        "mode " + mode + ", session " + terminated + ": " + message);
            } finally {
                applying.shutdownNow();
            }
            apply(mode);
            assertCompleteWithNothingDoubled(mode);
        }
    }

    /** Two applies at once, in each mode: they take turns (advisory lock); both succeed; one trigger per shard. */
    @Test
    void twoAppliesAtOnceAreSerialisedAndBothSucceed() throws Exception {
        for (TriggerMode mode : TriggerMode.values()) {
            CitusCluster.dropTestSchemas(db);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<?> first = pool.submit(() -> apply(mode));
                Future<?> second = pool.submit(() -> apply(mode));
                first.get(120, TimeUnit.SECONDS);
                second.get(120, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            assertTrue(new VerifyCommand(Console.system()).run(new Requests.Verify(SEED, null, cluster.coordinator(), mode, null, true))
                    .passed(), "mode " + mode);
            db.execute("INSERT INTO shard6.account (client_id, account_name, account_type, status, version)"
                    + " SELECT g, 'x', 1, 1, 1 FROM generate_series(1, 64) g");
            assertEquals("64", db.single("SELECT count(*) FROM shard6.account_hist"), "mode " + mode + ": nothing recorded twice");
        }
    }

    /** Installed, with 50 rows, then the audit objects dropped: something for apply to do on every node. */
    private static void prepareWorkForApply(TriggerMode mode) throws SQLException {
        CitusCluster.dropTestSchemas(db);
        apply(mode);
        db.execute("INSERT INTO shard6.account (client_id, account_name, account_type, status, version)"
                + " SELECT g, 'x', 1, 1, 1 FROM generate_series(1, 50) g");
        new io.github.citusaudit.core.DropCommand(Console.system()).run(new Requests.Drop(SEED, null, cluster.coordinator(), false, "30s"));
    }

    /** Verify passes, and each change of the 50 rows is recorded exactly once. */
    private static void assertCompleteWithNothingDoubled(TriggerMode mode) throws SQLException {
        assertTrue(new VerifyCommand(Console.system()).run(new Requests.Verify(SEED, null, cluster.coordinator(), mode, null, true))
                .passed(), "mode " + mode);
        db.execute("TRUNCATE shard6.account_hist", "UPDATE shard6.account SET status = 2", "DELETE FROM shard6.account");
        assertEquals(List.of(List.of("DELETE", "50"), List.of("UPDATE", "50")),
                db.query("SELECT operation, count(*) FROM shard6.account_hist GROUP BY 1 ORDER BY 1"), "mode " + mode);
    }

    /**
     * A session on worker 1 holding one of its shards of shard6.account in SHARE mode: apply's trigger
     * step (a CREATE TRIGGER reaching the shard, in either mode) waits there, after every earlier step
     * has committed. Closing the connection lets it go (if the worker is still up).
     */
    private static Connection holdAShardOnWorker1() throws SQLException {
        int port = cluster.worker(1).port();
        String shard = db.single("SELECT shard_name(logicalrelid, shardid) FROM (SELECT s.shardid, s.logicalrelid FROM pg_dist_shard s"
                + " JOIN pg_dist_placement p USING (shardid) JOIN pg_dist_node n USING (groupid)"
                + " WHERE s.logicalrelid = 'shard6.account'::regclass AND n.nodeport = " + port + " ORDER BY s.shardid LIMIT 1) x");
        ConnectionSettings coordinator = cluster.coordinator();
        Connection holder = new Database(new ConnectionSettings(coordinator.url().replaceFirst(":\\d+/", ":" + port + "/"),
                coordinator.user(), coordinator.password())).connect();
        holder.setAutoCommit(false);
        try (Statement s = holder.createStatement()) {
            // Citus guards shards against sessions of users; this one only takes a lock.
            s.execute("SET LOCAL citus.enable_manual_changes_to_shards = on");
            s.execute("LOCK TABLE " + shard + " IN SHARE MODE");
        }
        return holder;
    }

    /** Waits until apply's trigger step waits for the held shard; the pid of the plugin's coordinator session. */
    private static String applySessionAtTheTriggerStep(Future<?> apply) throws SQLException, InterruptedException {
        int port = cluster.worker(1).port();
        String waitingOnTheWorker = "SELECT count(*) FROM run_command_on_workers($$SELECT count(*) FROM pg_stat_activity"
                + " WHERE wait_event_type = 'Lock' AND query ILIKE '%TRIGGER%'$$) WHERE nodeport = " + port + " AND result <> '0'";
        for (int attempt = 0; attempt < 600 && !apply.isDone(); attempt++) {
            if (!"0".equals(db.single(waitingOnTheWorker))) {
                List<List<String>> sessions = db.query("SELECT pid FROM pg_stat_activity WHERE application_name = 'citus-audit'"
                        + " AND state = 'active' AND pid <> pg_backend_pid()");
                assertEquals(1, sessions.size(), "one apply session on the coordinator: " + sessions);
                return sessions.get(0).get(0);
            }
            Thread.sleep(50);
        }
        if (apply.isDone()) {
            try {
                apply.get();
                throw new AssertionError("apply completed without waiting on the held shard");
            } catch (ExecutionException e) {
                throw new AssertionError("apply failed before waiting on the held shard: " + e.getCause(), e.getCause());
            }
        }
        throw new AssertionError("apply never waited on the held shard");
    }

    private static void apply(TriggerMode mode) {
        new ApplyCommand(Console.system()).run(new Requests.Apply(SEED, null, cluster.coordinator(), mode, false, "30s"));
    }
}
