package io.github.citusaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
}
