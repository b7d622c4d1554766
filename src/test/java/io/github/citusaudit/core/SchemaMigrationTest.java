package io.github.citusaudit.core;

import org.junit.jupiter.api.Test;

import io.github.citusaudit.testing.PostgresTestSupport;
import io.github.citusaudit.testing.SchemaMigration;

/**
 * Tier 1, issue 12: a column dropped, one renamed, one retyped and one added on an audited table
 * while a writer runs fail none of its writes and lose none of its history; verify names each
 * change until apply catches up. A renamed distribution column fails no write either.
 */
class SchemaMigrationTest extends PostgresTestSupport {

    @Test
    void writesThroughDropRenameRetypeAndAddSucceedAndAreRecorded() throws Exception {
        SchemaMigration.check(new SchemaMigration(server.settings(), null).run());
    }

    @Test
    void renamingTheDistributionColumnFailsNoWriteAndApplyRefusesUntilItIsRenamedBack() throws Exception {
        SchemaMigration.check(new SchemaMigration(server.settings(), null).renameTheDistributionColumn());
    }
}
