package io.github.citusaudit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.citusaudit.catalog.DriftException;
import io.github.citusaudit.core.ApplyCommand;
import io.github.citusaudit.core.Requests;
import io.github.citusaudit.core.VerifyCommand;
import io.github.citusaudit.db.ConnectionSettings;
import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.report.VerifyReport;

/**
 * Issue 12's migration, run against an audited table while a writer changes it without pause: one
 * client of the {@link OracleWorkload} (one session, so the trigger function's plans stay cached
 * across the DDL) makes INSERT, UPDATE and DELETE on oracle.ledger while a column is dropped, one
 * renamed, one retyped and one added, each through the coordinator; verify runs, then apply (the
 * writer still running) and verify again. What it saw comes back as an {@link Outcome} for the test
 * to judge ({@link #check(Outcome)}). Also: the distribution column renamed, and (Citus) a
 * coordinator holding shards written through before and after a migration.
 */
public final class SchemaMigration {

    public static final File SPEC = new File("src/test/resources/specs/migration.yaml");

    /** Rows the writer does not touch: written by the scenario with a value history cannot hold yet. */
    private static final long UNFIT_ID = 900_000_000L;
    private static final String UNFIT_VALUE = "3000000000";
    private static final int WRITES_PER_STEP = 60;
    private static final long STEP_TIMEOUT_SECONDS = 120;

    /**
     * What the scenario saw.
     *
     * @param writesPerStep   writes the writer completed during each step and after it, before the next
     * @param failedWrites    the writer's statements that failed
     * @param firstFailure    the first one's message, or null
     * @param difference      history against the writer's oracle: rows with their surplus (+) or shortfall (-)
     * @param findingsBefore  verify's failing lines after the migration, before apply
     * @param verifiedAfter   verify after apply, with every write recorded so far
     * @param columnRuns      per migrated column, its values in history in the order they were recorded,
     *                        each run of equal values once ({@code [desc, null]}: desc, then NULL from some row on)
     * @param unfitBefore     the history value of a row written after the retype, before apply, with a value
     *                        history's column could not hold then
     * @param unfitAfter      the same, written after apply
     */
    public record Outcome(Map<String, Integer> writesPerStep, int failedWrites, String firstFailure,
            Map<OracleWorkload.Row, Integer> difference, List<String> findingsBefore, VerifyReport verifiedAfter,
            Map<String, List<String>> columnRuns, String unfitBefore, String unfitAfter) {
    }

    /**
     * What issue 12 asks of the outcome: every write succeeded, each step had writes, and the history
     * equals the oracle; the migrated columns' history is as the README says (a dropped column NULL
     * from the drop on, a renamed one NULL under its old name from the rename on and recorded under
     * its new one from apply on, an added one from apply on); a value history could not hold before
     * apply is NULL, after apply it is kept; verify named each change before apply and passes after.
     */
    public static void check(Outcome outcome) {
        assertEquals(0, outcome.failedWrites(), "a write failed: " + outcome.firstFailure());
        outcome.writesPerStep().forEach((step, writes) -> assertTrue(writes >= WRITES_PER_STEP, step + ": " + writes));
        assertEquals(Map.of(), outcome.difference(), "history differs from the oracle (+ surplus, - missing)");
        assertEquals(Arrays.asList("desc", null), outcome.columnRuns().get("account_desc"));
        assertEquals(Arrays.asList("code", null), outcome.columnRuns().get("account_code"));
        assertEquals(Arrays.asList(null, "code"), outcome.columnRuns().get("code"));
        assertEquals(Arrays.asList(null, "extra"), outcome.columnRuns().get("extra"));
        assertNull(outcome.unfitBefore());
        assertEquals(UNFIT_VALUE, outcome.unfitAfter());
        String findings = String.join("\n", outcome.findingsBefore());
        for (String change : List.of("'balance' was retyped from integer to bigint", "'account_code' was renamed to 'code'",
                "'account_desc' was dropped", "'extra' was added")) {
            assertTrue(findings.contains("oracle.ledger | history table | FAIL source column " + change), findings);
        }
        assertTrue(outcome.verifiedAfter().passed(), String.join("\n", outcome.verifiedAfter().lines()));
    }

    /**
     * What renaming the distribution column must do: an INSERT, UPDATE and DELETE after it recorded
     * with its value; apply refused while it had its new name; verify passes once it is renamed back.
     */
    public static void check(DistributionRename renamed) {
        assertEquals(List.of(List.of("INSERT", "7", "10"), List.of("UPDATE", "7", "10"), List.of("DELETE", "7", "11")),
                renamed.history());
        assertTrue(renamed.applyRefused() != null
                && renamed.applyRefused().startsWith("the distribution column 'tenant' of oracle.ledger is not in the table"),
                String.valueOf(renamed.applyRefused()));
        assertTrue(renamed.verifiedAfter().passed(), String.join("\n", renamed.verifiedAfter().lines()));
    }

    private final ConnectionSettings settings;
    private final TestDatabase db;
    private final TriggerMode mode;

    /** @param mode the trigger mode apply is asked for; null to let it choose */
    public SchemaMigration(ConnectionSettings settings, TriggerMode mode) {
        this.settings = settings;
        this.db = new TestDatabase(settings);
        this.mode = mode;
    }

    /**
     * What renaming the distribution column did.
     *
     * @param history      the history rows of an INSERT, UPDATE and DELETE made after the rename: op, tenant, balance
     * @param applyRefused why apply refused while the column had its new name
     * @param verifiedAfter verify after the column was renamed back and apply ran
     */
    public record DistributionRename(List<List<String>> history, String applyRefused, VerifyReport verifiedAfter) {
    }

    public Outcome run() throws Exception {
        createAndApply();
        OracleWorkload writer = new OracleWorkload(settings);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<List<OracleWorkload.Row>> oracle = thread.submit(() -> writer.run(1, Integer.MAX_VALUE, 12L));
            Steps steps = new Steps(writer, oracle);
            steps.run("before", () -> { });
            steps.run("drop", () -> db.execute("ALTER TABLE oracle.ledger DROP COLUMN account_desc"));
            steps.run("rename", () -> db.execute("ALTER TABLE oracle.ledger RENAME COLUMN account_code TO code"));
            steps.run("retype", () -> db.execute("ALTER TABLE oracle.ledger ALTER COLUMN balance TYPE bigint", unfitRow(1)));
            steps.run("add", () -> db.execute("ALTER TABLE oracle.ledger ADD COLUMN extra text DEFAULT 'extra'"));
            List<String> findingsBefore = failingLines(verify());
            steps.run("apply", () -> {
                apply();
                db.execute(unfitRow(2));
            });
            writer.stop();
            List<OracleWorkload.Row> expected = oracle.get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new Outcome(steps.writes, writer.failed(), writer.firstFailure(),
                    OracleWorkload.difference(expected, writtenHistory()), findingsBefore, verify(), columnRuns(),
                    db.single("SELECT balance FROM oracle.ledger_hist WHERE id = " + (UNFIT_ID + 1)),
                    db.single("SELECT balance FROM oracle.ledger_hist WHERE id = " + (UNFIT_ID + 2)));
        } finally {
            writer.stop();
            thread.shutdownNow();
        }
    }

    /**
     * The distribution column renamed: history is kept by it, so writes must still record its value,
     * and apply must refuse rather than build a function that cannot.
     */
    public DistributionRename renameTheDistributionColumn() throws SQLException {
        createAndApply();
        db.execute("ALTER TABLE oracle.ledger RENAME COLUMN tenant TO tenant_id",
                "INSERT INTO oracle.ledger (id, tenant_id, balance) VALUES (1, 7, 10)",
                "UPDATE oracle.ledger SET balance = 11 WHERE tenant_id = 7",
                "DELETE FROM oracle.ledger WHERE tenant_id = 7");
        String refused = null;
        try {
            apply();
        } catch (DriftException e) {
            refused = e.getMessage();
        }
        List<List<String>> history = db.query("SELECT op, tenant, balance FROM oracle.ledger_hist ORDER BY at, hid");
        db.execute("ALTER TABLE oracle.ledger RENAME COLUMN tenant_id TO tenant");
        apply();
        return new DistributionRename(history, refused, verify());
    }

    /**
     * Citus, with the coordinator holding shards: the coordinator runs its own statements' shard
     * writes itself, with connections to the workers open in the same transaction. Multi-shard
     * statements, autocommit and in a transaction, before and after a column is dropped.
     *
     * @return the history rows by operation, {@code [op, count]}, and last the shards the
     *         coordinator held, {@code [coordinator shards, n]}
     */
    public List<List<String>> writeOnACoordinatorHoldingShards() throws SQLException {
        String coordinatorShards = "SELECT count(*) FROM pg_catalog.pg_dist_placement p JOIN pg_catalog.pg_dist_shard s"
                + " USING (shardid) WHERE p.groupid = 0 AND s.logicalrelid = 'oracle.ledger'::regclass";
        db.execute("SELECT citus_set_node_property(nodename, nodeport, 'shouldhaveshards', true) FROM pg_dist_node"
                + " WHERE groupid = 0");
        try {
            // Colocated with nothing: a colocation group made before would keep its placements on the workers.
            createTable();
            db.execute("SELECT create_distributed_table('oracle.ledger', 'tenant', shard_count => 8, colocate_with => 'none')");
            apply();
            db.execute("INSERT INTO oracle.ledger (id, tenant, balance) SELECT g, g, g FROM generate_series(1, 400) g",
                    "BEGIN", "INSERT INTO oracle.ledger (id, tenant, balance) SELECT g, g, g FROM generate_series(1001, 1100) g",
                    "UPDATE oracle.ledger SET balance = balance + 1", "COMMIT",
                    "ALTER TABLE oracle.ledger DROP COLUMN account_desc",
                    "BEGIN", "UPDATE oracle.ledger SET balance = balance + 1", "DELETE FROM oracle.ledger", "COMMIT");
            List<List<String>> outcome = new ArrayList<>(
                    db.query("SELECT op, count(*) FROM oracle.ledger_hist GROUP BY op ORDER BY op"));
            outcome.add(List.of("coordinator shards", db.single(coordinatorShards)));
            return outcome;
        } finally {
            db.execute("DROP SCHEMA IF EXISTS oracle CASCADE",
                    "SELECT citus_set_node_property(nodename, nodeport, 'shouldhaveshards', false) FROM pg_dist_node"
                            + " WHERE groupid = 0");
        }
    }

    private void createAndApply() throws SQLException {
        createTable();
        apply();
    }

    private void createTable() throws SQLException {
        db.execute("DROP SCHEMA IF EXISTS oracle CASCADE", "CREATE SCHEMA oracle",
                "CREATE TABLE oracle.ledger (id bigint NOT NULL, tenant bigint NOT NULL, balance integer NOT NULL,"
                        + " account_code varchar(20) DEFAULT 'code', account_desc text DEFAULT 'desc',"
                        + " PRIMARY KEY (id, tenant))");
    }

    /** Runs each step while the writer runs, and waits for some writes after it. */
    private static final class Steps {

        private final OracleWorkload writer;
        private final Future<?> running;
        private final Map<String, Integer> writes = new LinkedHashMap<>();

        Steps(OracleWorkload writer, Future<?> running) {
            this.writer = writer;
            this.running = running;
        }

        void run(String name, OracleWorkload.Maintenance step) throws Exception {
            int before = writer.done();
            step.run();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_TIMEOUT_SECONDS);
            while (writer.done() < before + WRITES_PER_STEP) {
                if (running.isDone()) {
                    running.get();
                    throw new IllegalStateException("the writer ended early, at step " + name);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("step " + name + ": the writer made " + (writer.done() - before)
                            + " writes in " + STEP_TIMEOUT_SECONDS + " s");
                }
                Thread.sleep(10);
            }
            writes.put(name, writer.done() - before);
        }
    }

    private static String unfitRow(int n) {
        long id = UNFIT_ID + n;
        return "INSERT INTO oracle.ledger (id, tenant, balance) VALUES (" + id + ", " + id + ", " + UNFIT_VALUE + ")";
    }

    /** The history of the writer's rows, as the oracle notes them. */
    private List<OracleWorkload.Row> writtenHistory() throws SQLException {
        List<OracleWorkload.Row> rows = new ArrayList<>();
        for (List<String> row : db.query("SELECT op, id, tenant, balance FROM oracle.ledger_hist WHERE id < " + UNFIT_ID)) {
            rows.add(new OracleWorkload.Row(row.get(0), Long.parseLong(row.get(1)), Long.parseLong(row.get(2)),
                    Long.parseLong(row.get(3))));
        }
        return rows;
    }

    private Map<String, List<String>> columnRuns() throws SQLException {
        List<String> columns = List.of("account_desc", "account_code", "code", "extra");
        // In the order written: one writer, one statement after the other. Not by id alone: on Citus
        // each worker draws history ids from a range of its own.
        List<List<String>> rows = db.query("SELECT " + String.join(", ", columns) + " FROM oracle.ledger_hist WHERE id < "
                + UNFIT_ID + " ORDER BY at, hid");
        Map<String, List<String>> runs = new LinkedHashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            List<String> run = new ArrayList<>();
            for (List<String> row : rows) {
                if (run.isEmpty() || !Objects.equals(run.get(run.size() - 1), row.get(c))) {
                    run.add(row.get(c));
                }
            }
            runs.put(columns.get(c), run);
        }
        return runs;
    }

    private void apply() {
        new ApplyCommand(Console.system()).run(new Requests.Apply(SPEC, null, settings, mode, false, "30s"));
    }

    private VerifyReport verify() {
        return new VerifyCommand(Console.system()).run(new Requests.Verify(SPEC, null, settings, mode, null, false));
    }

    private static List<String> failingLines(VerifyReport report) {
        return report.lines().stream().filter(l -> l.contains("| FAIL ")).map(l -> l.replaceAll(" +", " ")).toList();
    }
}
