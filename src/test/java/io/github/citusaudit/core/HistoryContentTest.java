package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.citusaudit.db.Database;
import io.github.citusaudit.report.Console;
import io.github.citusaudit.testing.PostgresTestSupport;

/** Tier 1: what a history row says, on a real PostgreSQL. */
class HistoryContentTest extends PostgresTestSupport {

    static final File TRUST = new File("src/test/resources/specs/trust.yaml");

    @BeforeEach
    void install() throws SQLException {
        db.execute("DROP SCHEMA IF EXISTS trust CASCADE");
        new ApplyCommand(Console.system()).run(new Requests.Apply(TRUST, null, server.settings(), null, false, "5s"));
        db.execute("INSERT INTO trust.acct VALUES (1, 10, 100, 'n')");
    }

    @Test
    void updatesThatChangeNoAuditedColumnRecordNothing() throws SQLException {
        db.execute("UPDATE trust.acct SET balance = balance",
                "UPDATE trust.acct SET note = 'only an excluded column'",
                "UPDATE trust.acct SET balance = 101");
        assertEquals(List.of(List.of("INSERT", "100"), List.of("UPDATE", "100")),
                db.query("SELECT op, balance FROM trust.acct_hist ORDER BY hid"));
        assertEquals("0", db.single("SELECT count(*) FROM pg_attribute WHERE attrelid = 'trust.acct_hist'::regclass AND attname = 'note'"));
    }

    @Test
    void theApplicationUserComesFromTheSessionSetting() throws SQLException {
        try (Connection c = new Database(server.settings()).connect(); Statement s = c.createStatement()) {
            s.execute("SET app.username = 'alice'");
            s.execute("UPDATE trust.acct SET balance = 1");
            s.execute("RESET app.username");
            s.execute("DELETE FROM trust.acct");
        }
        // NULL, not '', where the setting was never set or was reset
        assertEquals(List.of(Arrays.asList("INSERT", null, "postgres"), Arrays.asList("UPDATE", "alice", "postgres"),
                Arrays.asList("DELETE", null, "postgres")),
                db.query("SELECT op, app_user, db_user FROM trust.acct_hist ORDER BY hid"));
    }

    @Test
    void statementTimeTransactionIdAndBackendPid() throws SQLException {
        String pid;
        try (Connection c = new Database(server.settings()).connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("UPDATE trust.acct SET balance = 1");
            s.execute("SELECT pg_sleep(0.02)");
            s.execute("UPDATE trust.acct SET balance = 2");
            try (var rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getString(1);
            }
            c.commit();
        }
        List<List<String>> rows = db.query("SELECT at::text, txid::text, gpid::text FROM trust.acct_hist WHERE op = 'UPDATE' ORDER BY hid");
        assertEquals(2, rows.size());
        assertNotEquals(rows.get(0).get(0), rows.get(1).get(0), "statement time differs between statements");
        assertEquals(rows.get(0).get(1), rows.get(1).get(1), "one transaction, one txid");
        assertEquals(List.of(pid, pid), List.of(rows.get(0).get(2), rows.get(1).get(2)));
    }

    /**
     * The trigger runs its history INSERT inside a block that catches what a source migration raises
     * (templates/common/history-insert.vm); history refusing the row for any other reason must still
     * fail the write, and leave neither the row nor its history.
     */
    @Test
    void aWriteFailsWhenHistoryRefusesItsRow() throws SQLException {
        db.execute("CREATE UNIQUE INDEX acct_hist_one_per_op ON trust.acct_hist (id, op)",
                "UPDATE trust.acct SET balance = 101");
        assertEquals("23505", failedWrite("UPDATE trust.acct SET balance = 102"), "unique violation in history");
        db.execute("DROP INDEX trust.acct_hist_one_per_op",
                "ALTER TABLE trust.acct_hist ADD CONSTRAINT acct_hist_user CHECK (app_user IS NOT NULL) NOT VALID");
        assertEquals("23514", failedWrite("INSERT INTO trust.acct VALUES (2, 20, 200, 'n')"), "check violation in history");
        // A class the block catches (datatype_mismatch), raised by no source migration: history's column of the
        // application user retyped. The row goes by name, whose INSERT, outside any block, raises it again.
        db.execute("ALTER TABLE trust.acct_hist DROP CONSTRAINT acct_hist_user",
                "ALTER TABLE trust.acct_hist ALTER COLUMN app_user TYPE integer USING NULL");
        assertEquals("42804", failedWrite("DELETE FROM trust.acct"), "an audit value history's column cannot take");
        assertEquals(List.of(List.of("1", "101")), db.query("SELECT id::text, balance::text FROM trust.acct"));
        assertEquals(List.of(List.of("INSERT", "100"), List.of("UPDATE", "100")),
                db.query("SELECT op, balance::text FROM trust.acct_hist ORDER BY hid"));
    }

    /** The SQLSTATE the statement failed with (it must fail). */
    private static String failedWrite(String statement) {
        SQLException failure = assertThrows(SQLException.class, () -> db.execute(statement), statement);
        return failure.getSQLState();
    }
}
