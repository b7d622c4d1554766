package io.github.citusaudit.catalog;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.github.citusaudit.db.ServerInfo;
import io.github.citusaudit.spec.AuditSpec;
import io.github.citusaudit.spec.SpecReader;

/** Apply and verify stop on a Citus that has no single-shard tables when the spec has some; hash tables go on. */
class ExistingDistributionTest {

    private static final ServerInfo CITUS_11 = new ServerInfo("15.4", "11.3-1");

    @Test
    void aSpecWithSingleShardTablesStopsOnCitusBefore12() {
        AuditSpec spec = new SpecReader().read(Path.of("src/test/resources/specs/tenant-schema.yaml"));
        DriftException e = assertThrows(DriftException.class, () -> ExistingDistribution.requireSingleShardTables(CITUS_11, spec));
        assertTrue(e.getMessage().startsWith("single-shard tables and distributed schemas need Citus 12 or later; this server"
                + " is PostgreSQL 15.4, Citus 11.3-1, so tenant_a.orders, tenant_a.items cannot be made single-shard"), e.getMessage());
    }

    @Test
    void hashTablesGoOnOnCitusBefore12AndSingleShardTablesFrom12() {
        AuditSpec seed = new SpecReader().read(Path.of("src/examples/seed/citus-audit.yaml"));
        assertDoesNotThrow(() -> ExistingDistribution.requireSingleShardTables(CITUS_11, seed));
        AuditSpec singleShard = new SpecReader().read(Path.of("src/test/resources/specs/single-shard.yaml"));
        assertDoesNotThrow(() -> ExistingDistribution.requireSingleShardTables(new ServerInfo("15.4", "12.1-1"), singleShard));
    }
}
