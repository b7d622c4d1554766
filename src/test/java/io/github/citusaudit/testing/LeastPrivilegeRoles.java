package io.github.citusaudit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.github.citusaudit.core.ApplyCommand;
import io.github.citusaudit.core.Requests;
import io.github.citusaudit.db.ConnectionSettings;
import io.github.citusaudit.db.Database;
import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.report.Console;

/**
 * The roles of a production database, the same on PostgreSQL and on Citus: the audit's owner runs
 * apply without being a superuser; the application writes with DML rights on its table only, as
 * itself or after SET ROLE; a reader may read history. Nobody but the owner may change history.
 */
public final class LeastPrivilegeRoles {

    public static final File SPEC = new File("src/test/resources/specs/roles.yaml");
    private static final List<String> ROLES = List.of("audit_owner", "app", "app_batch", "reporting");

    private final ConnectionSettings superuser;

    public LeastPrivilegeRoles(ConnectionSettings superuser) {
        this.superuser = superuser;
    }

    /** Drops what an earlier run left and creates the roles; only the owner may create schemas. */
    public void createRoles() throws SQLException {
        TestDatabase db = new TestDatabase(superuser);
        db.execute("DROP SCHEMA IF EXISTS roles CASCADE");
        for (String role : ROLES) {
            db.execute("DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role + "') THEN"
                    + " EXECUTE 'DROP OWNED BY " + role + "'; EXECUTE 'DROP ROLE " + role + "'; END IF; END $$");
        }
        for (String role : ROLES) {
            db.execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
        }
        db.execute("GRANT app_batch TO app",
                "DO $$ BEGIN EXECUTE format('GRANT CREATE ON DATABASE %I TO audit_owner', current_database()); END $$");
        // Citus propagates database grants from 12 on; before, the DBA grants on each worker too.
        db.execute("DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN"
                + " PERFORM run_command_on_workers(format('GRANT CREATE ON DATABASE %I TO audit_owner', current_database()));"
                + " END IF; END $$");
    }

    /** A session of {@code role} (the servers the tests start trust loopback); a user named in the URL would win. */
    public ConnectionSettings as(String role) {
        return new ConnectionSettings(superuser.url().replaceAll("([?&])user=[^&]*&?", "$1").replaceAll("[?&]$", ""), role, null);
    }

    /** apply, as the owner, in the given trigger mode (null: the server's default). */
    public void applyAsOwner(TriggerMode mode) {
        new ApplyCommand(Console.system()).run(new Requests.Apply(SPEC, null, as("audit_owner"), mode, false, "10s"));
    }

    /** What a DBA grants the application: its schema, its table, the table's sequence; nothing of history. */
    public void grantTheApplicationItsTable() throws SQLException {
        new TestDatabase(as("audit_owner")).execute(
                "GRANT USAGE ON SCHEMA roles TO app, app_batch, reporting",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON roles.account TO app, app_batch",
                "GRANT USAGE ON SEQUENCE roles.account_id_seq TO app, app_batch");
    }

    /** The application's writes: two as itself, two after SET ROLE app_batch. */
    public void writeAsTheApplication() throws SQLException {
        try (Connection c = new Database(as("app")).connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO roles.account (client_id, balance) VALUES (1, 10)");
            s.execute("UPDATE roles.account SET balance = 11 WHERE client_id = 1");
            s.execute("SET ROLE app_batch");
            s.execute("INSERT INTO roles.account (client_id, balance) VALUES (2, 20)");
            s.execute("DELETE FROM roles.account WHERE client_id = 1");
        }
    }

    /** Each change is recorded with the role that made it, not the function's owner. */
    public void assertHistoryNamesTheRoleThatMadeEachChange() throws SQLException {
        assertEquals(List.of(List.of("INSERT", "1", "app"), List.of("UPDATE", "1", "app"), List.of("INSERT", "2", "app_batch"),
                List.of("DELETE", "1", "app_batch")),
                new TestDatabase(superuser).query("SELECT op, client_id::text, changed_by FROM roles.account_hist ORDER BY hid"));
    }

    /** A reader (history.readers) reads history, and nothing more: it cannot change it either. */
    public void assertReadersReadHistoryOnly() throws SQLException {
        assertEquals("4", new TestDatabase(as("reporting")).single("SELECT count(*) FROM roles.account_hist"));
        SQLException refused = assertThrows(SQLException.class,
                () -> new TestDatabase(as("reporting")).execute("DELETE FROM roles.account_hist"));
        assertEquals("42501", refused.getSQLState(), refused.getMessage());
        SQLException noSource = assertThrows(SQLException.class,
                () -> new TestDatabase(as("app")).single("SELECT count(*) FROM roles.account_hist"));
        assertEquals("42501", noSource.getSQLState(), "the application is no reader: " + noSource.getMessage());
    }

    /** History is evidence: the application can neither write, change, delete nor truncate it. */
    public void assertTheApplicationCannotTouchHistory() {
        for (String change : List.of("INSERT INTO roles.account_hist (hid, op, at, client_id) VALUES (-1, 'INSERT', now(), 1)",
                "UPDATE roles.account_hist SET changed_by = 'someone else'", "DELETE FROM roles.account_hist",
                "TRUNCATE roles.account_hist")) {
            for (String role : List.of("app", "app_batch")) {
                SQLException refused = assertThrows(SQLException.class, () -> new TestDatabase(as(role)).execute(change), change);
                assertEquals("42501", refused.getSQLState(), role + ": " + change + ": " + refused.getMessage());
            }
        }
    }
}
