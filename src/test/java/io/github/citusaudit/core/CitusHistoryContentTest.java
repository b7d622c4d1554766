package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.citusaudit.db.Database;
import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.testing.CitusTestSupport;
import io.github.citusaudit.testing.UpdateImages;

/**
 * Tier 2: what a history row says on Citus, where the trigger runs on the worker holding the shard,
 * in a session the coordinator opened: session settings of the application's session reach it only
 * when Citus propagates them.
 */
class CitusHistoryContentTest extends CitusTestSupport {

    @Test
    void theApplicationUserReachesTheWorkersWithSetLocalAndPropagation() throws SQLException {
        for (TriggerMode mode : TriggerMode.values()) {
            db.execute("DROP SCHEMA IF EXISTS trust CASCADE");
            apply(mode);
            try (Connection c = new Database(cluster.coordinator()).connect(); Statement s = c.createStatement()) {
                // A plain SET stays on the coordinator: the worker's trigger does not see it.
                s.execute("SET app.username = 'bob'");
                s.execute("INSERT INTO trust.acct VALUES (1, 10, 100, 'n')");
                // What reaches the worker: SET LOCAL inside a transaction, with propagation on.
                s.execute("SET citus.propagate_set_commands = 'local'");
                c.setAutoCommit(false);
                s.execute("SET LOCAL app.username = 'alice'");
                s.execute("UPDATE trust.acct SET balance = 1 WHERE tenant = 10");
                c.commit();
                c.setAutoCommit(true);
                s.execute("DELETE FROM trust.acct WHERE tenant = 10");
            }
            assertEquals(List.of(Arrays.asList("INSERT", null), Arrays.asList("UPDATE", "alice"), Arrays.asList("DELETE", null)),
                    db.query("SELECT op, app_user FROM trust.acct_hist ORDER BY at, hid"), "mode " + mode);
        }
    }

    /**
     * apply can set citus.propagate_set_commands for the database, so that the application's SET
     * LOCAL alone reaches the workers; verify warns while it is set nowhere, and says where it is.
     */
    @Test
    void applyPropagatesSetCommandsForTheDatabaseAndVerifySaysWhetherItIs() throws SQLException {
        String reset = "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I RESET citus.propagate_set_commands', current_database()); END $$";
        db.execute("DROP SCHEMA IF EXISTS trust CASCADE", reset);
        try {
            apply(null);
            List<String> before = verifyLog();
            assertTrue(before.stream().anyMatch(l -> l.startsWith("WARN appUser of trust.acct reads NULL unless each application"
                    + " session sets citus.propagate_set_commands = 'local'")), String.join("\n", before));

            new ApplyCommand(Console.system()).run(new Requests.Apply(HistoryContentTest.TRUST, null, cluster.coordinator(), null,
                    false, "30s", List.of("database")));
            try (Connection c = new Database(cluster.coordinator()).connect(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("SET LOCAL app.username = 'carol'");
                s.execute("INSERT INTO trust.acct VALUES (2, 20, 200, 'n')");
                c.commit();
            }
            assertEquals(List.of(List.of("INSERT", "carol")), db.query("SELECT op, app_user FROM trust.acct_hist WHERE tenant = 20"));
            List<String> after = verifyLog();
            assertTrue(after.contains("INFO citus.propagate_set_commands = 'local' for the database: the application's SET LOCAL"
                    + " reaches the workers"), String.join("\n", after));
        } finally {
            db.execute(reset);
        }
    }

    /** What verify logs, each line behind its level. */
    private static List<String> verifyLog() {
        List<String> lines = new ArrayList<>();
        Console recording = new Console() {
            @Override
            public void info(String line) {
                lines.add("INFO " + line);
            }

            @Override
            public void warn(String line) {
                lines.add("WARN " + line);
            }

            @Override
            public void debug(String line) {
            }
        };
        new VerifyCommand(recording).run(new Requests.Verify(HistoryContentTest.TRUST, null, cluster.coordinator(), null, null, true));
        return lines;
    }

    @Test
    void unchangedUpdatesAreSkippedOnTheShards() throws SQLException {
        apply(null);
        db.execute("INSERT INTO trust.acct SELECT g, g, 0, 'n' FROM generate_series(1, 50) g",
                "UPDATE trust.acct SET balance = balance", "UPDATE trust.acct SET note = 'x'", "UPDATE trust.acct SET balance = 1");
        assertEquals(List.of(List.of("INSERT", "50"), List.of("UPDATE", "50")),
                db.query("SELECT op, count(*) FROM trust.acct_hist GROUP BY 1 ORDER BY 1"));
    }

    @Test
    void theGlobalProcessIdIsTheCoordinatorSessions() throws SQLException {
        apply(null);
        String gpid;
        try (Connection c = new Database(cluster.coordinator()).connect(); Statement s = c.createStatement()) {
            try (var rs = s.executeQuery("SELECT citus_backend_gpid()")) {
                rs.next();
                gpid = rs.getString(1);
            }
            s.execute("INSERT INTO trust.acct SELECT g, g, 0, 'n' FROM generate_series(1, 20) g");
        }
        assertEquals(List.of(List.of(gpid, "20")), db.query("SELECT gpid::text, count(*) FROM trust.acct_hist GROUP BY 1"));
    }

    @Test
    void bothVersionsOfAnUpdateOrTheNewOneOnTheShards() throws SQLException {
        for (TriggerMode mode : TriggerMode.values()) {
            db.execute("DROP SCHEMA IF EXISTS images CASCADE");
            new ApplyCommand(Console.system()).run(new Requests.Apply(UpdateImages.SPEC, null, cluster.coordinator(), mode, false, "30s"));
            UpdateImages.check(db);
        }
    }

    private static void apply(TriggerMode mode) {
        new ApplyCommand(Console.system()).run(new Requests.Apply(HistoryContentTest.TRUST, null, cluster.coordinator(), mode, false, "30s"));
    }
}
