package io.github.citusaudit.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import io.github.citusaudit.catalog.DriftException;
import io.github.citusaudit.core.Requests;
import io.github.citusaudit.core.VerifyCommand;
import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.report.VerifyReport;

/**
 * What every tier-2 test class shares: the one cluster of the run, and a clean start for each
 * test. Without a cluster, each test is reported skipped with the reason.
 */
public abstract class CitusTestSupport {

    protected static CitusCluster cluster;
    protected static TestDatabase db;

    @BeforeAll
    public static void connectToTheCluster() {
        cluster = CitusCluster.get().orElse(null);
        db = cluster == null ? null : new TestDatabase(cluster.coordinator());
        if (cluster != null) {
            System.out.println("[citus-audit tier 2] using " + cluster.source());
        }
    }

    @BeforeEach
    void requireTheClusterAndDropTestSchemas() throws SQLException {
        assumeTrue(cluster != null, () -> CitusCluster.unavailableReason());
        CitusCluster.dropTestSchemas(db);
    }

    /** Drops the native audit trigger on one shard placement behind Citus' back, as drift would. */
    /** Single-shard tables and distributed schemas came with Citus 12: their tests skip before it, saying so. */
    protected static void assumeSingleShardTables() throws SQLException {
        String version = db.single("SELECT extversion FROM pg_extension WHERE extname = 'citus'");
        assumeTrue(Integer.parseInt(version.replaceAll("^(\\d+).*", "$1")) >= 12,
                () -> "Citus " + version + " has no single-shard tables or distributed schemas (Citus 12 and later)");
    }

    protected static void dropNativeTriggerOnShard(TestDatabase db, String shardId) throws SQLException {
        db.execute("SELECT run_command_on_placements('shard6.account', $o$DO $x$ BEGIN IF '%1$s' LIKE '%%_" + shardId
                + "' THEN DROP TRIGGER account_audit_" + shardId + " ON %1$s; END IF; END $x$$o$)");
    }

    /**
     * Moves the first shard of a table (and its colocated shards) to another node that holds shards,
     * blocking writes meanwhile; returns the shard moved.
     */
    protected static String moveFirstShardBlockingWrites(String table) throws SQLException {
        List<String> first = db.query("SELECT shardid, nodename, nodeport FROM citus_shards WHERE table_name = '" + table
                + "'::regclass ORDER BY shardid LIMIT 1").get(0);
        // nodes by name and port: in Docker every worker listens on 5432
        List<String> target = db.query("SELECT nodename, nodeport FROM pg_dist_node WHERE shouldhaveshards"
                + " AND (nodename, nodeport) <> ('" + first.get(1) + "', " + first.get(2) + ") LIMIT 1").get(0);
        db.execute("SELECT citus_move_shard_placement(" + first.get(0) + ", '" + first.get(1) + "', " + first.get(2) + ", '"
                + target.get(0) + "', " + target.get(1) + ", shard_transfer_mode => 'block_writes')");
        return first.get(0);
    }

    /** Splits the last shard of a table (and its colocated shards) in the middle of its hash range, blocking writes meanwhile. */
    protected static void splitLastShardBlockingWrites(String table) throws SQLException {
        List<String> last = db.query("SELECT shardid, shardminvalue, shardmaxvalue FROM pg_dist_shard WHERE logicalrelid = '"
                + table + "'::regclass ORDER BY shardid DESC LIMIT 1").get(0);
        long middle = Long.parseLong(last.get(1)) + (Long.parseLong(last.get(2)) - Long.parseLong(last.get(1))) / 2;
        String nodeIds = db.single("SELECT string_agg(nodeid::text, ',') FROM (SELECT nodeid FROM pg_dist_node"
                + " WHERE shouldhaveshards ORDER BY nodeid LIMIT 2) n");
        db.execute("SELECT citus_split_shard_by_split_points(" + last.get(0) + ", ARRAY['" + middle + "'], ARRAY[" + nodeIds
                + "], shard_transfer_mode => 'block_writes')");
    }

    /** verify of the spec in native mode on the cluster; drift fails the test with verify's message. */
    protected static VerifyReport verifyNative(File spec) {
        try {
            return new VerifyCommand(Console.system()).run(new Requests.Verify(spec, null, cluster.coordinator(), TriggerMode.NATIVE,
                    null, true));
        } catch (DriftException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
