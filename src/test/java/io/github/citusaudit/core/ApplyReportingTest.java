package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.citusaudit.db.Database;
import io.github.citusaudit.db.DatabaseException;
import io.github.citusaudit.report.ApplyReport;
import io.github.citusaudit.report.StepResult;
import io.github.citusaudit.testing.PostgresTestSupport;
import io.github.citusaudit.testing.RecordingConsole;

/**
 * Tier 1: apply says what each step did, read from the catalog before and after it; a dry run shows
 * only what would change and changes nothing; waits are said; an interrupted apply cancels its
 * statement on the server.
 */
class ApplyReportingTest extends PostgresTestSupport {

    private static final File SEED = new File("src/examples/seed/citus-audit.yaml");
    /** Every relation, function and trigger of the seed's schema with its row version: any change shows. */
    private static final String CATALOG = "SELECT c.relname, c.xmin::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname IN ('shard6', 'app')"
            + " UNION ALL SELECT p.proname, p.xmin::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
            + " WHERE n.nspname IN ('shard6', 'app')"
            + " UNION ALL SELECT t.tgname, t.xmin::text FROM pg_trigger t WHERE NOT t.tgisinternal"
            + " UNION ALL SELECT nspname, xmin::text FROM pg_namespace WHERE nspname IN ('shard6', 'app') ORDER BY 1, 2";

    @TempDir
    Path temp;

    @BeforeEach
    void dropEverything() throws SQLException {
        db.execute("DROP SCHEMA IF EXISTS shard6 CASCADE", "DROP SCHEMA IF EXISTS app CASCADE");
    }

    @Test
    void eachStepSaysCreatedChangedOrUnchangedAndASecondApplyHasNothingToDo() {
        RecordingConsole console = new RecordingConsole();
        ApplyReport first = apply(console, SEED, false, null);
        assertEquals(List.of(
                "shard6: schema -> created (schema shard6)",
                "shard6.account: sequence account_account_id_seq -> created (sequence shard6.account_account_id_seq)",
                "shard6.account: table -> created (table shard6.account with 11 columns)",
                "shard6.account: history sequence -> created (sequence shard6.account_hist_account_hist_id_seq)",
                "shard6.account: history table -> created (table shard6.account_hist with 15 columns)",
                "shard6.account: as-of function -> created (function shard6.account_hist_as_of(timestamp without time zone))",
                "shard6.account: trigger function -> created (function shard6.account_audit())",
                "shard6.account: trigger -> created (trigger account_audit on shard6.account)"), changes(first));
        assertTrue(console.lines().contains(first.countLine()), "the count line is logged");
        assertEquals(first.steps().size() + " steps: 8 created, 0 changed, " + (first.steps().size() - 8) + " unchanged",
                first.countLine());

        ApplyReport second = apply(new RecordingConsole(), SEED, false, null);
        assertEquals(List.of(), changes(second));
        assertEquals("nothing to do: all " + second.steps().size() + " steps unchanged", second.countLine());
    }

    @Test
    void whatIsThereIsNotSentAgainButWhatIsNotRightStillIs() throws Exception {
        apply(new RecordingConsole(), SEED, false, null);
        db.execute("ALTER TABLE shard6.account DISABLE TRIGGER account_audit");
        RecordingConsole console = new RecordingConsole();
        ApplyReport again = apply(console, SEED, false, null);
        // The tables and sequences are there: their create-if-missing statements are not sent.
        for (String step : List.of("sequence account_account_id_seq", "table", "history sequence", "history table")) {
            assertEquals(1, console.containing("shard6.account: " + step + " -> unchanged (already there: not sent)").size(),
                    String.join("\n", console.lines()));
        }
        // A disabled trigger is not the trigger the template leaves: its step is sent, and enables it.
        assertEquals(List.of("shard6.account: trigger -> changed (trigger account_audit on shard6.account: disabled, type 29,"
                + " calls shard6.account_audit() -> enabled, type 29, calls shard6.account_audit())"), changes(again));
        assertEquals("O", db.single("SELECT tgenabled::text FROM pg_trigger WHERE tgname = 'account_audit'"));
        assertEquals(List.of(), console.containing("trigger -> unchanged (already there"));

        // A template of the user's own is always sent: what it does when its object is there is its own.
        Path templates = temp.resolve("templates");
        Files.createDirectories(templates.resolve("install"));
        Files.copy(Path.of("templates/install/source-table.sql.vm"), templates.resolve("install/source-table.sql.vm"));
        RecordingConsole overridden = new RecordingConsole();
        new ApplyCommand(overridden).run(new Requests.Apply(SEED, templates.toFile(), server.settings(), null, false, "5s", List.of(),
                null));
        assertEquals(List.of(), overridden.containing("shard6.account: table -> unchanged (already there"));
        assertEquals(1, overridden.containing("shard6.account: table -> unchanged in ").size(), String.join("\n", overridden.lines()));
        assertEquals(1, overridden.containing("shard6.account: history table -> unchanged (already there: not sent)").size());
    }

    @Test
    void aDisabledTriggerAndAMigrationAreReportedFromTheCatalog() throws Exception {
        db.execute("CREATE SCHEMA app", "CREATE TABLE app.orders (id bigint PRIMARY KEY, amount numeric(12,2))");
        File spec = existingOrders();
        apply(new RecordingConsole(), spec, false, null);

        db.execute("ALTER TABLE app.orders DISABLE TRIGGER orders_audit");
        assertEquals(List.of("app.orders: trigger -> changed (trigger orders_audit on app.orders: disabled, type 29, calls"
                + " app.orders_audit() -> enabled, type 29, calls app.orders_audit())"), changes(apply(new RecordingConsole(), spec, false, null)));

        db.execute("ALTER TABLE app.orders ADD COLUMN note text, ADD COLUMN qty integer", "ALTER TABLE app.orders ALTER amount TYPE numeric(14,2)");
        assertEquals(List.of(
                "app.orders: history columns -> changed (added columns note, qty to app.orders_hist; column"
                        + " app.orders_hist.amount retyped from numeric(12,2) to numeric(14,2))",
                "app.orders: trigger function -> changed (function body changed)"), changes(apply(new RecordingConsole(), spec, false, null)));
    }

    @Test
    void aDryRunShowsWhatTheApplyAfterItDoesAndChangesNothing() throws Exception {
        List<List<String>> before = db.query(CATALOG);
        RecordingConsole console = new RecordingConsole();
        Path review = temp.resolve("review/dry-run.sql");
        ApplyReport dry = apply(console, SEED, true, review.toFile());
        assertEquals(before, db.query(CATALOG), "the dry run changed the catalog");
        assertTrue(dry.dryRun());
        ApplyReport real = apply(new RecordingConsole(), SEED, false, null);
        assertEquals(changes(real), changes(dry), "the dry run foretold another outcome than apply's");
        assertEquals(real.steps().size() + " steps: 8 would be created, 0 would be changed, " + (real.steps().size() - 8)
                + " unchanged", dry.countLine().replace("dry run: ", ""));
        // Only what would change is shown, each as "would be ...".
        assertEquals(8, console.containing(" -> would be created").size(), String.join("\n", console.lines()));
        assertTrue(console.containing("-> unchanged").isEmpty(), "unchanged steps are shown in a dry run");
        String script = Files.readString(review);
        assertEquals(8, script.split("\n-- \\[\\d+/8\\] ", -1).length - 1, script);

        db.execute("DROP TRIGGER account_audit ON shard6.account");
        List<List<String>> dropped = db.query(CATALOG);
        ApplyReport onlyTheTrigger = apply(new RecordingConsole(), SEED, true, review.toFile());
        assertEquals(dropped, db.query(CATALOG));
        assertEquals(List.of("shard6.account: trigger -> created (trigger account_audit on shard6.account)"), changes(onlyTheTrigger));
        script = Files.readString(review);
        assertTrue(script.contains("-- [1/1] shard6.account: trigger\nDO "), script);
        assertFalse(script.contains("CREATE OR REPLACE FUNCTION"), "the review lists a step that would change nothing:\n" + script);

        apply(new RecordingConsole(), SEED, false, null);
        assertEquals("nothing to do: all " + real.steps().size() + " steps unchanged (dry run)",
                apply(new RecordingConsole(), SEED, true, null).countLine());
    }

    @Test
    void aWaitForALockIsSaidAndAnInterruptCancelsTheStatementOnTheServer() throws Exception {
        apply(new RecordingConsole(), SEED, false, null);
        db.execute("DROP TRIGGER account_audit ON shard6.account");
        try (Connection blocker = new Database(server.settings()).connect(); Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            // A writer's open transaction: CREATE TRIGGER needs a lock its ROW EXCLUSIVE conflicts with.
            statement.execute("INSERT INTO shard6.account (client_id, account_name, account_type, status, version) VALUES (1, 'w', 1, 1, 1)");
            String blockerPid = db.single("SELECT pid::text FROM pg_locks WHERE relation = 'shard6.account'::regclass AND granted"
                    + " AND mode = 'RowExclusiveLock'");
            RecordingConsole console = new RecordingConsole();
            ApplyCommand command = new ApplyCommand(console);
            CompletableFuture<ApplyReport> apply = CompletableFuture.supplyAsync(() -> command.run(new Requests.Apply(SEED, null,
                    server.settings(), null, false, "60s")));
            String waiting = "shard6.account: trigger: waiting for a lock on shard6.account held by pid " + blockerPid + " (";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (console.containing(waiting).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(1, console.containing(waiting).size(), String.join("\n", console.lines()));
            assertTrue(console.containing(waiting).get(0).endsWith(" s of 60 s)"), console.containing(waiting).get(0));
            assertEquals("1", db.single("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'shard6.account'::regclass"));

            command.interrupt();
            ExecutionException failed = assertThrows(ExecutionException.class, () -> apply.get(30, TimeUnit.SECONDS));
            DatabaseException cause = (DatabaseException) failed.getCause();
            assertTrue(cause.getMessage().matches("(?s)\\[(\\d+)/\\1\\] shard6\\.account: trigger was interrupted: the server"
                    + " cancelled the statement and rolled it back.*SQLSTATE 57014.*"), cause.getMessage());
            assertEquals(1, console.containing("citus-audit apply interrupted during [").size(), String.join("\n", console.lines()));
            // Gone from the lock queue at once, while the writer's transaction is still open; nothing half applied.
            assertEquals("0", db.single("SELECT count(*) FROM pg_locks WHERE NOT granted"));
            assertEquals("0", db.single("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"));
            assertEquals("0", db.single("SELECT count(*) FROM pg_trigger WHERE tgname = 'account_audit'"));
            blocker.commit();
        }
        ApplyReport again = apply(new RecordingConsole(), SEED, false, null);
        assertEquals(List.of("shard6.account: trigger -> created (trigger account_audit on shard6.account)"), changes(again));
    }

    @Test
    void anotherApplyHoldingTheApplyLockIsSaid() throws Exception {
        try (Connection other = new Database(server.settings()).connect(); Statement statement = other.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + 0x6369747573617564L + ")");
            String otherPid = db.single("SELECT pid::text FROM pg_locks WHERE locktype = 'advisory' AND granted");
            RecordingConsole console = new RecordingConsole();
            DatabaseException e = assertThrows(DatabaseException.class, () -> new ApplyCommand(console)
                    .run(new Requests.Apply(SEED, null, server.settings(), null, false, "1s")));
            assertTrue(e.getMessage().contains("lock timeout"), e.getMessage());
            assertEquals(List.of("waiting for another apply to finish (its session is pid " + otherPid + "; for at most 1s, the lock"
                    + " timeout)"), console.containing("waiting for another apply"));
        }
    }

    private File existingOrders() throws IOException {
        Path spec = temp.resolve("orders.yaml");
        Files.writeString(spec, """
                schema: app
                tables:
                  - name: orders
                    distribution: local
                    columns: existing
                """);
        return spec.toFile();
    }

    /** "subject: step -> outcome" of each step that created or changed something. */
    static List<String> changes(ApplyReport report) {
        return report.changes().stream().map(ApplyReportingTest::line).toList();
    }

    private static String line(StepResult step) {
        return step.statement().title() + " -> " + step.outcome().describe();
    }

    private static ApplyReport apply(RecordingConsole console, File spec, boolean dryRun, File dryRunOutput) {
        return new ApplyCommand(console).run(new Requests.Apply(spec, null, server.settings(), null, dryRun, "5s", List.of(),
                dryRunOutput));
    }
}
