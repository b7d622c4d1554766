package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.testing.CitusTestSupport;
import io.github.citusaudit.testing.SchemaMigration;

/**
 * Tier 2, issue 12, in both trigger modes: a column dropped, one renamed, one retyped and one added
 * through the coordinator while a writer runs fail none of its writes (the triggers run on the
 * workers, in sessions Citus keeps, with the function's plans cached) and lose none of its history;
 * verify names each change until apply catches up. A renamed distribution column, and a coordinator
 * that holds shards, fail no write either.
 */
class CitusSchemaMigrationTest extends CitusTestSupport {

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void writesThroughDropRenameRetypeAndAddSucceedAndAreRecorded(TriggerMode mode) throws Exception {
        SchemaMigration.check(new SchemaMigration(cluster.coordinator(), mode).run());
    }

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void renamingTheDistributionColumnFailsNoWriteAndApplyRefusesUntilItIsRenamedBack(TriggerMode mode) throws Exception {
        SchemaMigration.check(new SchemaMigration(cluster.coordinator(), mode).renameTheDistributionColumn());
    }

    /**
     * A coordinator holding shards writes them itself, with connections to the workers open in the
     * same transaction: there a subtransaction per row would make Citus send SAVEPOINT to each of
     * them, and fail a multi-shard statement while they are busy.
     */
    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void aCoordinatorHoldingShardsRecordsMultiShardStatementsBeforeAndAfterAMigration(TriggerMode mode) throws Exception {
        List<List<String>> outcome = new SchemaMigration(cluster.coordinator(), mode).writeOnACoordinatorHoldingShards();
        assertEquals(List.of(List.of("DELETE", "500"), List.of("INSERT", "500"), List.of("UPDATE", "1000")),
                outcome.subList(0, 3));
        assertTrue(Integer.parseInt(outcome.get(3).get(1)) > 0, "the coordinator held no shard: " + outcome);
    }
}
