package io.github.citusaudit.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.sql.SQLException;

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
    protected static void dropNativeTriggerOnShard(TestDatabase db, String shardId) throws SQLException {
        db.execute("SELECT run_command_on_placements('shard6.account', $o$DO $x$ BEGIN IF '%1$s' LIKE '%%_" + shardId
                + "' THEN DROP TRIGGER account_audit_" + shardId + " ON %1$s; END IF; END $x$$o$)");
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
