package io.github.citusaudit.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.citusaudit.catalog.DriftException;
import io.github.citusaudit.core.ApplyCommand;
import io.github.citusaudit.core.DropCommand;
import io.github.citusaudit.core.Requests;
import io.github.citusaudit.core.VerifyCommand;
import io.github.citusaudit.report.CheckResult;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.report.VerifyReport;
import io.github.citusaudit.testing.PostgresTestSupport;

/** Tier 1: verify and drop against a real PostgreSQL without Citus. */
class VerifyTest extends PostgresTestSupport {

    private static final File SEED = new File("src/examples/seed/citus-audit.yaml");

    @TempDir
    Path reports;

    @BeforeEach
    void clean() throws SQLException {
        db.execute("DROP SCHEMA IF EXISTS shard6 CASCADE");
    }

    @Test
    void aFreshApplyVerifiesAndTheReportsAreWritten() throws Exception {
        apply();
        VerifyReport report = verify(true);
        assertTrue(report.passed(), String.join("\n", report.lines()));
        assertEquals(List.of("source columns", "history table", "trigger function", "triggers"),
                report.results().stream().map(CheckResult::check).toList());
        assertTrue(Files.readString(reports.resolve("verify.json")).contains("\"passed\": true"));
        assertTrue(Files.readString(reports.resolve("TEST-citus-audit-verify.xml")).contains("tests=\"4\" failures=\"0\""));
    }

    @Test
    void eachKindOfDriftIsNamedAndApplyRepairsIt() throws SQLException {
        apply();
        db.execute("ALTER TABLE shard6.account DISABLE TRIGGER account_audit");
        assertFindings("shard6.account | triggers | FAIL trigger account_audit is disabled (tgenabled=D)");
        apply();
        assertTrue(verify(true).passed());

        db.execute("ALTER TABLE shard6.account ADD COLUMN note text");
        assertFindings("shard6.account | history table | FAIL source column 'note' was added: not recorded until apply adds it"
                + " to history",
                "shard6.account | trigger function | FAIL trigger function shard6.account_audit() differs from what apply would create");
        apply();
        assertTrue(verify(true).passed());

        // A function that runs with the writer's rights: an application role could not write history.
        db.execute("ALTER FUNCTION shard6.account_audit() SECURITY INVOKER RESET search_path");
        assertFindings("shard6.account | trigger function | FAIL trigger function shard6.account_audit() runs with the rights of"
                + " the role that writes (not SECURITY DEFINER with search_path pinned)");
        apply();
        assertTrue(verify(true).passed());

        db.execute("DROP TRIGGER account_audit ON shard6.account", "DROP FUNCTION shard6.account_audit()");
        assertFindings("shard6.account | trigger function | FAIL trigger function shard6.account_audit() is missing",
                "shard6.account | triggers | FAIL trigger account_audit is missing");
        apply();
        assertTrue(verify(true).passed());
    }

    @Test
    void failOnDriftFalseOnlyWarns() throws SQLException {
        apply();
        db.execute("DROP TRIGGER account_audit ON shard6.account");
        VerifyReport report = verify(false);
        assertFalse(report.passed());
        assertEquals(1, report.failures().size());
    }

    @Test
    void verifyChangesNothing() throws SQLException {
        apply();
        String state = "SELECT (SELECT xmin::text FROM pg_proc WHERE proname = 'account_audit'),"
                + " (SELECT xmin::text FROM pg_trigger WHERE tgname = 'account_audit')";
        List<List<String>> before = db.query(state);
        verify(true);
        assertEquals(before, db.query(state));
    }

    @Test
    void dropRemovesTriggersAndFunctionsAndOnlyWithDropHistoryTheHistory() throws SQLException {
        apply();
        db.execute("INSERT INTO shard6.account (client_id, account_name, account_type, status, version) VALUES (1, 'x', 1, 1, 1)");
        drop(false);
        drop(false);
        assertEquals("0|0|1", db.single("SELECT (SELECT count(*) FROM pg_trigger WHERE tgname = 'account_audit') || '|' ||"
                + " (SELECT count(*) FROM pg_proc WHERE proname = 'account_audit') || '|' || (SELECT count(*) FROM shard6.account_hist)"));
        drop(true);
        assertEquals("null", db.single("SELECT coalesce(to_regclass('shard6.account_hist')::text, 'null')"));
        DriftException e = assertThrows(DriftException.class, () -> verify(true));
        assertTrue(e.getMessage().contains("verify check(s) failed"), e.getMessage());
    }

    private void assertFindings(String... expectedPrefixes) {
        DriftException e = assertThrows(DriftException.class, () -> verify(true));
        assertTrue(e.getMessage().startsWith(expectedPrefixes.length + " verify check(s) failed"), e.getMessage());
        VerifyReport report = verify(false);
        List<String> lines = report.lines().stream().filter(l -> l.contains("| FAIL ")).map(l -> l.replaceAll(" +", " ")).toList();
        assertEquals(expectedPrefixes.length, lines.size(), String.join("\n", lines));
        for (int i = 0; i < expectedPrefixes.length; i++) {
            assertTrue(lines.get(i).startsWith(expectedPrefixes[i]), lines.get(i));
        }
        // The failure message itself carries every failing row: a quiet build (mvn -q) shows only it.
        String message = e.getMessage().replaceAll(" +", " ");
        for (String line : lines) {
            assertTrue(message.contains(line.replace("| FAIL ", "| ")), "the failure message lacks '" + line + "':\n" + e.getMessage());
        }
    }

    private static void apply() {
        new ApplyCommand(Console.system()).run(new Requests.Apply(SEED, null, server.settings(), null, false, "5s"));
    }

    private VerifyReport verify(boolean failOnDrift) {
        return new VerifyCommand(Console.system()).run(new Requests.Verify(SEED, null, server.settings(), null, reports.toFile(),
                failOnDrift));
    }

    private static void drop(boolean dropHistory) {
        new DropCommand(Console.system()).run(new Requests.Drop(SEED, null, server.settings(), dropHistory, "5s"));
    }
}
