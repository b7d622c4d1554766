package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.testing.CitusTestSupport;
import io.github.citusaudit.testing.MigrationTools;

/**
 * Tier 2: the Flyway migration and the Liquibase changelog generate writes, run by the real tools
 * on a Citus cluster in both trigger modes: verify passes after them (every shard placement has its
 * trigger), each change is recorded once, a second run does nothing, and a spec change runs again.
 */
class CitusFlywayLiquibaseTest extends CitusTestSupport {

    @TempDir
    Path temp;

    @BeforeEach
    void neitherToolHasRun() throws SQLException {
        MigrationTools.forgetRuns(db);
    }

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void flyway(TriggerMode mode) throws Exception {
        FlywayLiquibaseScenarios.flyway(cluster.coordinator(), mode, temp);
    }

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void liquibase(TriggerMode mode) throws Exception {
        Optional<String> cannot = MigrationTools.liquibaseCannotReadColumns(cluster.coordinator());
        assumeTrue(cannot.isEmpty(), () -> cannot.get());
        FlywayLiquibaseScenarios.liquibase(cluster.coordinator(), mode, temp);
    }
}
