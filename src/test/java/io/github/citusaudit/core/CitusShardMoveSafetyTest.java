package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.citusaudit.report.Console;
import io.github.citusaudit.testing.CitusTestSupport;
import io.github.citusaudit.testing.RecordingConsole;
import io.github.citusaudit.testing.TestDatabase;

/**
 * Tier 2: verify warns while a node holding shards commits asynchronously, the setting under which
 * Citus' non-blocking shard moves lose writes committed just before their switch-over (measured by
 * CitusTopologyCompletenessTest's loss hunt); it names the node, and says nothing once it is on.
 */
class CitusShardMoveSafetyTest extends CitusTestSupport {

    private static final String WARNING = "synchronous_commit = off on ";

    @Test
    void verifyNamesTheWorkerThatCommitsAsynchronously() throws SQLException {
        assumeTrue(cluster.workersReachable(), "needs a connection to a worker itself: " + cluster.source());
        TestDatabase worker = new TestDatabase(cluster.workerSettings(1));
        String address = db.single("SELECT nodename || ':' || nodeport FROM pg_dist_node WHERE nodeport = "
                + worker.single("SELECT inet_server_port()") + " AND noderole = 'primary'");
        new ApplyCommand(Console.system()).run(new Requests.Apply(HistoryContentTest.TRUST, null, cluster.coordinator(), null, false, "30s"));
        assertEquals(List.of(), verifyWarnings(), "the test cluster commits synchronously");
        try {
            // A worker refuses ALTER DATABASE (Citus propagates it from the coordinator); its own configuration it takes.
            worker.execute("ALTER SYSTEM SET synchronous_commit = off", "SELECT pg_reload_conf()");
            awaitSetting(worker, "off");
            List<String> warnings = verifyWarnings();
            assertEquals(1, warnings.size(), String.join("\n", warnings));
            assertEquals("WARNING: " + WARNING + address + ": a non-blocking shard move, rebalance or drain (shard_transfer_mode"
                    + " auto or force_logical) can lose writes committed just before its switch-over, with their history rows;"
                    + " turn it on for the move or use shard_transfer_mode => 'block_writes' (README, \"Citus operations on an"
                    + " audited table\")", warnings.get(0));
        } finally {
            worker.execute("ALTER SYSTEM RESET synchronous_commit", "SELECT pg_reload_conf()");
            awaitSetting(worker, "on");
        }
        assertEquals(List.of(), verifyWarnings(), "reset on the worker");
    }

    /** pg_reload_conf() only signals the postmaster: a new session sees the file once it has read it. */
    private static void awaitSetting(TestDatabase worker, String value) throws SQLException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!value.equals(worker.single("SHOW synchronous_commit"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the worker's synchronous_commit did not become " + value + " within 10 s");
            }
            Thread.onSpinWait();
        }
    }

    private static List<String> verifyWarnings() {
        RecordingConsole console = new RecordingConsole();
        new VerifyCommand(console).run(new Requests.Verify(HistoryContentTest.TRUST, null, cluster.coordinator(), null, null, true));
        return console.containing(WARNING);
    }
}
