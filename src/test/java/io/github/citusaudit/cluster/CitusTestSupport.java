package io.github.citusaudit.cluster;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.SQLException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every tier-2 test class shares: the one cluster of the run, and a clean start for each
 * test. Without a cluster, each test is reported skipped with the reason.
 */
abstract class CitusTestSupport {

    protected static CitusCluster cluster;
    protected static TestDatabase db;

    @BeforeAll
    static void connectToTheCluster() {
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
}
