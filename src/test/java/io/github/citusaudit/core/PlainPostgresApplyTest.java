package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.citusaudit.catalog.DriftException;
import io.github.citusaudit.db.ConnectionSettings;
import io.github.citusaudit.db.Database;
import io.github.citusaudit.db.DatabaseException;
import io.github.citusaudit.db.StatementRunner;
import io.github.citusaudit.report.ApplyReport;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.spec.SpecException;
import io.github.citusaudit.testing.AsOf;
import io.github.citusaudit.testing.PostgresTestSupport;
import io.github.citusaudit.testing.TestDatabase;

/** Tier 1: apply against a real PostgreSQL (no Citus) that the test starts itself. */
class PlainPostgresApplyTest extends PostgresTestSupport {

    private static final File SEED = new File("src/examples/seed/citus-audit.yaml");

    @TempDir
    Path temp;

    @BeforeEach
    void dropEverything() throws SQLException {
        execute("DROP SCHEMA IF EXISTS shard6 CASCADE", "DROP SCHEMA IF EXISTS app CASCADE",
                "DROP SCHEMA IF EXISTS \"We ird %$ \"\"schema\"\"\" CASCADE");
    }

    @Test
    void historyRowsRecordEachInsertUpdateAndDelete() throws SQLException {
        apply(SEED);
        execute("INSERT INTO shard6.account (client_id, account_name, account_type, status, version)"
                        + " VALUES (7, 'first', 1, 1, 1), (8, 'second', 1, 1, 1)",
                "UPDATE shard6.account SET status = 2, account_name = 'renamed' WHERE client_id = 7",
                "DELETE FROM shard6.account WHERE client_id = 8");
        List<List<String>> rows = query("SELECT account_hist_id, operation, replaced_by, account_id, client_id, account_name,"
                + " status, replaced IS NOT NULL FROM shard6.account_hist ORDER BY account_hist_id");
        assertEquals(List.of(
                List.of("1", "INSERT", "postgres", "1", "7", "first", "1", "t"),
                List.of("2", "INSERT", "postgres", "2", "8", "second", "1", "t"),
                // an UPDATE records the version it replaced
                List.of("3", "UPDATE", "postgres", "1", "7", "first", "1", "t"),
                List.of("4", "DELETE", "postgres", "2", "8", "second", "1", "t")), rows);
    }

    @Test
    void aSecondApplyChangesNothing() throws SQLException {
        apply(SEED);
        String catalogQuery = "SELECT c.relname, c.xmin::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = 'shard6'"
                + " UNION ALL SELECT p.proname, p.xmin::text FROM pg_proc p WHERE p.pronamespace = 'shard6'::regnamespace"
                + " UNION ALL SELECT t.tgname, t.xmin::text FROM pg_trigger t WHERE t.tgrelid = 'shard6.account'::regclass"
                + " ORDER BY 1";
        List<List<String>> before = query(catalogQuery);
        ApplyReport again = apply(SEED);
        assertEquals(before, query(catalogQuery));
        assertEquals(List.of(List.of("1")), query("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'shard6.account'::regclass"));
        assertEquals(seedSteps(), again.steps().size());
    }

    @Test
    void applyRestoresADisabledOrDroppedTrigger() throws SQLException {
        apply(SEED);
        execute("ALTER TABLE shard6.account DISABLE TRIGGER account_audit");
        apply(SEED);
        assertEquals(List.of(List.of("O")), query("SELECT tgenabled FROM pg_trigger WHERE tgrelid = 'shard6.account'::regclass"));
        execute("DROP TRIGGER account_audit ON shard6.account");
        apply(SEED);
        execute("INSERT INTO shard6.account (client_id, account_name, account_type, status, version) VALUES (1, 'x', 1, 1, 1)");
        assertEquals(List.of(List.of("1")), query("SELECT count(*) FROM shard6.account_hist"));
    }

    @Test
    void dryRunChangesNothing() throws SQLException {
        ApplyReport report = new ApplyCommand(Console.system()).run(new Requests.Apply(SEED, null, server.settings(), null, true, null));
        assertTrue(report.dryRun());
        assertEquals(8, report.changes().size(), report.countLine()); // on PostgreSQL the three distribution steps do nothing
        assertEquals(List.of(List.of("0")), query("SELECT count(*) FROM pg_namespace WHERE nspname = 'shard6'"));
    }

    @Test
    void aBadSpecFailsBeforeAnyConnection() throws IOException {
        Path spec = temp.resolve("bad.yaml");
        Files.writeString(spec, "schema: s\ntables:\n  - name: t\n    distribution: local\n    colums: []\n");
        ConnectionSettings nowhere = new ConnectionSettings("jdbc:postgresql://127.0.0.1:1/none", "x", "secret");
        SpecException e = assertThrows(SpecException.class, () -> new ApplyCommand(Console.system())
                .run(new Requests.Apply(spec.toFile(), null, nowhere, null, false, null)));
        assertTrue(e.getMessage().contains("bad.yaml:5:5: unknown key 'colums' in a table (did you mean 'columns'?)"), e.getMessage());
    }

    @Test
    void existingColumnsAreReadFromTheDatabase() throws IOException, SQLException {
        execute("CREATE SCHEMA app", "CREATE TABLE app.orders (id bigint PRIMARY KEY, amount numeric(12,2), note varchar(20), secret text)");
        Path spec = temp.resolve("existing.yaml");
        Files.writeString(spec, """
                schema: app
                tables:
                  - name: orders
                    distribution: local
                    columns: existing
                    history:
                      exclude: [secret]
                """);
        apply(spec.toFile());
        execute("INSERT INTO app.orders VALUES (1, 9.50, 'n', 's')", "UPDATE app.orders SET amount = 10 WHERE id = 1");
        assertEquals(List.of(List.of("INSERT", "1", "9.50", "n"), List.of("UPDATE", "1", "9.50", "n")),
                query("SELECT operation, id, amount, note FROM app.orders_hist ORDER BY history_id"));
        assertEquals(List.of(List.of("numeric(12,2)")), query("SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = 'app.orders_hist'::regclass AND attname = 'amount'"));
        assertEquals(List.of(List.of("0")), query("SELECT count(*) FROM pg_attribute"
                + " WHERE attrelid = 'app.orders_hist'::regclass AND attname = 'secret'"));
    }

    @Test
    void hostileNamesAreQuotedEverywhere() throws IOException, SQLException {
        Path spec = temp.resolve("hostile.yaml");
        Files.writeString(spec, """
                schema: 'We ird %$ "schema"'
                tables:
                  - name: order
                    distribution: local
                    columns:
                      - {name: user, type: text}
                      - {name: "it's; DROP TABLE x; --", type: int}
                      - {name: "$$", type: int}
                      - {name: "Größe", type: int}
                    history:
                      table: "order.hist"
                      trigger: "trig$1"
                      function: "fn%s"
                """);
        apply(spec.toFile());
        apply(spec.toFile());
        execute("INSERT INTO \"We ird %$ \"\"schema\"\"\".\"order\" VALUES ('u', 1, 2, 3)",
                "DELETE FROM \"We ird %$ \"\"schema\"\"\".\"order\"");
        assertEquals(List.of(List.of("INSERT", "u", "1", "2", "3"), List.of("DELETE", "u", "1", "2", "3")),
                query("SELECT operation, \"user\", \"it's; DROP TABLE x; --\", \"$$\", \"Größe\""
                        + " FROM \"We ird %$ \"\"schema\"\"\".\"order.hist\" ORDER BY history_id"));
    }

    @Test
    void uninstallRemovesTriggerAndFunctionAndKeepsHistory() throws SQLException {
        apply(SEED);
        execute("INSERT INTO shard6.account (client_id, account_name, account_type, status, version) VALUES (1, 'x', 1, 1, 1)");
        uninstall(server.settings(), SEED);
        uninstall(server.settings(), SEED);
        assertEquals(List.of(List.of("0", "0", "1")), query("SELECT (SELECT count(*) FROM pg_trigger WHERE tgname = 'account_audit'),"
                + " (SELECT count(*) FROM pg_proc WHERE proname = 'account_audit'), (SELECT count(*) FROM shard6.account_hist)"));
    }

    /** Runs the uninstall statements generate writes. */
    static void uninstall(ConnectionSettings settings, File spec) throws SQLException {
        var statements = new io.github.citusaudit.render.InstallPlan(new io.github.citusaudit.render.TemplateRenderer(null))
                .uninstall(new io.github.citusaudit.spec.SpecReader().read(spec.toPath()), false);
        try (var connection = new Database(settings).connect()) {
            new StatementRunner(connection, settings, Console.system()).run(statements);
        }
    }

    @Test
    void applyGivesUpAfterLockTimeoutInsteadOfQueueingWriters() throws Exception {
        apply(SEED);
        execute("DROP TRIGGER account_audit ON shard6.account");
        try (var holder = new Database(server.settings()).connect(); var statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("INSERT INTO shard6.account (client_id, account_name, account_type, status, version) VALUES (1, 'x', 1, 1, 1)");
            long start = System.nanoTime();
            DatabaseException e = assertThrows(DatabaseException.class, () -> new ApplyCommand(Console.system())
                    .run(new Requests.Apply(SEED, null, server.settings(), null, false, "300ms")));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(e.getMessage().startsWith("[" + seedSteps() + "/" + seedSteps() + "] shard6.account: trigger gave up waiting for a lock after citus-audit.lockTimeout"),
                    e.getMessage());
            assertTrue(millis < 30_000, "apply waited " + millis + " ms");
            holder.rollback();
        }
        apply(SEED);
        assertEquals(List.of(List.of("1")), query("SELECT count(*) FROM pg_trigger WHERE tgname = 'account_audit'"));
    }

    @Test
    void twoAppliesAtOnceTakeTurnsAndBothSucceed() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> apply(SEED));
            var second = pool.submit(() -> apply(SEED));
            assertEquals(seedSteps(), first.get().steps().size());
            assertEquals(seedSteps(), second.get().steps().size());
        } finally {
            pool.shutdown();
        }
        assertEquals(List.of(List.of("1")), query("SELECT count(*) FROM pg_trigger WHERE tgname = 'account_audit'"));
    }

    @Test
    void aColumnAddedToTheSourceIsAddedToHistoryAndRecorded() throws SQLException {
        apply(SEED);
        execute("ALTER TABLE shard6.account ADD COLUMN note text");
        apply(SEED);
        execute("INSERT INTO shard6.account (client_id, account_name, account_type, status, version, note) VALUES (3, 'x', 1, 1, 1, 'hello')");
        assertEquals(List.of(List.of("INSERT", "hello")), query("SELECT operation, note FROM shard6.account_hist"));
    }

    @Test
    void aDeclaredColumnMissingFromTheTableStopsApplyWithAClearMessage() throws SQLException {
        apply(SEED);
        execute("ALTER TABLE shard6.account DROP COLUMN account_code");
        DriftException e = assertThrows(DriftException.class, () -> apply(SEED));
        assertEquals("apply failed: the spec declares column 'account_code' of shard6.account but the table in the database"
                + " has no such column; add it to the table or remove it from the spec", "apply failed: " + e.getMessage());
    }

    @Test
    void aDroppedOrRetypedColumnOfAnExistingTableIsNamedAndHistoryFollows() throws IOException, SQLException {
        execute("CREATE SCHEMA app", "CREATE TABLE app.items (id bigint PRIMARY KEY, qty int, label text)");
        Path spec = temp.resolve("items.yaml");
        Files.writeString(spec, "schema: app\ntables:\n  - name: items\n    distribution: local\n    columns: existing\n");
        apply(spec.toFile());
        execute("INSERT INTO app.items VALUES (1, 2, 'x')", "ALTER TABLE app.items DROP COLUMN label",
                "ALTER TABLE app.items ALTER COLUMN qty TYPE bigint");
        List<String> said = new ArrayList<>();
        new ApplyCommand(new Console() {
            @Override
            public void info(String line) {
                if (line.startsWith("app.items: ")) {
                    said.add(line);
                }
            }

            @Override
            public void warn(String line) {
                said.add(line);
            }

            @Override
            public void debug(String line) {
            }
        }).run(new Requests.Apply(spec.toFile(), null, server.settings(), null, false, "5s"));
        assertEquals(List.of("app.items: source column 'qty' was retyped from integer to bigint: its history column is retyped"
                + " too (a rewrite of history, unless the types are binary compatible)",
                "app.items: source column 'label' was dropped: its history column is kept (NULL from now on)"), said);
        execute("UPDATE app.items SET qty = 3000000000");
        assertEquals(List.of(List.of("INSERT", "2", "x"), Arrays.asList("UPDATE", "2", null)),
                query("SELECT operation, qty, label FROM app.items_hist ORDER BY history_id"));
        assertEquals(List.of(List.of("bigint")), query("SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = 'app.items_hist'::regclass AND attname = 'qty'"));
    }

    @Test
    void theTableCanBeReadAsOfATime() throws SQLException {
        apply(SEED);
        AsOf.check(db);
    }

    @Test
    void theReportSummarisesPerTable() {
        ApplyReport report = apply(SEED);
        List<String> summary = report.summary();
        assertTrue(summary.get(0).startsWith("Applied 1 audited table(s) on PostgreSQL "), summary.get(0));
        // every step but the schema's is about the table
        assertTrue(summary.stream().anyMatch(l -> l.startsWith("shard6.account | " + (seedSteps() - 1) + " ")), String.join("\n", summary));
    }

    /** How many statements installing the seed spec takes. */
    static int seedSteps() {
        return new io.github.citusaudit.render.InstallPlan(new io.github.citusaudit.render.TemplateRenderer(null))
                .install(new io.github.citusaudit.spec.SpecReader().read(SEED.toPath())).size();
    }

    static ApplyReport apply(File spec) {
        return new ApplyCommand(Console.system()).run(new Requests.Apply(spec, null, server.settings(), null, false, "5s"));
    }

    static void execute(String... statements) throws SQLException {
        new TestDatabase(server.settings()).execute(statements);
    }

    static List<List<String>> query(String sql) throws SQLException {
        return new TestDatabase(server.settings()).query(sql);
    }
}
