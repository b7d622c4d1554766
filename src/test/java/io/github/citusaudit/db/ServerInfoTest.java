package io.github.citusaudit.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * Which servers hold single-shard tables and distributed schemas (Citus 12 and later; without Citus
 * they are plain tables), and which Citus releases the plugin supports at all.
 */
class ServerInfoTest {

    private static final List<String> TABLES = List.of("tenant_a.orders", "tenant_a.items");

    @Test
    void citusBefore12HasNoSingleShardTablesAndSaysWhatToDo() {
        ServerInfo citus11 = new ServerInfo("15.4", "11.3-1");
        assertFalse(citus11.hasSingleShardTables());
        assertEquals(Optional.of("single-shard tables and distributed schemas need Citus 12 or later; this server is"
                + " PostgreSQL 15.4, Citus 11.3-1, so tenant_a.orders, tenant_a.items cannot be made single-shard: upgrade"
                + " Citus, or declare them hash-distributed ('distribution: {column: ...}')"),
                citus11.cannotHoldSingleShardTables(TABLES));
        assertEquals(Optional.empty(), citus11.cannotHoldSingleShardTables(List.of()));
    }

    @Test
    void citus12AndLaterHoldThem() {
        for (String version : List.of("12.0-1", "12.1-1", "13.2-1")) {
            ServerInfo citus = new ServerInfo("15.4", version);
            assertTrue(citus.hasSingleShardTables(), version);
            assertEquals(Optional.empty(), citus.cannotHoldSingleShardTables(TABLES), version);
        }
    }

    @Test
    void withoutCitusTheyArePlainTables() {
        ServerInfo postgres = new ServerInfo("15.4", null);
        assertFalse(postgres.hasSingleShardTables());
        assertEquals(Optional.empty(), postgres.cannotHoldSingleShardTables(TABLES));
    }

    @Test
    void aCitusOlderThanAnyTestedReleaseIsRefusedNamingTheSupportedOnes() {
        for (String older : new String[] {"10.2-4", "11.0-1", "11.2-2"}) {
            Optional<String> reason = new ServerInfo("15.20", older).unsupported();
            assertTrue(reason.isPresent(), older);
            assertTrue(reason.get().startsWith("Citus " + older + " is older than any release this plugin was tested on:"
                    + " it supports Citus 11.3 and later (PostgreSQL 15.20, Citus " + older + ")"), reason.get());
        }
    }

    @Test
    void testedReleasesAndPlainPostgresqlAreSupported() {
        for (String supported : new String[] {"11.3-2", "12.1-1", "13.2-1", "14.0-1"}) {
            assertEquals(Optional.empty(), new ServerInfo("15.20", supported).unsupported(), supported);
        }
        assertEquals(Optional.empty(), new ServerInfo("17.6", null).unsupported());
    }
}
