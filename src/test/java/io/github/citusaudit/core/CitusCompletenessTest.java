package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.testing.CitusTestSupport;
import io.github.citusaudit.testing.OracleWorkload;

/**
 * Tier 2, the completeness test: 4 clients make 10,000 random INSERT/UPDATE/DELETE over 32 shards
 * while one shard is moved and another split, in each trigger mode, on a table and on a partitioned
 * table; the history must equal the oracle the clients kept: nothing lost, nothing doubled.
 */
class CitusCompletenessTest extends CitusTestSupport {

    private static final File SPEC = new File("src/test/resources/specs/completeness.yaml");
    private static final File PARTITIONED = new File("src/test/resources/specs/completeness-partitioned.yaml");
    private static final int CLIENTS = 4;
    private static final int OPERATIONS_PER_CLIENT = 2_500;

    @Test
    void nativeModeLosesAndDoublesNothingThroughAMoveAndASplit() throws Exception {
        // Native triggers travel with the shards: the clients never stop.
        runThroughAMoveAndASplit(SPEC, TriggerMode.NATIVE, 20261124L, (workload, change) -> change.run(), () -> { });
    }

    /**
     * The same on a partitioned table, where rows land in the partitions' shards: one partition per
     * client, the last made during the run (its client's inserts fail until then, leaving nothing)
     * and covered by an apply while the clients write on.
     */
    @Test
    void nativeModeOnAPartitionedTableLosesAndDoublesNothingThroughANewPartitionAMoveAndASplit() throws Exception {
        runThroughAMoveAndASplit(PARTITIONED, TriggerMode.NATIVE, 20261126L, (workload, change) -> change.run(), () -> {
            db.execute("CREATE TABLE oracle.ledger_client3 PARTITION OF oracle.ledger FOR VALUES FROM (3000000) TO (4000000)");
            apply(PARTITIONED, TriggerMode.NATIVE);
        });
    }

    /**
     * Placement mode keeps its triggers on the placements, so a move or split drops them until the
     * next apply (the mode's known limit, which native mode removes). Its procedure, documented in
     * the README: rebalance in a write pause and run apply before writes resume. The clients wait
     * meanwhile; history must still be complete.
     */
    @Test
    void placementModeLosesAndDoublesNothingWhenEachMoveAndSplitIsFollowedByApplyBeforeWritesResume() throws Exception {
        runThroughAMoveAndASplit(SPEC, TriggerMode.PLACEMENT, 20261125L, (workload, change) -> workload.pauseWritesWhile(() -> {
            change.run();
            apply(SPEC, TriggerMode.PLACEMENT);
        }), () -> { });
    }

    /**
     * Placement mode's procedure on the partitioned table. The partition made during the run needs no
     * apply: PostgreSQL clones each shard's trigger onto the new partition's shards on the same node.
     */
    @Test
    void placementModeOnAPartitionedTableLosesAndDoublesNothingThroughANewPartitionAMoveAndASplit() throws Exception {
        runThroughAMoveAndASplit(PARTITIONED, TriggerMode.PLACEMENT, 20261127L, (workload, change) -> workload.pauseWritesWhile(() -> {
            change.run();
            apply(PARTITIONED, TriggerMode.PLACEMENT);
        }), () -> db.execute("CREATE TABLE oracle.ledger_client3 PARTITION OF oracle.ledger FOR VALUES FROM (3000000) TO (4000000)"));
    }

    /** @param early a layout change made at a tenth of the run, before the move */
    private void runThroughAMoveAndASplit(File spec, TriggerMode mode, long seed, LayoutChange.Procedure procedure,
            LayoutChange early) throws Exception {
        apply(spec, mode);
        OracleWorkload workload = new OracleWorkload(cluster.coordinator());
        AtomicReference<Throwable> moverFailure = new AtomicReference<>();
        Thread mover = new Thread(() -> moveAndSplitWhileRunning(workload, procedure, early));
        mover.setUncaughtExceptionHandler((thread, e) -> moverFailure.set(e));
        String firstShardNode = firstShardNode();
        mover.start();
        List<OracleWorkload.Row> expected = workload.run(CLIENTS, OPERATIONS_PER_CLIENT, seed);
        mover.join();
        assertEquals(null, moverFailure.get());
        assertNotEquals(firstShardNode, firstShardNode(), "the move happened during the run");
        assertEquals("33", db.single("SELECT count(*) FROM pg_dist_shard WHERE logicalrelid = 'oracle.ledger'::regclass"),
                "the split happened during the run");
        List<OracleWorkload.Row> history = OracleWorkload.history(db);
        Map<OracleWorkload.Row, Integer> difference = OracleWorkload.difference(expected, history);
        System.out.println("[completeness] " + mode.name().toLowerCase(Locale.ROOT) + ", " + spec.getName() + ": " + workload.done() + " operations, "
                + workload.failed() + " failed, " + expected.size() + " expected history rows, " + history.size() + " found, "
                + difference.size() + " differences");
        assertTrue(difference.isEmpty(), "history differs from the oracle (+ surplus, - missing): " + difference);
        assertEquals(CLIENTS * OPERATIONS_PER_CLIENT, workload.done());
        assertEquals(String.valueOf(history.size()), db.single("SELECT count(DISTINCT hid) FROM oracle.ledger_hist"));
    }

    private String firstShardNode() throws SQLException {
        return db.single("SELECT nodename || ':' || nodeport FROM citus_shards WHERE table_name = 'oracle.ledger'::regclass"
                + " ORDER BY shardid LIMIT 1");
    }

    private static void apply(File spec, TriggerMode mode) {
        new ApplyCommand(Console.system()).run(new Requests.Apply(spec, null, cluster.coordinator(), mode, false, "30s"));
    }

    /** A shard move or split, and how a mode's procedure wraps it. */
    interface LayoutChange {
        void run() throws SQLException;

        interface Procedure {
            void perform(OracleWorkload workload, LayoutChange change) throws SQLException;
        }
    }

    /**
     * Makes the early change at 10% of the run, moves the first shard at 30% and splits the last one at
     * 60%, both blocking writes meanwhile.
     */
    private void moveAndSplitWhileRunning(OracleWorkload workload, LayoutChange.Procedure procedure, LayoutChange early) {
        int total = CLIENTS * OPERATIONS_PER_CLIENT;
        try {
            waitFor(workload, total / 10);
            early.run();
            waitFor(workload, total * 3 / 10);
            procedure.perform(workload, () -> moveFirstShardBlockingWrites("oracle.ledger"));
            waitFor(workload, total * 6 / 10);
            procedure.perform(workload, () -> splitLastShardBlockingWrites("oracle.ledger"));
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException("moving or splitting during the run failed: " + e.getMessage(), e);
        }
    }

    private static void waitFor(OracleWorkload workload, int operations) throws InterruptedException {
        while (workload.done() < operations) {
            Thread.sleep(20);
        }
    }
}
