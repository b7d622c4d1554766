package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.citusaudit.catalog.DriftException;
import io.github.citusaudit.db.ConnectionSettings;
import io.github.citusaudit.render.ScriptFormat;
import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.testing.MigrationTools;
import io.github.citusaudit.testing.TestDatabase;

/**
 * The Flyway and Liquibase scenarios, the same on PostgreSQL (tier 1) and Citus (tier 2): the seed
 * spec generated, run by the tool, verify passes and a change of each kind is recorded once; a
 * second run does nothing; the spec then stops recording deletes, the tool runs what changed, and
 * verify passes with the new spec.
 */
final class FlywayLiquibaseScenarios {

    private static final Pattern CHANGESET = Pattern.compile("<changeSet ");

    private FlywayLiquibaseScenarios() {
    }

    static void flyway(ConnectionSettings server, TriggerMode mode, Path temp) throws IOException, SQLException {
        Path spec = seedSpec(temp);
        Path location = Files.createDirectories(temp.resolve("db/migration"));
        generate(spec.toFile(), location, mode, ScriptFormat.flyway);
        assertEquals(1, MigrationTools.flywayMigrate(server, location), "the first migrate runs the repeatable migration");
        verify(spec.toFile(), server, mode);
        TestDatabase db = new TestDatabase(server);
        writeAndExpect(db, List.of(List.of("DELETE", "1"), List.of("INSERT", "2"), List.of("UPDATE", "1")));

        assertEquals(0, MigrationTools.flywayMigrate(server, location), "a second migrate of the same migration runs nothing");
        MigrationTools.flywayValidate(server, location);

        withoutDeletes(spec);
        generate(spec.toFile(), location, mode, ScriptFormat.flyway);
        assertEquals(1, MigrationTools.flywayMigrate(server, location), "a changed migration runs again");
        verify(spec.toFile(), server, mode);
        // One more INSERT recorded once (the migration ran twice, the trigger is there once); the DELETE not at all.
        writeAndExpect(db, List.of(List.of("DELETE", "1"), List.of("INSERT", "4"), List.of("UPDATE", "2")));
        assertEquals(0, MigrationTools.flywayMigrate(server, location));
    }

    static void liquibase(ConnectionSettings server, TriggerMode mode, Path temp) throws Exception {
        Path spec = seedSpec(temp);
        Path directory = Files.createDirectories(temp.resolve("changelog"));
        Path changelog = generate(spec.toFile(), directory, mode, ScriptFormat.liquibase).get(0);
        String name = changelog.getFileName().toString();
        int changesets = count(Files.readString(changelog));
        List<String> first = MigrationTools.liquibaseUpdate(server, directory, name);
        assertEquals(List.of("shard6", "shard6.account"), first, "the first update runs every changeset");
        assertEquals(2, changesets);
        verify(spec.toFile(), server, mode);
        TestDatabase db = new TestDatabase(server);
        writeAndExpect(db, List.of(List.of("DELETE", "1"), List.of("INSERT", "2"), List.of("UPDATE", "1")));

        assertEquals(List.of(), MigrationTools.liquibaseUpdate(server, directory, name), "a second update runs nothing");

        withoutDeletes(spec);
        generate(spec.toFile(), directory, mode, ScriptFormat.liquibase);
        assertEquals(List.of("shard6.account"), MigrationTools.liquibaseUpdate(server, directory, name),
                "the table's changeset, whose statements changed, runs again; the schema's does not");
        verify(spec.toFile(), server, mode);
        // One more INSERT recorded once (the changeset ran twice, the trigger is there once); the DELETE not at all.
        writeAndExpect(db, List.of(List.of("DELETE", "1"), List.of("INSERT", "4"), List.of("UPDATE", "2")));
        assertEquals(List.of(), MigrationTools.liquibaseUpdate(server, directory, name));
    }

    static List<Path> generate(File spec, Path directory, TriggerMode mode, ScriptFormat format) {
        return new GenerateCommand(Console.system()).run(new Requests.Generate(spec, null, directory.toFile(), null, mode, format));
    }

    /** verify of the spec, failing the test with verify's message on any finding. */
    static void verify(File spec, ConnectionSettings server, TriggerMode mode) {
        try {
            assertTrue(new VerifyCommand(Console.system()).run(new Requests.Verify(spec, null, server, mode, null, true)).passed());
        } catch (DriftException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** The seed spec in a directory of its own, under its own name (which names the migration). */
    private static Path seedSpec(Path temp) throws IOException {
        Path spec = Files.createDirectories(temp.resolve("spec")).resolve("citus-audit.yaml");
        Files.copy(FlywayLiquibaseTest.SEED.toPath(), spec);
        return spec;
    }

    private static void withoutDeletes(Path spec) throws IOException {
        String text = Files.readString(spec);
        String changed = text.replace("operations: [insert, update, delete]", "operations: [insert, update]");
        assertFalse(text.equals(changed), "the seed spec lists its operations as expected");
        Files.writeString(spec, changed);
    }

    /**
     * Two INSERTs, an UPDATE of one and a DELETE of the other on new clients, then the history's
     * count per operation.
     */
    private static void writeAndExpect(TestDatabase db, List<List<String>> counts) throws SQLException {
        long client = Long.parseLong(db.single("SELECT coalesce(max(client_id), 0) + 1 FROM shard6.account_hist"));
        db.execute("INSERT INTO shard6.account (client_id, account_name, account_type, status, version)"
                        + " VALUES (" + client + ", 'first', 1, 1, 1), (" + (client + 1) + ", 'second', 1, 1, 1)",
                "UPDATE shard6.account SET status = 2 WHERE client_id = " + client,
                "DELETE FROM shard6.account WHERE client_id = " + (client + 1));
        assertEquals(counts, db.query("SELECT operation, count(*) FROM shard6.account_hist GROUP BY 1 ORDER BY 1"));
    }

    private static int count(String changelog) {
        Matcher matcher = CHANGESET.matcher(changelog);
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }
}
