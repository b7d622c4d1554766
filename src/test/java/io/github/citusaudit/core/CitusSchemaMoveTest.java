package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.citusaudit.report.Console;
import io.github.citusaudit.report.VerifyReport;
import io.github.citusaudit.testing.CitusTestSupport;
import io.github.citusaudit.testing.OracleWorkload;

/**
 * Tier 2: a distributed schema moved to another node (citus_schema_move) while clients write keeps
 * its history complete: the native trigger travels with the shard, the history shard moves with it
 * (one colocation group), and the function's one branch still names the right shards. No apply is
 * needed after the moves: verify passes as it is.
 */
class CitusSchemaMoveTest extends CitusTestSupport {

    @BeforeEach
    void requireSingleShardTables() throws SQLException {
        assumeSingleShardTables();
    }


    private static final File SPEC = new File("src/test/resources/specs/completeness-schema.yaml");
    private static final int CLIENTS = 4;
    private static final int OPERATIONS_PER_CLIENT = 1_500;

    @TempDir
    Path reports;

    @Test
    void movingTheSchemaThereAndBackWhileClientsWriteLosesAndDoublesNothing() throws Exception {
        new ApplyCommand(Console.system()).run(new Requests.Apply(SPEC, null, cluster.coordinator(), null, false, "30s"));
        assertEquals("schema", db.single("SELECT citus_table_type FROM citus_tables WHERE table_name = 'oracle.ledger'::regclass"));
        OracleWorkload workload = new OracleWorkload(cluster.coordinator());
        List<String> nodes = new ArrayList<>(List.of(schemaNode()));
        AtomicReference<Throwable> moverFailure = new AtomicReference<>();
        Thread mover = new Thread(() -> moveTwiceWhileRunning(workload, nodes));
        mover.setUncaughtExceptionHandler((thread, e) -> moverFailure.set(e));
        mover.start();
        List<OracleWorkload.Row> expected = workload.run(CLIENTS, OPERATIONS_PER_CLIENT, 20261201L);
        mover.join();
        assertEquals(null, moverFailure.get());
        assertEquals(3, nodes.size(), "two moves happened during the run: " + nodes);
        assertNotEquals(nodes.get(0), nodes.get(1));
        assertNotEquals(nodes.get(1), nodes.get(2));

        List<OracleWorkload.Row> history = OracleWorkload.history(db);
        Map<OracleWorkload.Row, Integer> difference = OracleWorkload.difference(expected, history);
        System.out.println("[schema move] " + workload.done() + " operations, " + workload.failed() + " failed, "
                + expected.size() + " expected history rows, " + history.size() + " found, " + difference.size() + " differences");
        assertTrue(difference.isEmpty(), "history differs from the oracle (+ surplus, - missing): " + difference);
        assertEquals(CLIENTS * OPERATIONS_PER_CLIENT, workload.done());
        assertEquals(String.valueOf(history.size()), db.single("SELECT count(DISTINCT hid) FROM oracle.ledger_hist"));
        VerifyReport report = new VerifyCommand(Console.system()).run(new Requests.Verify(SPEC, null, cluster.coordinator(),
                null, reports.toFile(), false));
        assertTrue(report.passed(), String.join("\n", report.lines()));
    }

    /** The node that holds the schema: its tables, history included, are all on one. */
    private static String schemaNode() throws SQLException {
        List<List<String>> nodes = db.query("SELECT DISTINCT nodename, nodeport::text FROM citus_shards"
                + " WHERE table_name::text LIKE 'oracle.%'");
        assertEquals(1, nodes.size(), "one node holds the schema: " + nodes);
        return nodes.get(0).get(0) + ":" + nodes.get(0).get(1);
    }

    /** Moves the schema to the other worker at 30% of the run and back at 70%, blocking writes meanwhile. */
    private static void moveTwiceWhileRunning(OracleWorkload workload, List<String> nodes) {
        int total = CLIENTS * OPERATIONS_PER_CLIENT;
        try {
            for (int percent : new int[] {30, 70}) {
                while (workload.done() < total * percent / 100) {
                    Thread.sleep(20);
                }
                String from = nodes.get(nodes.size() - 1);
                List<String> target = db.query("SELECT nodename, nodeport::text FROM pg_dist_node WHERE shouldhaveshards"
                        + " AND nodename || ':' || nodeport <> '" + from + "' ORDER BY nodeid LIMIT 1").get(0);
                db.execute("SELECT citus_schema_move('oracle', '" + target.get(0) + "', " + target.get(1)
                        + ", shard_transfer_mode => 'block_writes')");
                nodes.add(schemaNode());
            }
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException("moving the schema during the run failed: " + e.getMessage(), e);
        }
    }
}
