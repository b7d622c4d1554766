package io.github.citusaudit.core;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.testing.CitusTestSupport;
import io.github.citusaudit.testing.SchemaMigration;

/**
 * Tier 2, issue 12, in both trigger modes: a column dropped, one renamed, one retyped and one added
 * through the coordinator while a writer runs fail none of its writes (the triggers run on the
 * workers, in sessions Citus keeps, with the function's plans cached) and lose none of its history;
 * verify names each change until apply catches up.
 */
class CitusSchemaMigrationTest extends CitusTestSupport {

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void writesThroughDropRenameRetypeAndAddSucceedAndAreRecorded(TriggerMode mode) throws Exception {
        SchemaMigration.check(new SchemaMigration(cluster.coordinator(), mode).run());
    }
}
