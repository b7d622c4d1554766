package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.citusaudit.testing.PostgresTestSupport;
import io.github.citusaudit.testing.SchemaMigration;

/**
 * Tier 1, issue 12: a column dropped, one renamed, one retyped and one added on an audited table
 * while a writer runs fail none of its writes and lose none of its history; verify names each
 * change until apply catches up.
 */
class SchemaMigrationTest extends PostgresTestSupport {

    @Test
    void writesThroughDropRenameRetypeAndAddSucceedAndAreRecorded() throws Exception {
        SchemaMigration.check(new SchemaMigration(server.settings(), null).run());
    }

    @Test
    void renamingTheDistributionColumnFailsNoWriteAndApplyRefusesUntilItIsRenamedBack() throws Exception {
        SchemaMigration.DistributionRename renamed = new SchemaMigration(server.settings(), null).renameTheDistributionColumn();
        assertEquals(List.of(List.of("INSERT", "7", "10"), List.of("UPDATE", "7", "10"), List.of("DELETE", "7", "11")),
                renamed.history());
        assertTrue(renamed.applyRefused().startsWith("the distribution column 'tenant' of oracle.ledger is not in the table"),
                renamed.applyRefused());
        assertTrue(renamed.verifiedAfter().passed(), String.join("\n", renamed.verifiedAfter().lines()));
    }
}
