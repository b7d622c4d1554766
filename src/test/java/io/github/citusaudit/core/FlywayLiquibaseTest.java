package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.citusaudit.db.ConnectionSettings;
import io.github.citusaudit.render.FlywayMigration;
import io.github.citusaudit.render.LiquibaseChangelog;
import io.github.citusaudit.render.ScriptFormat;
import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.testing.MigrationTools;
import io.github.citusaudit.testing.PostgresTestSupport;

/**
 * Tier 1: what generate writes for Flyway and Liquibase, run by the real tools against a real
 * PostgreSQL: verify passes after it, a second run does nothing, and after a spec change the tools
 * run what changed again and verify passes with the new spec.
 */
class FlywayLiquibaseTest extends PostgresTestSupport {

    static final File SEED = new File("src/examples/seed/citus-audit.yaml");
    static final File HOSTILE = new File("src/test/resources/specs/hostile.yaml");

    @TempDir
    Path temp;

    @BeforeEach
    void startEmpty() throws SQLException {
        db.execute("DROP SCHEMA IF EXISTS shard6 CASCADE", "DROP SCHEMA IF EXISTS \"We ird %$ \"\"schema\"\"\" CASCADE");
        MigrationTools.forgetRuns(db);
    }

    @Test
    void flywayRunsTheRepeatableMigrationOnceAndAgainWhenTheSpecChanges() throws Exception {
        FlywayLiquibaseScenarios.flyway(server.settings(), TriggerMode.NATIVE, temp);
    }

    @Test
    void liquibaseRunsEachChangesetOnceAndAgainWhenItChanges() throws Exception {
        FlywayLiquibaseScenarios.liquibase(server.settings(), TriggerMode.NATIVE, temp);
    }

    /** Quotes, dollar quotes, semicolons and per cents in names: neither tool splits a statement. */
    @Test
    void bothToolsRunTheHostileNamesWhole() throws Exception {
        ConnectionSettings settings = server.settings();
        Path flyway = Files.createDirectories(temp.resolve("flyway"));
        FlywayLiquibaseScenarios.generate(HOSTILE, flyway, TriggerMode.NATIVE, ScriptFormat.flyway);
        assertEquals(1, MigrationTools.flywayMigrate(settings, flyway));
        FlywayLiquibaseScenarios.verify(HOSTILE, settings, TriggerMode.NATIVE);

        db.execute("DROP SCHEMA \"We ird %$ \"\"schema\"\"\" CASCADE");
        Path liquibase = Files.createDirectories(temp.resolve("liquibase"));
        List<Path> files = FlywayLiquibaseScenarios.generate(HOSTILE, liquibase, TriggerMode.NATIVE, ScriptFormat.liquibase);
        List<String> ran = MigrationTools.liquibaseUpdate(settings, liquibase, files.get(0).getFileName().toString());
        assertFalse(ran.isEmpty());
        FlywayLiquibaseScenarios.verify(HOSTILE, settings, TriggerMode.NATIVE);
    }

    /**
     * A statement that fails leaves those before it committed and Flyway records no run; once the
     * cause is gone, the next migrate runs the migration again and completes it.
     */
    @Test
    void aFailedFlywayMigrationIsCompletedByTheNextMigrateOnceTheCauseIsGone() throws Exception {
        ConnectionSettings settings = server.settings();
        // A view where the history table belongs: the step adding history's columns fails on it.
        db.execute("CREATE SCHEMA shard6", "CREATE VIEW shard6.account_hist AS SELECT 1::bigint AS account_hist_id");
        Path location = Files.createDirectories(temp.resolve("flyway"));
        FlywayLiquibaseScenarios.generate(SEED, location, TriggerMode.NATIVE, ScriptFormat.flyway);
        FlywayException failed = assertThrows(FlywayException.class, () -> MigrationTools.flywayMigrate(settings, location));
        assertTrue(failed.getMessage().contains("R__citus_audit.sql"), failed.getMessage());
        assertEquals("t", db.single("SELECT to_regclass('shard6.account') IS NOT NULL"), "the statements before the failure stay");
        assertEquals("0", db.single("SELECT count(*) FROM flyway_schema_history WHERE description = 'citus audit'"));

        db.execute("DROP VIEW shard6.account_hist");
        assertEquals(1, MigrationTools.flywayMigrate(settings, location));
        FlywayLiquibaseScenarios.verify(SEED, settings, TriggerMode.NATIVE);
        assertEquals(List.of(List.of("t")), db.query("SELECT success FROM flyway_schema_history WHERE description = 'citus audit'"));
    }

    /**
     * A changeset that fails is not recorded, the statements before the failure stay, and the next
     * update runs the whole changeset again: the step that found a view in its way and did nothing
     * then creates the history table.
     */
    @Test
    void aFailedLiquibaseChangesetRunsWholeInTheNextUpdateOnceTheCauseIsGone() throws Exception {
        ConnectionSettings settings = server.settings();
        db.execute("CREATE SCHEMA shard6", "CREATE VIEW shard6.account_hist AS SELECT 1::bigint AS account_hist_id");
        Path directory = Files.createDirectories(temp.resolve("liquibase"));
        String changelog = FlywayLiquibaseScenarios.generate(SEED, directory, TriggerMode.NATIVE, ScriptFormat.liquibase).get(0)
                .getFileName().toString();
        Exception failed = assertThrows(Exception.class, () -> MigrationTools.liquibaseUpdate(settings, directory, changelog));
        assertTrue(String.valueOf(failed.getMessage()).contains("shard6.account: history columns")
                || String.valueOf(failed.getCause()).contains("shard6.account"), String.valueOf(failed));
        assertEquals(List.of(List.of("shard6")), db.query("SELECT id FROM databasechangelog ORDER BY orderexecuted"));
        assertEquals("t", db.single("SELECT to_regclass('shard6.account') IS NOT NULL"), "the statements before the failure stay");

        db.execute("DROP VIEW shard6.account_hist");
        assertEquals(List.of("shard6.account"), MigrationTools.liquibaseUpdate(settings, directory, changelog));
        FlywayLiquibaseScenarios.verify(SEED, settings, TriggerMode.NATIVE);
    }

    @Test
    void theFlywayMigrationHasNoPsqlCommandAndItsConfigurationRunsEachStatementOnItsOwn() throws IOException {
        List<Path> files = FlywayLiquibaseScenarios.generate(SEED, temp, TriggerMode.NATIVE, ScriptFormat.flyway);
        assertEquals(List.of("R__citus_audit.sql", "R__citus_audit.sql.conf"), files.stream().map(f -> f.getFileName().toString()).toList());
        List<String> lines = Files.readAllLines(files.get(0), StandardCharsets.UTF_8);
        assertEquals(List.of(), lines.stream().filter(l -> l.startsWith("\\")).toList());
        String configuration = Files.readString(files.get(1));
        assertTrue(configuration.contains("\nexecuteInTransaction=false\n") && configuration.contains("\nplaceholderReplacement=false\n"),
                configuration);
        assertEquals("R__citus_audit_little_big.sql", FlywayMigration.fileName("little-big.yaml"));
        assertEquals("citus-audit-little-big.changelog.xml", LiquibaseChangelog.fileName("little-big.yaml"));
    }
}
