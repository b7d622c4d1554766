package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.citusaudit.db.ConnectionSettings;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.testing.CitusTestSupport;
import io.github.citusaudit.testing.OracleWorkload;
import io.github.citusaudit.testing.PlacementContents;
import io.github.citusaudit.testing.TestDatabase;

/**
 * Tier 2, the completeness test on a reference table: clients on the coordinator and on each worker
 * make random INSERT/UPDATE/DELETE; the history must equal the oracle the clients kept (nothing
 * lost, nothing doubled), read the same through every node, and every replica of the table and
 * every placement of its history must hold the same rows.
 */
class CitusReferenceCompletenessTest extends CitusTestSupport {

    private static final File SPEC = new File("src/test/resources/specs/completeness-reference.yaml");
    /** Every change to a reference table is made on every node and serialised: fewer than the hash test's. */
    private static final int CLIENTS = 6;
    private static final int OPERATIONS_PER_CLIENT = 500;

    @Test
    void theHistoryEqualsTheOracleWhicheverNodeTheClientsWriteThroughAndEveryReplicaAgrees() throws Exception {
        assumeTrue(cluster.workersReachable(), "needs connections to the workers themselves, which a CITUS_URL cluster does not give");
        new ApplyCommand(Console.system()).run(new Requests.Apply(SPEC, null, cluster.coordinator(), null, false, "30s"));
        List<ConnectionSettings> nodes = List.of(cluster.coordinator(), cluster.workerSettings(1), cluster.workerSettings(2));
        OracleWorkload workload = new OracleWorkload(nodes);
        List<OracleWorkload.Row> expected = workload.run(CLIENTS, OPERATIONS_PER_CLIENT, 20261126L);

        List<OracleWorkload.Row> history = OracleWorkload.history(db);
        Map<OracleWorkload.Row, Integer> difference = OracleWorkload.difference(expected, history);
        System.out.println("[completeness] reference: " + workload.done() + " operations, " + workload.failed() + " failed, "
                + expected.size() + " expected history rows, " + history.size() + " found, " + difference.size() + " differences");
        assertTrue(difference.isEmpty(), "history differs from the oracle (+ surplus, - missing): " + difference);
        assertEquals(CLIENTS * OPERATIONS_PER_CLIENT, workload.done());
        assertEquals(String.valueOf(history.size()), db.single("SELECT count(DISTINCT hid) FROM oracle.ledger_hist"));

        String everyRow = "SELECT hid, op, at, id, tenant, balance FROM oracle.ledger_hist ORDER BY hid";
        for (ConnectionSettings node : nodes) {
            assertEquals(db.query(everyRow), new TestDatabase(node).query(everyRow), "the history read through " + node.url());
        }
        assertEquals(1, PlacementContents.of(db, "oracle.ledger", "id").stream().distinct().count(), "the table's replicas differ");
        assertEquals(1, PlacementContents.of(db, "oracle.ledger_hist", "hid").stream().distinct().count(), "the history's differ");
    }
}
