package io.github.citusaudit.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.citusaudit.core.ApplyCommand;
import io.github.citusaudit.core.Requests;
import io.github.citusaudit.core.VerifyCommand;
import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.report.Console;

/** Tier 2: faults on a real Citus cluster the tests started (so they can stop a worker). */
class CitusFaultsTest extends CitusTestSupport {

    private static final File SEED = new File("src/examples/seed/citus-audit.yaml");

    @BeforeEach
    void requireNodesTheTestsCanStop() {
        assumeTrue(cluster.local().isPresent(), "the cluster was not started by the tests, so no worker can be stopped");
    }

    @Test
    void aStoppedWorkerFailsTheBuildNamingItAndAReRunCompletesWithNothingDoubled() throws SQLException {
        for (TriggerMode mode : TriggerMode.values()) {
            CitusCluster.dropTestSchemas(db);
            apply(mode);
            db.execute("INSERT INTO shard6.account (client_id, account_name, account_type, status, version)"
                    + " SELECT g, 'x', 1, 1, 1 FROM generate_series(1, 50) g");
            // Something for apply to do on the workers: the audit objects are gone.
            new io.github.citusaudit.core.DropCommand(Console.system()).run(new Requests.Drop(SEED, null, cluster.coordinator(), false, "30s"));
            LocalCitus nodes = cluster.local().get();
            nodes.stopWorker(1);
            try {
                ApplyException e = assertThrows(ApplyException.class, () -> apply(mode));
                assertTrue(e.getMessage().contains("127.0.0.1:" + nodes.workerPort(1)), "mode " + mode + ": " + e.getMessage());
            } finally {
                nodes.startWorker(1);
            }
            apply(mode);
            assertTrue(new VerifyCommand(Console.system()).run(new Requests.Verify(SEED, null, cluster.coordinator(), mode, null, true))
                    .passed(), "mode " + mode);
            db.execute("TRUNCATE shard6.account_hist", "UPDATE shard6.account SET status = 2", "DELETE FROM shard6.account");
            assertEquals(List.of(List.of("DELETE", "50"), List.of("UPDATE", "50")),
                    db.query("SELECT operation, count(*) FROM shard6.account_hist GROUP BY 1 ORDER BY 1"), "mode " + mode);
        }
    }

    @Test
    void aLongTransactionMakesApplyGiveUpAfterLockTimeout() throws SQLException {
        apply(null);
        db.execute("SET citus.enable_unsafe_triggers = on; DROP TRIGGER account_audit ON shard6.account");
        try (Connection holder = new Database(cluster.coordinator()).connect(); Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("INSERT INTO shard6.account (client_id, account_name, account_type, status, version) VALUES (1, 'x', 1, 1, 1)");
            long start = System.nanoTime();
            ApplyException e = assertThrows(ApplyException.class, () -> new ApplyCommand(Console.system())
                    .run(new Requests.Apply(SEED, null, cluster.coordinator(), null, false, "500ms")));
            assertTrue(e.getMessage().contains("gave up waiting for a lock after citus-audit.lockTimeout"), e.getMessage());
            assertTrue((System.nanoTime() - start) / 1_000_000 < 30_000);
            holder.rollback();
        }
        apply(null);
    }

    private static void apply(TriggerMode mode) {
        new ApplyCommand(Console.system()).run(new Requests.Apply(SEED, null, cluster.coordinator(), mode, false, "30s"));
    }
}
