package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.citusaudit.db.Database;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.testing.PostgresTestSupport;

/**
 * Tier 1: hostile names (quotes, dots, %, $, $$, ;, spaces, reserved words, mixed case, non-ASCII)
 * through generate (the scripts run as a user would run them), apply, verify and drop on a real
 * PostgreSQL. Nothing may break, and nothing may happen but what the spec says.
 */
class HostileNamesTest extends PostgresTestSupport {

    private static final File HOSTILE = new File("src/test/resources/specs/hostile.yaml");
    private static final String SCHEMA = "\"We ird %$ \"\"schema\"\"\"";
    private static final String SOURCE = SCHEMA + ".\"order\"";
    private static final String HISTORY = SCHEMA + ".\"order.hist's\"";

    @Test
    void generatedScriptsApplyVerifyAndDropHandleHostileNames(@TempDir Path out) throws IOException, SQLException {
        db.execute("CREATE TABLE bystander (x int)");
        List<Path> scripts = new GenerateCommand(Console.system()).run(new Requests.Generate(HOSTILE, null, out.toFile(), null, null));
        Path install = scripts.stream().filter(p -> p.getFileName().toString().equals("install.sql")).findFirst().orElseThrow();
        Path uninstall = scripts.stream().filter(p -> p.getFileName().toString().equals("uninstall.sql")).findFirst().orElseThrow();

        runScript(install);
        runScript(install);
        assertTrue(verifyPasses(), "the generated script installs what verify expects");
        db.execute("INSERT INTO " + SOURCE + " SELECT g, g, g, g, '%s' FROM generate_series(1, 20) g",
                "UPDATE " + SOURCE + " SET \"Größe\" = 0",
                "DELETE FROM " + SOURCE + " WHERE \"user\" <= 5");
        assertEquals(List.of(List.of("DELETE", "5"), List.of("INSERT", "20"), List.of("UPDATE", "20")),
                db.query("SELECT operation, count(*) FROM " + HISTORY + " GROUP BY 1 ORDER BY 1"));
        assertEquals("20", db.single("SELECT count(*) FROM " + HISTORY + " WHERE \"a.b%s\" = '%s' AND operation = 'INSERT'"
                + " AND \"it's; DROP TABLE x; --\" = \"user\" AND \"$$\" = \"user\""));

        new ApplyCommand(Console.system()).run(new Requests.Apply(HOSTILE, null, server.settings(), null, false, "5s"));
        assertEquals("1", db.single("SELECT count(*) FROM pg_trigger WHERE tgname = 'trig$1 %L'"), "apply on top of the script: one trigger");

        runScript(uninstall);
        runScript(uninstall);
        assertEquals(List.of(List.of("0", "0", "45")), db.query("SELECT (SELECT count(*) FROM pg_trigger WHERE tgname = 'trig$1 %L'),"
                + " (SELECT count(*) FROM pg_proc WHERE proname = 'fn%s''x'), (SELECT count(*) FROM " + HISTORY + ")"),
                "uninstall removes trigger and function, keeps history");
        assertFalse(verifyPasses(), "verify sees the audit is gone");

        new ApplyCommand(Console.system()).run(new Requests.Apply(HOSTILE, null, server.settings(), null, false, "5s"));
        assertTrue(verifyPasses());
        new DropCommand(Console.system()).run(new Requests.Drop(HOSTILE, null, server.settings(), true, "5s"));
        new DropCommand(Console.system()).run(new Requests.Drop(HOSTILE, null, server.settings(), true, "5s"));
        assertEquals(List.of(List.of("0", "1", "1")), db.query("SELECT (SELECT count(*) FROM pg_trigger WHERE tgname = 'trig$1 %L'),"
                + " (SELECT count(*) FROM pg_class WHERE relname = 'order'), (SELECT count(*) FROM pg_class WHERE relname = 'bystander')"),
                "drop with history removes the audit, never the source table or anything else");
        assertEquals("0", db.single("SELECT count(*) FROM pg_class WHERE relname = 'order.hist''s'"));
    }

    private static boolean verifyPasses() {
        return new VerifyCommand(Console.system()).run(new Requests.Verify(HOSTILE, null, server.settings(), null, null, false)).passed();
    }

    /**
     * The script's statements as psql -f sends them (the driver honours quotes and dollar quotes);
     * its one psql command, \set ON_ERROR_STOP, is what a failing statement does here anyway.
     */
    private static void runScript(Path script) throws IOException, SQLException {
        String sql = Files.readAllLines(script).stream().filter(line -> !line.startsWith("\\set ON_ERROR_STOP"))
                .collect(java.util.stream.Collectors.joining("\n"));
        try (Connection c = new Database(server.settings()).connect(); java.sql.Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
